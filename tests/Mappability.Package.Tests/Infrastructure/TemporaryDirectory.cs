using System;
using System.IO;

namespace Mappability.Package.Tests.Infrastructure;

/// <summary>
/// A fresh directory under <see cref="Path.GetTempPath"/>, outside the repository so that none of its
/// Directory.Build.props, Directory.Packages.props or .editorconfig files apply. Deleted on dispose
/// unless MAPPABILITY_KEEP_TEMP=1 (then its path is kept for a look after a failure).
/// </summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string purpose)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mappability-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("MAPPABILITY_KEEP_TEMP") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still held open must not turn a passed test into a failure.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
