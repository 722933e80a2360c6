namespace Vfio.Simulation.Cli.Devices;

/// <summary>How kernel-style results are printed: 0, or -ENAME.</summary>
internal static class ResultText
{
    /// <summary>"0" for success (any non-negative result), "-ENAME" for an error.</summary>
    public static string Of(int result) => result >= 0 ? "0" : "-" + Errno.Name(result);
}
