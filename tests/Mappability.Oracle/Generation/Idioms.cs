namespace Mappability.Oracle.Generation;

/// <summary>
/// The idioms the generator composes programs from, by name. Every generated program lists the ones it
/// uses; a test counts that each appears in a 2,000-program batch, and disagreements are classed by them.
/// </summary>
internal static class Idioms
{
    // Shapes of the gate's answer.
    public const string AnswerReference = "answer: provider/null";
    public const string AnswerBool = "answer: bool";
    public const string AnswerErrno = "answer: errno int";
    public const string AnswerNullableBool = "answer: bool?";
    public const string AnswerRecord = "answer: record struct decision";
    public const string AnswerStruct = "answer: struct decision";
    public const string AnswerTuple = "answer: tuple";
    public const string AnswerEnum = "answer: enum verdict";
    public const string AnswerTask = "answer: Task result";
    public const string AnswerValueTask = "answer: ValueTask result";
    public const string AnswerTry = "answer: out/Try wrapper";
    public const string AnswerProperty = "answer: property getter";
    public const string AnswerIndexer = "answer: indexer";
    public const string AnswerWrapperOfWrapper = "answer: wrapper of a wrapper";
    public const string AnswerThrowStyle = "answer: void gate (throws)";
    public const string AnswerField = "answer: kept in a field";
    public const string AnswerArraySlot = "answer: kept in an array slot";
    public const string Deconstruction = "deconstruction";

    // Flags.
    public const string FlagAssign = "flag: =";
    public const string FlagAnd = "flag: &=";
    public const string FlagOr = "flag: |=";
    public const string FlagNot = "flag: !";

    // Conditions and branches.
    public const string IfElse = "if/else";
    public const string SwitchStatement = "switch statement";
    public const string SwitchExpression = "switch expression";
    public const string Conditional = "?:";
    public const string ShortCircuit = "&&/||";
    public const string Coalesce = "??";
    public const string CoalesceAssign = "??=";
    public const string Pattern = "pattern";

    // Loops and exceptions.
    public const string Break = "loop with break";
    public const string Continue = "loop with continue";
    public const string Goto = "goto";
    public const string TryCatch = "try/catch";
    public const string CatchFilter = "catch filter";
    public const string Finally = "finally";
    public const string Using = "using";

    // Delegates.
    public const string LambdaInvoked = "lambda invoked";
    public const string LambdaStored = "lambda stored in a field";
    public const string LambdaPassed = "lambda passed";
    public const string LocalFunction = "local function";

    // Exits.
    public const string EarlyReturn = "early return";
    public const string Throw = "throw";
    public const string ThrowHelper = "throw helper";

    // Inputs.
    public const string InputBool = "input: bool";
    public const string InputInt = "input: int 0..2";
    public const string InputNullableBool = "input: bool?";
    public const string AsyncMethod = "async method";

    // Subjects: the answer is about one device and one BAR (issue #24).
    public const string SubjectTwoBars = "subject: two BARs";
    public const string SubjectTwoDevices = "subject: two devices";
    public const string SubjectStaleLoop = "subject: loop answer";
    public const string SubjectFlag = "subject: flag across BARs";
    public const string SubjectWith = "subject: with after asking";
    public const string SubjectTable = "subject: per-BAR table";
    public const string SubjectDeviceMemory = "subject: device memory (nvgrace)";

    public static readonly string[] All =
    {
        AnswerReference, AnswerBool, AnswerErrno, AnswerNullableBool, AnswerRecord, AnswerStruct, AnswerTuple, AnswerEnum,
        AnswerTask, AnswerValueTask, AnswerTry, AnswerProperty, AnswerIndexer, AnswerWrapperOfWrapper, AnswerThrowStyle,
        AnswerField, AnswerArraySlot, Deconstruction,
        FlagAssign, FlagAnd, FlagOr, FlagNot,
        IfElse, SwitchStatement, SwitchExpression, Conditional, ShortCircuit, Coalesce, CoalesceAssign, Pattern,
        Break, Continue, Goto, TryCatch, CatchFilter, Finally, Using,
        LambdaInvoked, LambdaStored, LambdaPassed, LocalFunction,
        EarlyReturn, Throw, ThrowHelper,
        InputBool, InputInt, InputNullableBool, AsyncMethod,
        SubjectTwoBars, SubjectTwoDevices, SubjectStaleLoop, SubjectFlag, SubjectWith, SubjectTable, SubjectDeviceMemory,
    };
}
