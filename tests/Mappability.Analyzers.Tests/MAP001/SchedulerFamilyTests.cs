using System.Threading.Tasks;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.MAP001;

/// <summary>
/// Gate families in a scheduler (issue #29, cause 5): every client operation asks the scheduler's
/// shutdown check before its store, and a trigger's validation before its fire times are computed.
/// Declared by model file (code the user cannot annotate) and by attribute, with the same verdicts.
/// </summary>
public sealed class SchedulerFamilyTests
{
    private const string Scheduler = """
        #nullable enable
        namespace Quartz
        {
            public sealed class Trigger
            {
                public string? Name;

                public void Validate()
                {
                    if (Name is null)
                    {
                        throw new System.ArgumentException("Trigger's name cannot be null");
                    }
                }

                public System.DateTimeOffset? ComputeFirstFireTimeUtc() => System.DateTimeOffset.UnixEpoch;
            }

            public sealed class JobStore
            {
                public int StoreJobAndTrigger(string job, Trigger trigger) => 0;
            }

            public sealed class QuartzScheduler
            {
                private readonly JobStore store = new();
                private bool shuttingDown;

                public void ValidateState()
                {
                    if (shuttingDown)
                    {
                        throw new System.InvalidOperationException("The Scheduler has been shutdown.");
                    }
                }

                public int ScheduleJob(string job, Trigger trigger)
                {
                    ValidateState();
                    trigger.Validate();
                    trigger.ComputeFirstFireTimeUtc();
                    return store.StoreJobAndTrigger(job, trigger);
                }

                public int RescheduleJob(string job, Trigger trigger)
                {
                    trigger.Validate();
                    trigger.ComputeFirstFireTimeUtc();
                    return {|#0:store.StoreJobAndTrigger(job, trigger)|};
                }

                public System.DateTimeOffset? PreviewFireTime(Trigger trigger)
                {
                    ValidateState();
                    return {|#1:trigger.ComputeFirstFireTimeUtc()|};
                }
            }
        }
        """;

    private const string ModelFile = """
        gate[scheduler]: M:Quartz.QuartzScheduler.ValidateState
        sink[scheduler]: M:Quartz.JobStore.StoreJobAndTrigger(System.String,Quartz.Trigger)
        gate[trigger]: M:Quartz.Trigger.Validate
        sink[trigger]: M:Quartz.Trigger.ComputeFirstFireTimeUtc
        """;

    private static readonly Microsoft.CodeAnalysis.Testing.DiagnosticResult[] Expected =
    {
        VerifyFlow.Diagnostic("MAP001").WithLocation(0).WithArguments(
            "JobStore.StoreJobAndTrigger",
            "QuartzScheduler.ValidateState",
            "the gate asked, 'Trigger.Validate', is of family 'trigger'; this sink needs a gate of family 'scheduler'"),
        VerifyFlow.Diagnostic("MAP001").WithLocation(1).WithArguments(
            "Trigger.ComputeFirstFireTimeUtc",
            "Trigger.Validate",
            "the gate asked, 'QuartzScheduler.ValidateState', is of family 'scheduler'; this sink needs a gate of family 'trigger'"),
    };

    [Fact]
    public Task Model_file_families_tie_the_store_to_the_shutdown_check_and_fire_times_to_the_trigger_validation()
    {
        var test = new VerifyFlow.Test { TestCode = Scheduler };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", ModelFile));
        test.ExpectedDiagnostics.AddRange(Expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Attribute_families_give_the_same_findings_as_the_model_file()
    {
        var annotated = Scheduler
            .Replace("public void Validate()", "[Mappability.MappabilityGate(\"trigger\")] public void Validate()")
            .Replace("public System.DateTimeOffset? ComputeFirstFireTimeUtc()", "[Mappability.MappingSink(\"trigger\")] public System.DateTimeOffset? ComputeFirstFireTimeUtc()")
            .Replace("public int StoreJobAndTrigger(", "[Mappability.MappingSink(Families.Scheduler)] public int StoreJobAndTrigger(")
            .Replace("public void ValidateState()", "[Mappability.MappabilityGate(Families.Scheduler)] public void ValidateState()")
            + """

            static class Families
            {
                // A constant, not a literal: the family is found by a walk of the members.
                public const string Scheduler = "scheduler";
            }
            """;
        return VerifyFlow.AnalyzerAsync(annotated, Expected);
    }

    [Fact]
    public Task Without_families_any_check_gates_every_sink_as_before()
    {
        var test = new VerifyFlow.Test { TestCode = Scheduler.Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace("|}", string.Empty) };
        test.TestState.AdditionalFiles.Add(("Mappability.txt", ModelFile.Replace("[scheduler]", string.Empty).Replace("[trigger]", string.Empty)));
        return test.RunAsync();
    }
}
