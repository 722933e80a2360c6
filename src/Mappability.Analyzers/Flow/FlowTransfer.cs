using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Mappability.Analyzers.Vocabulary;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Mappability.Analyzers.Flow;

/// <summary>
/// The transfer function of one basic block: evaluates its operations on a path state, giving
/// each value the gate fact it carries, and the state on each outgoing edge (the branch value
/// is evaluated separately for the conditional successor and the fall-through).
/// One instance serves one graph run and is not reentrant; helper summaries use their own.
/// </summary>
internal sealed partial class FlowTransfer
{
    private readonly GateVocabulary _model;
    private readonly WrapperSummaries _helpers;
    private readonly int _budget;
    private readonly ImmutableHashSet<ISymbol> _captured;
    private readonly SemanticModel? _near;
    private readonly CancellationToken _cancellationToken;
    private readonly LocalFunctionSummaries? _locals;
    private readonly DeferredLambdas? _deferred;

    // In a subject check (a re-run for one sink's subject): which gate calls count, and the key of the slot being stored.
    private readonly Subjects.SubjectFilter? _subject;
    private Subjects.SubjectPath? _slotKey;
    private bool _slotKeyGateSeen;

    private PathState.Builder _state = new(PathState.Entry);

    // While an argument the callee runs only after the gate allowed is evaluated.
    private bool _callbackGated;
    private FlowRecorder? _recorder;

    // Captures of a variable (the graph captures `p` before `p ??= ...` assigns through the capture), per graph.
    private readonly Dictionary<CaptureId, FlowLocation> _captureAliases = new();

    /// <param name="budget">How many helper levels calls in this body may still look through.</param>
    /// <param name="captured">Locals and parameters read by nested functions: a value stored there is passed on.</param>
    /// <param name="near">The semantic model of this body's tree, reused for helpers declared in it.</param>
    /// <param name="locals">The local functions of the body, for calls that wrap the gate in one.</param>
    public FlowTransfer(
        GateVocabulary model,
        WrapperSummaries helpers,
        int budget,
        ImmutableHashSet<ISymbol> captured,
        SemanticModel? near,
        CancellationToken cancellationToken,
        LocalFunctionSummaries? locals = null,
        DeferredLambdas? deferred = null,
        Subjects.SubjectFilter? subject = null)
    {
        _subject = subject;
        _deferred = deferred;
        _model = model;
        _helpers = helpers;
        _budget = budget;
        _captured = captured;
        _near = near;
        _cancellationToken = cancellationToken;
        _locals = locals;
    }

    /// <summary>Called once before the blocks of a graph are transferred: capture ids are numbered per graph.</summary>
    public void BeginGraph() => _captureAliases.Clear();

    public void Transfer(BasicBlock block, PathState input, FlowRecorder? recorder, out PathState fallThrough, out PathState? conditional)
    {
        _state = new PathState.Builder(input);
        _recorder = recorder;
        foreach (var operation in block.Operations)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            Visit(operation);
        }

        conditional = null;
        if (block.BranchValue is { } value)
        {
            var fact = LookAtBranchValue(value);
            if (block.ConditionKind != ControlFlowConditionKind.None)
            {
                var (whenTrue, whenFalse) = Split(fact, value);
                var jumpsWhen = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                conditional = jumpsWhen ? whenTrue : whenFalse;
                fallThrough = jumpsWhen ? whenFalse : whenTrue;
                return;
            }

            if (recorder is not null && block.FallThroughSuccessor is { Semantics: ControlFlowBranchSemantics.Return or ControlFlowBranchSemantics.Regular, Destination.Kind: BasicBlockKind.Exit })
            {
                recorder.Returns.Add((_state.Gated, fact));
            }
        }

        fallThrough = _state.ToState();
    }

    /// <summary>
    /// A branch, return or throw value: branching on a value tests it; returning or throwing it passes it on.
    /// Either way it was looked at; but the branch the graph makes for <c>p?.X</c> only uses p (testing p?.X tests p).
    /// </summary>
    private GateFact? LookAtBranchValue(IOperation value)
    {
        var fact = Visit(value);
        if (!(value is IIsNullOperation isNull && IsConditionalAccessTest(isNull)))
        {
            LookAt(fact);
        }

        return fact;
    }

    private void LookAt(GateFact? fact)
    {
        Consume(fact);

        // Returned or thrown: the answer is the caller's to act on.
        _recorder?.Keep(fact);
    }

    /// <summary>The states after a condition, where it is true and where it is false.</summary>
    private (PathState WhenTrue, PathState WhenFalse) Split(GateFact? fact, IOperation condition)
    {
        _recorder?.AddTest(fact, condition);
        var after = _state.ToState();
        return (after.WithGated(after.Gated || Allows(fact, true), fact?.Origins), after.WithGated(after.Gated || Allows(fact, false), fact?.Origins));
    }

    // The same transfer on the operation tree of a structured body (StructuredPaths), a statement at a time.

    /// <summary>Starts a run of statements in <paramref name="input"/>.</summary>
    public void Begin(PathState input, FlowRecorder? recorder)
    {
        _state = new PathState.Builder(input);
        _recorder = recorder;
    }

    /// <summary>The state after the statements so far.</summary>
    public PathState Current => _state.ToState();

    /// <summary>An expression statement, as a block of the graph holds it.</summary>
    public void Statement(IOperation statement)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        Visit(statement);
    }

    /// <summary><c>var p = value;</c>: what the graph writes as an assignment to the declared local.</summary>
    public void Declare(IVariableDeclaratorOperation declarator, IOperation value)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        AssignLocation(FlowLocation.ForSymbol(declarator.Symbol), target: null, value, declarator);
    }

    /// <summary>
    /// <c>var p = value ?? throw e;</c>: the graph captures the value, branches on its being null (to the throw) and
    /// assigns the capture to p where it is not.
    /// </summary>
    /// <returns>The state where the value was null (the throw's path) and the state after the assignment.</returns>
    public (PathState WhenNull, PathState Assigned) DeclareOrThrow(IVariableDeclaratorOperation declarator, ICoalesceOperation coalesce)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var fact = Visit(coalesce.Value);
        var test = TestNull(fact, nullWhenTrue: true);
        LookAt(test);
        var (whenNull, whenNotNull) = Split(test, coalesce.Value);
        Begin(whenNotNull, _recorder);
        StoreAssigned(FlowLocation.ForSymbol(declarator.Symbol), target: null, coalesce, declarator, fact, keyedAnswer: false);
        return (whenNull, _state.ToState());
    }

    /// <summary><c>return value;</c> or <c>throw value;</c>: the path ends here.</summary>
    public void Leave(IOperation? value, bool returns)
    {
        if (value is not null)
        {
            var fact = LookAtBranchValue(value);
            if (returns)
            {
                _recorder?.Returns.Add((_state.Gated, fact));
            }
        }
    }

    /// <summary>A condition the path branches on.</summary>
    public (PathState WhenTrue, PathState WhenFalse) Branch(IOperation condition)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        return Split(LookAtBranchValue(condition), condition);
    }

    private static bool Allows(GateFact? fact, bool outcome)
        => fact is { Kind: FactKind.Boolean } && (fact.Allowed & ValueClasses.OfBool(outcome)) != 0;

    /// <summary>Evaluates an operation for its effects and returns the fact of its value, without consuming it.</summary>
    private GateFact? Visit(IOperation? operation)
    {
        if (operation is null)
        {
            return null;
        }

        if (operation.ConstantValue.HasValue)
        {
            // `null` as a `bool?` is the third value of a verdict, not a null reference.
            return operation.ConstantValue.Value is null && TypeShapes.IsNullableBoolean(operation.Type)
                ? GateFact.Create(FactKind.NullableBoolean, ValueClasses.False | ValueClasses.True)
                : GateFact.ForConstant(operation.ConstantValue.Value);
        }

        switch (operation)
        {
            case IExpressionStatementOperation statement:
                VisitDiscarded(statement.Operation);
                return null;
            case ISimpleAssignmentOperation assignment:
                return VisitAssignment(assignment);
            case IFlowCaptureOperation capture:
                if (FlowLocation.TryGet(capture.Value, out var captured) && !captured.IsCapture)
                {
                    _captureAliases[capture.Id] = captured;
                }

                _state.Set(FlowLocation.ForCapture(capture.Id), Visit(capture.Value));
                return null;
            case IInvocationOperation invocation:
                return VisitInvocation(invocation);
            case IObjectCreationOperation creation:
                return VisitCreation(creation);
            case IConversionOperation { OperatorMethod: null } conversion:
                return LiftToNullable(Visit(conversion.Operand), conversion.Type);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, OperatorMethod: null } not:
                return Negate(Visit(not.Operand));
            case IBinaryOperation binary:
                return VisitBinary(binary);
            case IIsNullOperation isNull:
                return VisitIsNull(isNull);
            case IIsTypeOperation isType:
                return TestReference(Visit(isType.ValueOperand), ValueClasses.NonNull, ValueClasses.All(FactKind.Reference));
            case IIsPatternOperation isPattern:
                return VisitPattern(isPattern);
            case IAwaitOperation awaited:
                return Visit(awaited.Operation);
            case IPropertyReferenceOperation { Property.Name: "HasValue", Instance: { } instance } when IsNullableValueType(instance.Type):
                return TestNull(Visit(instance), nullWhenTrue: false);
            case IPropertyReferenceOperation { Property.Name: "Value", Instance: { } instance } when TypeShapes.IsNullableBoolean(instance.Type):
                return Visit(instance) is { Kind: FactKind.NullableBoolean } value ? FromNullableBoolean(value, nullAs: false) : null;
            case IPropertyReferenceOperation { Instance: { } instance } property when AwaitedValue.IsResult(property.Property) || AwaitedValue.IsSourceTask(property.Property):
                return Visit(instance);
            case IMethodReferenceOperation reference:
                VisitMethodReference(reference);
                return null;
            case ITupleOperation tuple:
                return VisitTuple(tuple);
            case IDefaultValueOperation when IsNullableValueType(operation.Type):
                return GateFact.ForConstant(null);
            case ICompoundAssignmentOperation compound:
                return VisitCompoundAssignment(compound);
            case IIncrementOrDecrementOperation increment:
                UseChildren(operation);
                Forget(increment.Target);
                return null;
            case IDeconstructionAssignmentOperation deconstruction:
                VisitDeconstruction(deconstruction);
                return null;
            case IFlowAnonymousFunctionOperation lambda:
                // Analysed as its own body, starting in the state where it is created (gated when the
                // helper it is handed to runs it only after the gate allowed).
                if (_deferred?.IsDeferred(lambda.Symbol) != true)
                {
                    _recorder?.AddNestedEntry(lambda.Symbol, _callbackGated ? _state.ToState().WithGated(true) : _state.ToState(), lambda);
                }

                return null;
        }

        if (FlowLocation.TryGet(operation, out var location))
        {
            // A delegate parameter used other than by calling it (stored, passed on) may run anywhere.
            if (location.Symbol is IParameterSymbol { Type.TypeKind: TypeKind.Delegate } callback && operation.Parent is not IFlowCaptureOperation)
            {
                _recorder?.EscapeCallback(callback);
            }

            if (location.IsElement)
            {
                // The index is read too (`oks[Gate(...) ? 0 : 1]` is no slot; `oks[i]` reads i).
                UseChildren(operation);
            }

            // In a subject check, a slot read at the subject's index holds what was kept there per key.
            if (_subject is not null && location.IsElement && location.Symbol is { } container && SlotIndex(operation) is { } slotIndex
                && _subject.IsSubjectIndex(slotIndex) && _state.Get(FlowLocation.ForKeyedSlot(container)) is { } keyed)
            {
                return keyed;
            }

            return _state.Get(location)
                ?? (location.AnySlotOfContainer is { } anySlot ? _state.Get(anySlot) : null)
                ?? (operation is IPropertyReferenceOperation own ? VisitGetter(own) : null);
        }

        // `p.Owner`, `p!.X`: reading a member of the result is neither a test nor passing it on;
        // `d.Allowed`, `t.Item1`: a member of a record or tuple built here is the value it was given.
        if (operation is IMemberReferenceOperation { Instance: { } memberInstance } member and not IMethodReferenceOperation)
        {
            GateFact? instanceFact = null;
            foreach (var child in operation.ChildOperations)
            {
                if (child == memberInstance)
                {
                    instanceFact = Visit(child);
                }
                else
                {
                    Use(child);
                }
            }

            return MemberOf(instanceFact, member.Member) ?? (operation is IPropertyReferenceOperation property ? VisitGetter(property) : null);
        }

        UseChildren(operation);
        return null;
    }

    /// <summary>A <c>bool</c> converted to <c>bool?</c> keeps its classes and is never null.</summary>
    private static GateFact? LiftToNullable(GateFact? fact, ITypeSymbol? type)
        => fact is { Kind: FactKind.Boolean } && TypeShapes.IsNullableBoolean(type)
            ? GateFact.Create(FactKind.NullableBoolean, (byte)(fact.Allowed | ValueClasses.NullBoolean)).WithAllowed((byte)(fact.Allowed | ValueClasses.NullBoolean), fact.Origins)
            : fact;

    /// <summary><c>p is null</c>, and the test the graph makes for <c>p?.X</c> and <c>p ?? q</c>.</summary>
    private GateFact? VisitIsNull(IIsNullOperation isNull) => TestNull(Visit(isNull.Operand), nullWhenTrue: true);

    private static bool IsConditionalAccessTest(IIsNullOperation isNull)
        => isNull.IsImplicit
            && isNull.Operand.Syntax.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalAccessExpressionSyntax access
            && access.Expression == isNull.Operand.Syntax;

    private GateFact? VisitTuple(ITupleOperation tuple)
    {
        var elements = ImmutableArray.CreateBuilder<GateFact?>(tuple.Elements.Length);
        foreach (var element in tuple.Elements)
        {
            elements.Add(Visit(element));
        }

        return GateFact.ForTuple(elements.MoveToImmutable());
    }

    /// <summary><c>Gate(...);</c> and <c>_ = Gate(...);</c> (<paramref name="explicitly"/>): the result is thrown away.</summary>
    private void VisitDiscarded(IOperation operation, bool explicitly = false)
    {
        Visit(operation);
        var unwrapped = operation;
        while (unwrapped is IConversionOperation { OperatorMethod: null } conversion)
        {
            unwrapped = conversion.Operand;
        }

        if (unwrapped is IInvocationOperation invocation && _model.IsGate(invocation.TargetMethod))
        {
            _recorder?.Discard(invocation, explicitly);
        }
    }

    private GateFact? VisitAssignment(ISimpleAssignmentOperation assignment)
    {
        if (assignment.Target is IDiscardOperation)
        {
            VisitDiscarded(assignment.Value, explicitly: true);
            return null;
        }

        if (!assignment.IsRef && FlowLocation.TryGet(assignment.Target, out var location))
        {
            return AssignLocation(location, assignment.Target, assignment.Value, assignment);
        }

        // `capture.Allowed = ok` (an object initializer the graph lowered), `decision.Allowed = ok` on a struct local.
        if (!assignment.IsRef && TryStoreMember(assignment))
        {
            return _lastStored;
        }

        // An array element, a member of another object, a ref local: the value leaves our sight.
        UseChildren(assignment.Target);
        var value = Visit(assignment.Value);
        Consume(value);
        ForgetMembersWrittenBySetter(assignment.Target);
        Forget(assignment.Target);
        return value;
    }

    /// <param name="target">The assigned operation (null for a declared local).</param>
    /// <param name="site">The assignment or declarator, where an overwrite is shown.</param>
    private GateFact? AssignLocation(FlowLocation location, IOperation? target, IOperation value, IOperation site)
    {
        var (outerKey, outerSeen) = (_slotKey, _slotKeyGateSeen);
        _slotKey = _subject is not null && location.IsElement && target is not null && SlotIndex(target) is { } index ? _subject.PathOf(index) : null;
        _slotKeyGateSeen = false;
        var fact = Visit(value);
        var keyedAnswer = _slotKeyGateSeen;
        (_slotKey, _slotKeyGateSeen) = (outerKey, outerSeen);
        return StoreAssigned(location, target, value, site, fact, keyedAnswer);
    }

    /// <param name="keyedAnswer">The value answers for the key of the slot it is stored in.</param>
    private GateFact? StoreAssigned(FlowLocation location, IOperation? target, IOperation value, IOperation site, GateFact? fact, bool keyedAnswer)
    {
        // An answer about the slot's own key is no answer about this slot's subject: only the keyed slot keeps it.
        var stored = keyedAnswer ? null : fact;
        _recorder?.AddOverwrite(_state.Get(location), fact, site);
        if (target is not null)
        {
            ForgetMembersWrittenBySetter(target);
        }

        Store(location, stored);
        TrackArraySlots(location, value, stored);
        if (_subject is not null && location.IsElement && !location.IsCapture && location.Symbol is { } container)
        {
            var keyedSlot = FlowLocation.ForKeyedSlot(container);
            _state.Set(keyedSlot, keyedAnswer && fact is not null && _state.Get(keyedSlot) is { } known
                ? GateFact.Join(known, false, OperationSet.Empty, fact, false, OperationSet.Empty)
                : null);
        }

        // `p ??= Gate(...)`: the graph assigns through a capture of p; p is what the code tests next.
        if (target is IFlowCaptureReferenceOperation captured && _captureAliases.TryGetValue(captured.Id, out var variable))
        {
            Store(variable, fact);
        }

        return fact;
    }

    /// <summary>
    /// <c>var oks = new bool[3];</c> starts every slot at its default; <c>oks[i] = v</c> adds v to what any slot
    /// can hold, so a slot read at an index the analysis cannot tell (after a loop) still knows something.
    /// </summary>
    private void TrackArraySlots(FlowLocation location, IOperation value, GateFact? fact)
    {
        if (location.AnySlotOfContainer is { } anySlot)
        {
            var joined = _state.Get(anySlot) is { } known && fact is not null
                ? GateFact.Join(known, false, OperationSet.Empty, fact, false, OperationSet.Empty)
                : null;
            _state.Set(anySlot, joined);
            return;
        }

        while (value is IConversionOperation { OperatorMethod: null } conversion)
        {
            value = conversion.Operand;
        }

        if (!location.IsElement && !location.IsCapture && location.Symbol is ILocalSymbol or IParameterSymbol
            && value is IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: null, Type: IArrayTypeSymbol array })
        {
            var element = array.ElementType;
            GateFact? initial = element.SpecialType == SpecialType.System_Boolean ? GateFact.ForConstant(false)
                : TypeShapes.IsNullableBoolean(element) ? GateFact.Create(FactKind.NullableBoolean, ValueClasses.False | ValueClasses.True)
                : ValueClasses.KindOf(element) == FactKind.Integer ? GateFact.ForConstant(0)
                : ValueClasses.KindOf(element) == FactKind.Reference ? GateFact.ForConstant(null)
                : null;
            _state.Set(FlowLocation.ForAnySlot(location.Symbol), initial);
            if (_subject is not null)
            {
                _state.Set(FlowLocation.ForKeyedSlot(location.Symbol), initial);
            }
        }
        else if (_subject is not null && !location.IsElement && !location.IsCapture && location.Symbol is ILocalSymbol
            && value is IObjectCreationOperation { Arguments.IsEmpty: true, Initializer: null, Type: INamedTypeSymbol { Name: "Dictionary", TypeArguments.Length: 2 } dictionary }
            && ValueClasses.KindOf(dictionary.TypeArguments[1]) is { } kind)
        {
            // An empty dictionary: a key never stored throws when read, so what it holds is only what is stored.
            _state.Set(FlowLocation.ForKeyedSlot(location.Symbol), GateFact.Top(kind));
        }
    }

    /// <summary>The index of a one-index slot (<c>oks[i]</c>, <c>map[bar]</c>).</summary>
    private static IOperation? SlotIndex(IOperation operation) => operation switch
    {
        IArrayElementReferenceOperation { Indices.Length: 1 } element => element.Indices[0],
        IPropertyReferenceOperation { Arguments.Length: 1 } indexer => indexer.Arguments[0].Value,
        _ => null,
    };

    /// <summary>In a subject check: assigning a value of the subject makes what the path knew about another value.</summary>
    private void ResetIfSubject(FlowLocation location)
    {
        if (_subject is not null && !location.IsElement && !location.IsCapture && location.Symbol is { } symbol && _subject.Resets(symbol))
        {
            _state.ResetForSubject(_subject.KeepsKeyedSlots(symbol));
        }
    }

    /// <summary>A property setter with a body writes what that body writes.</summary>
    private void ForgetMembersWrittenBySetter(IOperation target)
    {
        if (target is IPropertyReferenceOperation { Property.SetMethod: { } setter } property)
        {
            ForgetMembersWrittenBy(setter, property.Instance, ImmutableArray<IArgumentOperation>.Empty);
        }
    }

    /// <summary>
    /// <c>var (p, ok) = (Gate(...), true);</c>: a tuple literal deconstructed element by element
    /// keeps each value's fact (all values first, then the stores: <c>(a, b) = (b, a)</c> swaps).
    /// Any other deconstruction (a method's <c>Deconstruct</c>, a tuple-typed value) forgets its targets.
    /// </summary>
    private void VisitDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        var pairs = new List<(IOperation Target, GateFact? Fact)>();
        if (!CollectElements(deconstruction.Target, deconstruction.Value, pairs) && !CollectFromValue(deconstruction, pairs))
        {
            return;
        }

        foreach (var (target, fact) in pairs)
        {
            if (target is IDiscardOperation)
            {
                // Thrown away: neither tested nor passed on.
                continue;
            }

            if (FlowLocation.TryGet(target, out var location))
            {
                Store(location, fact);
            }
            else
            {
                UseChildren(target);
                Consume(fact);
                Forget(target);
            }
        }
    }

    /// <summary>
    /// <c>var (ok, errno) = Decide(d);</c>: a tuple or record value whose members carry facts hands each
    /// target its member; otherwise every target is forgotten. Always evaluates the value (once).
    /// </summary>
    private bool CollectFromValue(IDeconstructionAssignmentOperation deconstruction, List<(IOperation Target, GateFact? Fact)> pairs)
    {
        var value = Visit(deconstruction.Value);
        var target = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
        var members = value?.Kind == FactKind.Object
            ? ObjectMembers.DeconstructedMembers(FindDeconstruct(deconstruction.Value.Type), deconstruction.Value.Type)
            : default;
        if (target is not ITupleOperation targets
            || value is null
            || (value.Kind == FactKind.Tuple ? value.Elements.Length != targets.Elements.Length : members.IsDefault || members.Length != targets.Elements.Length))
        {
            Consume(value);
            Forget(deconstruction.Target);
            return false;
        }

        for (var i = 0; i < targets.Elements.Length; i++)
        {
            var element = targets.Elements[i];
            pairs.Add((element is IDeclarationExpressionOperation typed ? typed.Expression : element, value.Kind == FactKind.Tuple ? value.Elements[i] : value.Member(members[i])));
        }

        return true;
    }

    private static IMethodSymbol? FindDeconstruct(ITypeSymbol? type)
    {
        if (type is null)
        {
            return null;
        }

        foreach (var member in type.GetMembers("Deconstruct"))
        {
            if (member is IMethodSymbol { IsImplicitlyDeclared: true } method)
            {
                return method;
            }
        }

        return null;
    }

    private bool CollectElements(IOperation target, IOperation value, List<(IOperation Target, GateFact? Fact)> pairs)
    {
        target = target is IDeclarationExpressionOperation declaration ? declaration.Expression : target;
        while (value is IConversionOperation { OperatorMethod: null, Operand: ITupleOperation } conversion)
        {
            value = conversion.Operand;
        }

        if (target is not ITupleOperation targets || value is not ITupleOperation values || targets.Elements.Length != values.Elements.Length)
        {
            return false;
        }

        for (var i = 0; i < targets.Elements.Length; i++)
        {
            if (!CollectElements(targets.Elements[i], values.Elements[i], pairs))
            {
                var element = targets.Elements[i];
                pairs.Add((element is IDeclarationExpressionOperation typed ? typed.Expression : element, Visit(values.Elements[i])));
            }
        }

        return true;
    }

    private GateFact? TestNull(GateFact? fact, bool nullWhenTrue)
    {
        if (fact is { Kind: FactKind.Reference or FactKind.NullableBoolean })
        {
            var nulls = ValueClasses.NullOf(fact.Kind);
            var others = ValueClasses.NonNullOf(fact.Kind);
            return nullWhenTrue ? fact.Test(nulls, others) : fact.Test(others, nulls);
        }

        Consume(fact);
        return null;
    }

    private void RecordSink(IOperation call, IMethodSymbol target, Location? inner = null)
        => _recorder?.AddSink(call, target, _state.Gated, _state.ReachingGatesSnapshot(), _state.AskedGates, inner);

    private void Store(FlowLocation location, GateFact? fact)
    {
        if (!location.IsElement && location.Symbol is { } assigned)
        {
            // `oks = new bool[2]`, `i++`: the slots of the old container, or at the old index, are other slots now.
            _state.ForgetSlotsOf(assigned);
            ResetIfSubject(location);
        }

        // A field, property, ref/out parameter or captured local carries the value beyond this body.
        if (location.Escapes || (location.Symbol is { } symbol && _captured.Contains(symbol)))
        {
            Consume(fact);
            _recorder?.Keep(fact);
        }

        _state.Set(location, fact);
    }

    private void Forget(IOperation? target)
    {
        if (target is null)
        {
            return;
        }

        foreach (var operation in target.DescendantsAndSelf())
        {
            if (FlowLocation.TryGet(operation, out var location))
            {
                _state.Set(location, null);
                if (!location.IsElement && location.Symbol is { } symbol)
                {
                    _state.ForgetSlotsOf(symbol);
                    ResetIfSubject(location);
                }
            }
        }
    }

    private void Use(IOperation? operation) => Consume(Visit(operation));

    private void UseChildren(IOperation operation)
    {
        foreach (var child in operation.ChildOperations)
        {
            Use(child);
        }
    }

    private void Consume(GateFact? fact)
    {
        if (fact is null || fact.Origins.IsEmpty)
        {
            return;
        }

        _recorder?.Consume(fact);
    }

    private static bool IsNullableValueType(ITypeSymbol? type)
        => type?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
}
