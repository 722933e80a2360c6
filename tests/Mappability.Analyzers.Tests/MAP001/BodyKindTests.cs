using System.Linq;
using System.Threading.Tasks;
using Mappability.Analyzers.Rules;
using Microsoft.CodeAnalysis.Testing;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Ungated;

/// <summary>MAP001: Exceptions, async methods, constructors and other kinds of body.</summary>
public sealed class BodyKindTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    [Fact]
    public Task Sink_in_try_after_gate_with_finally_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    try
                    {
                        if (Gate.Provider(d, 0) is null)
                            return -Errno.EINVAL;
                        return Dma.Export(d, 0);
                    }
                    finally
                    {
                        System.Console.WriteLine("done");
                    }
                }
            }
            """);

    [Fact]
    public Task Sink_after_try_finally_around_the_gate_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    try
                    {
                        if (Gate.Provider(d, 0) is null)
                            return -Errno.EINVAL;
                    }
                    finally
                    {
                        System.Console.WriteLine("asked");
                    }

                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Sink_in_finally_when_gate_is_asked_inside_try_is_reported()
        => Verify("""
            class Driver
            {
                void Export(PciDev d)
                {
                    try
                    {
                        if (Gate.Provider(d, 0) is null)
                            return;
                    }
                    finally
                    {
                        {|MAP001:Dma.Export(d, 0)|};
                    }
                }
            }
            """);

    [Fact]
    public Task Sink_in_catch_when_gate_passed_before_try_is_not_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null)
                        return -Errno.EINVAL;
                    try
                    {
                        return Dma.Export(d, 0);
                    }
                    catch (System.InvalidOperationException)
                    {
                        return Dma.Export(d, 0);
                    }
                }
            }
            """);

    [Fact]
    public Task Sink_in_catch_when_gate_is_asked_inside_try_is_reported()
        => Verify("""
            class Driver
            {
                int Export(PciDev d)
                {
                    try
                    {
                        if (Gate.Provider(d, 0) is null)
                            return -Errno.EINVAL;
                        return 0;
                    }
                    catch (System.InvalidOperationException)
                    {
                        return {|MAP001:Dma.Export(d, 0)|};
                    }
                }
            }
            """);

    [Fact]
    public Task Async_method_sink_after_awaited_gate_check_is_not_reported()
        => Verify("""
            using System.Threading.Tasks;

            class Driver
            {
                async Task<int> ExportAsync(PciDev d)
                {
                    await Task.Yield();
                    if (Gate.Provider(d, 0) is null)
                        return -Errno.EINVAL;
                    await Task.Yield();
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Async_method_sink_without_gate_is_reported()
        => Verify("""
            using System.Threading.Tasks;

            class Driver
            {
                async Task<int> ExportAsync(PciDev d)
                {
                    await Task.Yield();
                    return {|MAP001:Dma.Export(d, 0)|};
                }
            }
            """);

    [Fact]
    public Task Constructor_sink_after_gate_is_not_reported()
        => Verify("""
            class Exporter
            {
                private readonly int _fd;

                public Exporter(PciDev d)
                {
                    if (Gate.Provider(d, 0) is null)
                        throw new System.ArgumentException("unmappable");
                    _fd = Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Constructor_sink_without_gate_is_reported()
        => Verify("""
            class Exporter
            {
                private readonly int _fd;

                public Exporter(PciDev d) => _fd = {|MAP001:Dma.Export(d, 0)|};
            }
            """);

    [Fact]
    public Task Property_getter_sink_without_gate_is_reported()
        => Verify("""
            class Exporter
            {
                private readonly PciDev _d = new PciDev();

                public int Fd => {|MAP001:Dma.Export(_d, 0)|};
            }
            """);
}
