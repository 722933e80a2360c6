using Microsoft.CodeAnalysis;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// Calls and properties that hand on the value a task will produce: <c>ConfigureAwait</c>,
/// <c>GetAwaiter</c>, <c>GetResult</c>, <c>AsTask</c>, <c>Task&lt;T&gt;.Result</c> — on
/// <c>Task</c>, <c>ValueTask</c> and their awaiters, so that <c>await W().ConfigureAwait(false)</c>
/// and sync-over-async <c>W().GetAwaiter().GetResult()</c> test what <c>W</c> returned.
/// </summary>
internal static class AwaitedValue
{
    public static bool PassesOn(IMethodSymbol method)
        => method.Name is "ConfigureAwait" or "GetAwaiter" or "GetResult" or "AsTask"
            && IsTaskMachinery(method.ContainingType);

    public static bool IsResult(IPropertySymbol property)
        => property.Name == "Result" && IsTaskMachinery(property.ContainingType);

    private static bool IsTaskMachinery(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            var ns = current.ContainingNamespace?.ToDisplayString();
            if (ns is "System.Threading.Tasks" or "System.Runtime.CompilerServices")
            {
                return current.Name.Contains("Task") || current.Name.Contains("Awaite");
            }
        }

        return false;
    }
}
