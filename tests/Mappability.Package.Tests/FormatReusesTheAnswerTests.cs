using System;
using System.IO;
using System.Threading.Tasks;
using Mappability.Package.Tests.Infrastructure;

namespace Mappability.Package.Tests;

/// <summary>
/// Issue #27, point 5, as a user sees it: `dotnet format` on the consumer, whose Ungated method asks the
/// gate only when 'strict', asks the gate once and tests that answer before the sink, and no two
/// identical gate checks stand in a row. (ConsumerTests' count of gate calls after the fixes, 4, is
/// the old behaviour: the Ungated method now holds one call in a local instead of two.)
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class FormatReusesTheAnswerTests
{
    private readonly PackedPackages _packages;

    public FormatReusesTheAnswerTests(PackedPackages packages)
    {
        _packages = packages;
        Assert.True(packages.Pack.Succeeded, packages.Pack.Describe());
    }

    [Fact]
    public async Task Dotnet_format_reuses_the_answer_asked_only_when_strict_and_writes_no_repeated_check()
    {
        var consumer = ConsumerProject.Create(_packages.ConsumersRoot, "format-reuse", _packages.Version, _packages.ConsumerPackagesFolder, _packages.Report);

        var first = await consumer.FormatAnalyzersAsync("MAP002", "MAP003");
        Assert.True(first.Succeeded, first.Describe());
        var second = await consumer.FormatAnalyzersAsync("MAP001");
        Assert.True(second.Succeeded, second.Describe());
        var after = File.ReadAllText(consumer.DriverPath);
        var rebuild = await consumer.BuildAsync();
        var report = $"--- {ConsumerProject.DriverFileName} after the fixes ---\n{after}\n{first.Describe()}{second.Describe()}{rebuild.Describe()}";

        Assert.True(rebuild.Succeeded && BuildDiagnostic.Mappability(rebuild.StandardOutput).Count == 0, report);
        // The gate answers with an object: the local is 'answer'.
        Assert.True(after.Contains("var answer = Gate.Provider(device, bar);", StringComparison.Ordinal), report);
        Assert.True(after.Contains("if (strict && answer is null)", StringComparison.Ordinal), report);
        Assert.True(after.Contains("if (answer is null)", StringComparison.Ordinal), report);
        var check = "if (Gate.Provider(device, bar) is null)\n        {\n            return -22;\n        }\n\n        ";
        Assert.DoesNotContain(check + check.TrimEnd(), after.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
