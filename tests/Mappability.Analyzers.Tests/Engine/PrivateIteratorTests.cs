using System.Threading.Tasks;
using static Mappability.Analyzers.Tests.FlowTestSources;
using VerifyFlow = Mappability.Analyzers.Tests.Verify<Mappability.Analyzers.Rules.UngatedMappingSinkAnalyzer, Mappability.Analyzers.Rules.UncheckedGateResultAnalyzer>;

namespace Mappability.Analyzers.Tests.Engine;

/// <summary>
/// Issue #29: a private iterator's body runs where it is enumerated, not where it is called. It starts
/// gated, as a private helper does, when every call of it is enumerated right there (the collection of a
/// <c>foreach</c>, or the source of an eager LINQ operator such as <c>ToList</c>): the call site is then the
/// enumeration, and an ungated one is reported there. An enumerable that is kept, returned or passed on
/// is enumerated where the analysis cannot see: the iterator is then judged on its own.
/// </summary>
public sealed class PrivateIteratorTests
{
    private static Task Verify(string code) => VerifyFlow.AnalyzerAsync(With(code));

    // An embedded database: pages are read lazily, the reader asks "still open?" first.
    private const string Pages = """
        private readonly PciDev _d = new PciDev();

        private IEnumerable<int> ReadPages(int count)
        {
            for (var bar = 0; bar < count; bar++)
            {
                yield return Dma.Export(_d, bar);
            }
        }
        """;

    [Fact]
    public Task Iterator_enumerated_by_a_foreach_behind_the_gate_is_clean()
        => Verify("""
            using System.Collections.Generic;

            public class Engine
            {
            """ + Pages + """

                public int Sum()
                {
                    if (!Gate.MayMap(_d, 0))
                        return -Errno.EINVAL;
                    var total = 0;
                    foreach (var page in ReadPages(3))
                        total += page;
                    return total;
                }
            }
            """);

    [Fact]
    public Task Iterator_consumed_by_an_eager_operator_behind_the_gate_is_clean()
        => Verify("""
            using System.Collections.Generic;
            using System.Linq;

            public class Engine
            {
            """ + Pages + """

                public List<int> All() => Gate.MayMap(_d, 0) ? ReadPages(3).ToList() : new List<int>();

                public int Count() => Gate.Provider(_d, 0) is null ? 0 : ReadPages(2).Count();
            }
            """);

    [Fact]
    public Task Ungated_enumeration_is_reported_at_the_call_that_creates_the_enumerable()
        => Verify("""
            using System.Collections.Generic;
            using System.Linq;

            public class Engine
            {
            """ + Pages + """

                public int Sum()
                {
                    if (!Gate.MayMap(_d, 0))
                        return -Errno.EINVAL;
                    return ReadPages(3).Sum();
                }

                public int First() => {|MAP001:ReadPages(1)|}.First();
            }
            """);

    [Fact]
    public Task Enumerable_returned_to_the_caller_is_enumerated_out_of_sight_so_the_iterator_is_judged_on_its_own()
        => Verify("""
            using System.Collections.Generic;

            public class Engine
            {
                private readonly PciDev _d = new PciDev();

                private IEnumerable<int> ReadPages(int count)
                {
                    for (var bar = 0; bar < count; bar++)
                    {
                        yield return {|MAP001:Dma.Export(_d, bar)|};
                    }
                }

                public IEnumerable<int> Query()
                {
                    if (!Gate.MayMap(_d, 0))
                        return new int[0];
                    return ReadPages(3);
                }
            }
            """);

    [Fact]
    public Task Enumerable_kept_in_a_local_is_not_assumed_to_be_enumerated_behind_the_gate()
        => Verify("""
            using System.Collections.Generic;

            public class Engine
            {
                private readonly PciDev _d = new PciDev();

                private IEnumerable<int> ReadPages(int count)
                {
                    yield return {|MAP001:Dma.Export(_d, count)|};
                }

                public int Sum()
                {
                    var pages = ReadPages(3);
                    if (!Gate.MayMap(_d, 0))
                        return -Errno.EINVAL;
                    var total = 0;
                    foreach (var page in pages)
                        total += page;
                    return total;
                }
            }
            """);

    [Fact]
    public Task Private_method_that_is_not_an_iterator_keeps_the_call_site_rule()
        => Verify("""
            using System.Collections.Generic;

            public class Engine
            {
                private readonly PciDev _d = new PciDev();

                private List<int> ReadPages(int count) => new List<int> { Dma.Export(_d, count) };

                public List<int> Query() => Gate.MayMap(_d, 0) ? ReadPages(3) : new List<int>();
            }
            """);
}
