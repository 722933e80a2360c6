using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests;

/// <summary>
/// Roles follow C# inheritance (issues #22 class 2, #29 cause 2): an override or an interface
/// implementation (implicit or explicit) of a gate, sink or requires-gate member has that role,
/// whether the role is declared by attribute or by model file.
/// </summary>
public sealed class RoleInheritanceTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    private const string Scheduler = """
        interface IScheduler
        {
            [Mappability.MappingSink]
            int ScheduleJob(PciDev d, System.Threading.CancellationToken ct);
        }

        sealed class StdScheduler : IScheduler
        {
            public int ScheduleJob(PciDev d, System.Threading.CancellationToken ct) => Dma.Export(d, 0);
        }
        """;

    [Fact]
    public Task Decorator_forwarding_an_interface_sink_is_not_reported()
        => Verify(Scheduler + """

            sealed class LoggingScheduler : IScheduler
            {
                private readonly IScheduler inner;

                public LoggingScheduler(IScheduler inner) => this.inner = inner;

                public int ScheduleJob(PciDev d, System.Threading.CancellationToken ct)
                {
                    System.Console.WriteLine("scheduling");
                    return inner.ScheduleJob(d, ct);
                }
            }
            """);

    [Fact]
    public Task Call_through_the_concrete_class_is_a_sink_call()
        => Verify(Scheduler + """

            static class Client
            {
                static int Run(StdScheduler scheduler, PciDev d) => {|MAP001:scheduler.ScheduleJob(d, default)|};

                static int Gated(StdScheduler scheduler, PciDev d)
                    => Gate.MayMap(d, 0) ? scheduler.ScheduleJob(d, default) : -Errno.EINVAL;
            }
            """);

    [Fact]
    public Task Explicit_implementation_of_a_sink_is_a_sink_and_its_body_is_the_sinks_business()
        => Verify("""
            interface IExporter
            {
                [Mappability.MappingSink]
                int Export(PciDev d);
            }

            sealed class Exporter : IExporter
            {
                int IExporter.Export(PciDev d) => Dma.Export(d, 0);

                static int Caller(IExporter e, PciDev d) => {|MAP001:e.Export(d)|};
            }
            """);

    [Fact]
    public Task Override_of_a_sink_is_a_sink_and_base_call_inside_it_is_not_reported()
        => Verify("""
            abstract class Mapper
            {
                [Mappability.MappingSink]
                public virtual int Map(PciDev d) => Dma.Export(d, 0);
            }

            sealed class TracingMapper : Mapper
            {
                public override int Map(PciDev d)
                {
                    System.Console.WriteLine("map");
                    return base.Map(d);
                }

                static int Caller(TracingMapper m, PciDev d) => {|MAP001:m.Map(d)|};
            }
            """);

    [Fact]
    public Task Override_of_a_requires_gate_method_is_called_under_the_same_obligation()
        => Verify("""
            class Filler
            {
                [Mappability.RequiresMappabilityGate]
                public virtual int Fill(PciDev d) => Dma.Export(d, 0);
            }

            sealed class FastFiller : Filler
            {
                public override int Fill(PciDev d) => Dma.Export(d, 1);

                static int Caller(FastFiller f, PciDev d) => {|MAP001:f.Fill(d)|};
            }
            """);

    [Fact]
    public Task Implementation_of_an_interface_gate_is_a_gate()
        => Verify("""
            interface IGate
            {
                [Mappability.MappabilityGate]
                bool Allows(PciDev d);
            }

            sealed class StrictGate : IGate
            {
                public bool Allows(PciDev d) => !d.NonMappableBars;

                static int Gated(StrictGate g, PciDev d) => g.Allows(d) ? Dma.Export(d, 0) : -Errno.EINVAL;

                static int Unchecked(StrictGate g, PciDev d)
                {
                    {|MAP003:g.Allows(d)|};
                    return Dma.Export(d, 0);
                }
            }
            """);

    [Fact]
    public Task Explicit_implementation_of_an_interface_gate_is_a_gate()
        => Verify("""
            interface IGate
            {
                [Mappability.MappabilityGate]
                bool Allows(PciDev d);
            }

            sealed class StrictGate : IGate
            {
                bool IGate.Allows(PciDev d) => !d.NonMappableBars;

                static int Gated(IGate g, PciDev d) => g.Allows(d) ? Dma.Export(d, 0) : -Errno.EINVAL;
            }
            """);

    [Fact]
    public Task A_method_merely_named_like_a_sink_in_an_unrelated_type_is_not_a_sink()
        => Verify(Scheduler + """

            sealed class Calendar
            {
                public int ScheduleJob(PciDev d, System.Threading.CancellationToken ct) => 0;

                static int Caller(Calendar c, PciDev d) => c.ScheduleJob(d, default);
            }
            """);

    [Fact]
    public Task Model_file_sink_on_an_interface_member_covers_its_implementations()
        => VerifyFlowWithModelFile(
            """
            interface IStore
            {
                int StoreJob(PciDev d);
            }

            sealed class RamStore : IStore
            {
                public int StoreJob(PciDev d) => Dma.Export(d, 0);
            }

            sealed class RetryingStore : IStore
            {
                private readonly IStore inner;

                public RetryingStore(IStore inner) => this.inner = inner;

                int IStore.StoreJob(PciDev d) => inner.StoreJob(d);
            }

            static class Client
            {
                static int Run(RamStore store, PciDev d) => {|MAP001:store.StoreJob(d)|};
            }
            """,
            "sink: M:IStore.StoreJob(PciDev)\n");

    [Fact]
    public Task Model_file_gate_on_an_abstract_member_covers_its_overrides()
        => VerifyFlowWithModelFile(
            """
            abstract class Policy
            {
                public abstract bool Allows(PciDev d);
            }

            sealed class Strict : Policy
            {
                public override bool Allows(PciDev d) => !d.NonMappableBars;

                static int Gated(Strict p, PciDev d) => p.Allows(d) ? Dma.Export(d, 0) : -Errno.EINVAL;
            }
            """,
            "gate: M:Policy.Allows(PciDev)\n");

    [Fact]
    public Task Generic_interface_sink_covers_its_implementation_for_a_type_argument()
        => Verify("""
            interface IMapper<T>
            {
                [Mappability.MappingSink]
                int Map(T target, PciDev d);
            }

            sealed class IntMapper : IMapper<int>
            {
                public int Map(int target, PciDev d) => Dma.Export(d, target);

                static int Caller(IntMapper m, PciDev d) => {|MAP001:m.Map(0, d)|};
            }
            """);
}
