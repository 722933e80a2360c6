namespace Mappability.Analyzers.Flow;

/// <summary>The shape of a value a gate fact talks about; each shape splits its values into a few classes.</summary>
internal enum FactKind : byte
{
    /// <summary>A reference or nullable value: classes <see cref="ValueClasses.Null"/> and <see cref="ValueClasses.NonNull"/>.</summary>
    Reference,

    /// <summary>A <c>bool</c>: classes <see cref="ValueClasses.False"/> and <see cref="ValueClasses.True"/>.</summary>
    Boolean,

    /// <summary>An integer (kernel errno style): classes negative, zero and positive.</summary>
    Integer,

    /// <summary>A <c>bool?</c>: classes false, true and <see cref="ValueClasses.NullBoolean"/>.</summary>
    NullableBoolean,

    /// <summary>A tuple: no classes of its own, a fact per element (<see cref="GateFact.Elements"/>).</summary>
    Tuple,

    /// <summary>A record, struct or class built here: no classes of its own, a fact per member (<see cref="GateFact.Members"/>).</summary>
    Object,
}
