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

    /// <summary>
    /// <c>Task.FromResult(x)</c>, <c>ValueTask.FromResult(x)</c>, <c>new ValueTask&lt;T&gt;(x)</c>: a task whose
    /// result is its argument (a task's fact is its result's).
    /// </summary>
    public static bool WrapsArgument(IMethodSymbol method)
        => method.Parameters.Length == 1
            && IsTaskMachinery(method.ContainingType)
            && (method.Name == "FromResult" || (method.MethodKind == MethodKind.Constructor && method.ContainingType.Name == "ValueTask" && method.ContainingType.IsGenericType && !method.Parameters[0].Type.Name.Contains("Task") && method.Parameters[0].Type.Name != "IValueTaskSource"));

    /// <summary><c>tcs.SetResult(x)</c>, <c>tcs.TrySetResult(x)</c>: the source's task will hold x.</summary>
    public static bool SetsResult(IMethodSymbol method)
        => method.Name is "SetResult" or "TrySetResult" && method.Parameters.Length == 1 && method.ContainingType?.Name == "TaskCompletionSource" && IsTaskMachinery(method.ContainingType);

    /// <summary><c>tcs.Task</c>: the task a completion source hands out.</summary>
    public static bool IsSourceTask(IPropertySymbol property)
        => property.Name == "Task" && property.ContainingType?.Name == "TaskCompletionSource" && IsTaskMachinery(property.ContainingType);

    /// <summary>T of <c>Task&lt;T&gt;</c> / <c>ValueTask&lt;T&gt;</c>, else null.</summary>
    public static ITypeSymbol? ResultType(ITypeSymbol? type)
        => type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "Task" or "ValueTask" } task && IsTaskMachinery(task)
            ? task.TypeArguments[0]
            : null;

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
