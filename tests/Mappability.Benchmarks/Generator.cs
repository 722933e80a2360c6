using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Mappability.Benchmarks;

/// <summary>One generated source file.</summary>
internal sealed record SourceFile(string Path, string Text);

/// <summary>
/// A generated compilation's sources and what the rules must report on it: the exact count of
/// each diagnostic id the generator planted (ids not listed are expected zero times).
/// </summary>
internal sealed class Corpus
{
    public Corpus(string name, int fileCount, IReadOnlyList<SourceFile> files, IReadOnlyDictionary<string, int> expected, int bannedReferences, bool hasModel, bool dense = false)
    {
        Dense = dense;
        Name = name;
        FileCount = fileCount;
        Files = files;
        Expected = expected;
        BannedReferences = bannedReferences;
        HasModel = hasModel;
    }

    public string Name { get; }

    /// <summary>Generated application files (the kernel model not counted).</summary>
    public int FileCount { get; }

    public IReadOnlyList<SourceFile> Files { get; }

    /// <summary>Planted MAPnnn diagnostics by id.</summary>
    public IReadOnlyDictionary<string, int> Expected { get; }

    /// <summary>References to the two state members in source: what BannedApiAnalyzers (RS0030) must report.</summary>
    public int BannedReferences { get; }

    /// <summary>Whether the corpus declares the kernel model (and so mentions the mappability attributes).</summary>
    public bool HasModel { get; }

    /// <summary>Every file touches mappability (a driver tree), not one in ten.</summary>
    public bool Dense { get; }

    /// <summary>The lines of BannedSymbols.txt that ban the same state members the analyzers guard.</summary>
    public const string BannedSymbols =
        "P:Kernel.PciDev.NonMappableBars;Ask the mappability gate P2PDma.PcimP2PDmaProvider instead\n" +
        "P:Kernel.VfioDev.BarMmapSupported;Ask the mappability gate P2PDma.PcimP2PDmaProvider instead\n";
}

/// <summary>
/// Deterministic (seeded) generator of driver-like C#: a small kernel model with a gate, a sink, two
/// state members and a policy, plus files of which one in ten (dense: every one) touches mappability (correct export
/// paths, gate-wrapping helpers, and known faults: MAP001 ungated sinks, MAP002 leaf checks, MAP003
/// ignored gate results) and the rest is ordinary code (loops, branches, LINQ, exceptions,
/// formatting, generics). Ordinary file <c>i</c> is the same text whether or not the model is present.
/// </summary>
internal static class Generator
{
    public const string Map001 = "MAP001";
    public const string Map002 = "MAP002";
    public const string Map003 = "MAP003";
    public const string Map004 = "MAP004";

    /// <summary>State references in <see cref="KernelModel"/>: gate 1 (NonMappableBars), policy 1 + 2 (BarMmapSupported).</summary>
    private const int KernelBannedReferences = 4;

    /// <param name="baselineGate">Add one pre-fix copy of the gate that ignores NonMappableBars: exactly one MAP004.</param>
    /// <param name="dense">
    /// Every file touches mappability, as a driver tree does (a driver class in every file, four in five
    /// of its methods clean); otherwise one file in ten does (the sparse corpus).
    /// </param>
    public static Corpus Generate(int seed, int fileCount, bool withModel, bool baselineGate = true, bool dense = false)
    {
        var files = new List<SourceFile>(fileCount + 1);
        var expected = NewCounts();
        var banned = 0;
        if (withModel)
        {
            files.Add(new SourceFile("/bench/Kernel/Model.cs", KernelModel(baselineGate)));
            expected[Map004] += baselineGate ? 1 : 0;
            banned += KernelBannedReferences;
        }

        for (var i = 0; i < fileCount; i++)
        {
            var random = new Random(unchecked((seed * 397) ^ (i * 7919) ^ 0x5EED));
            var text = new StringBuilder();
            text.Append("using System;\nusing System.Collections.Generic;\nusing System.Globalization;\nusing System.Linq;\nusing System.Text;\n");
            var driver = withModel && (dense || IsDriverFile(i));
            if (driver)
            {
                text.Append("using Kernel;\n");
            }

            text.Append("\nnamespace App;\n\n");
            OrdinaryModule(text, random, i, driver ? 2 : 3 + random.Next(4));
            if (driver)
            {
                DriverClass(text, random, i, expected, ref banned, dense);
            }

            files.Add(new SourceFile($"/bench/App/File{i:D5}.cs", text.ToString()));
        }

        var name = $"{fileCount}{(dense ? " dense" : string.Empty)} files{(withModel ? string.Empty : ", no attributes")}";
        return new Corpus(name, fileCount, files, expected, banned, withModel, dense);
    }

    /// <summary>One in ten files touches mappability.</summary>
    public static bool IsDriverFile(int index) => index % 10 == 5;

    /// <summary>
    /// The kernel model plus one file with a single method of <paramref name="statements"/> statements
    /// mixing branches, loops and gate/sink calls. Every gate check is conditional, so a sink at the top
    /// level is ungated on some path: each planted top-level sink is one MAP001; each state test one MAP002.
    /// </summary>
    public static Corpus GenerateLongMethod(int statements)
    {
        var expected = NewCounts();
        var banned = KernelBannedReferences;
        var text = new StringBuilder();
        text.Append("using System;\nusing Kernel;\n\nnamespace App;\n\npublic static class LongMethod\n{\n");
        text.Append("    public static int Run(PciDev d, VfioDev v, PhysVec[] vec, DmaRange[] ranges, int x)\n    {\n        var acc = 0;\n");
        var random = new Random(statements);
        for (var s = 0; s < statements; s++)
        {
            if (s % 10 == 3)
            {
                text.Append(CultureInfo.InvariantCulture, $"        if (x > {s})\n        {{\n            var p{s} = P2PDma.PcimP2PDmaProvider(d, {s % 6});\n            if (p{s} is not null)\n            {{\n                acc += DmaBuf.FillPhysVec(vec, ranges, {s}UL, 4096);\n            }}\n        }}\n");
            }
            else if (s % 50 == 7)
            {
                // A leaf test that withholds a sink (one that only changes a counter decides nothing: no MAP002).
                text.Append(CultureInfo.InvariantCulture, $"        if (!v.BarMmapSupported[{s % 6}])\n        {{\n            acc--;\n        }}\n        else if (P2PDma.PcimP2PDmaProvider(d, {s % 6}) is not null)\n        {{\n            acc += DmaBuf.FillPhysVec(vec, ranges, {s}UL, 4096);\n        }}\n");
                expected[Map002]++;
                banned++;
            }
            else if (s % 100 == 51)
            {
                text.Append(CultureInfo.InvariantCulture, $"        acc += DmaBuf.FillPhysVec(vec, ranges, {s}UL, 1);\n");
                expected[Map001]++;
            }
            else
            {
                text.Append(random.Next(4) switch
                {
                    0 => $"        acc += x * {s};\n",
                    1 => $"        if ((x ^ acc) > {s})\n        {{\n            acc -= {s};\n        }}\n        else\n        {{\n            acc ^= {s};\n        }}\n",
                    2 => $"        for (var j{s} = 0; j{s} < 3; j{s}++)\n        {{\n            acc += j{s} * x;\n        }}\n",
                    _ => $"        acc = acc > {s} ? acc - x : acc + x;\n",
                });
            }
        }

        text.Append("        return acc;\n    }\n}\n");
        var files = new[]
        {
            new SourceFile("/bench/Kernel/Model.cs", KernelModel(baselineGate: false)),
            new SourceFile("/bench/App/LongMethod.cs", text.ToString()),
        };
        return new Corpus($"one method of {statements} statements", 1, files, expected, banned, hasModel: true);
    }

    private static Dictionary<string, int> NewCounts()
        => new(StringComparer.Ordinal) { [Map001] = 0, [Map002] = 0, [Map003] = 0, [Map004] = 0 };

    private static string KernelModel(bool baselineGate)
    {
        var text = new StringBuilder("""
            using System;
            using Mappability;

            namespace Kernel;

            public static class Errno
            {
                public const int EPERM = 1;
                public const int ENODEV = 19;
                public const int EINVAL = 22;
            }

            public sealed class PciResource
            {
                public ulong Start { get; set; }
                public ulong End { get; set; }
                public ulong Flags { get; set; }
                public ulong Length => End == 0 ? 0 : End - Start + 1;
            }

            public sealed class PciDev
            {
                public PciDev(ushort vendorId, ushort deviceId)
                {
                    VendorId = vendorId;
                    DeviceId = deviceId;
                    for (var i = 0; i < Resources.Length; i++)
                    {
                        Resources[i] = new PciResource();
                    }
                }

                public ushort VendorId { get; }
                public ushort DeviceId { get; }
                public PciResource[] Resources { get; } = new PciResource[7];

                [MappabilityState]
                public bool NonMappableBars { get; set; }
            }

            public sealed class Provider
            {
                public Provider(PciDev owner, int bar)
                {
                    Owner = owner;
                    Bar = bar;
                }

                public PciDev Owner { get; }
                public int Bar { get; }
            }

            public readonly record struct PhysVec(ulong Paddr, ulong Len);

            public readonly record struct DmaRange(ulong Offset, ulong Length);

            public static class P2PDma
            {
                /// <summary>pcim_p2pdma_provider() after the subsystem fix: honours non_mappable_bars.</summary>
                [MappabilityGate]
                public static Provider? PcimP2PDmaProvider(PciDev pdev, int bar)
                {
                    if (pdev.NonMappableBars)
                    {
                        return null;
                    }

                    if (bar < 0 || bar >= 6 || pdev.Resources[bar].Length == 0)
                    {
                        return null;
                    }

                    return new Provider(pdev, bar);
                }

            """);
        if (baselineGate)
        {
            text.Append("""

                    /// <summary>pcim_p2pdma_provider() before the fix: ignores non_mappable_bars (one MAP004).</summary>
                    [MappabilityGate]
                    public static Provider? PcimP2PDmaProviderBaseline(PciDev pdev, int bar)
                    {
                        if (bar < 0 || bar >= 6 || pdev.Resources[bar].Length == 0)
                        {
                            return null;
                        }

                        return new Provider(pdev, bar);
                    }

                """);
        }

        text.Append("""
            }

            public sealed class VfioDev
            {
                public VfioDev(PciDev pdev)
                {
                    Pdev = pdev;
                }

                public PciDev Pdev { get; }

                [MappabilityState]
                public bool[] BarMmapSupported { get; } = new bool[6];

                /// <summary>vfio_pci_probe_mmaps(): refuses mmap for non_mappable_bars devices.</summary>
                [MappabilityPolicy]
                public void ProbeMmaps()
                {
                    for (var i = 0; i < 6; i++)
                    {
                        if (Pdev.NonMappableBars)
                        {
                            BarMmapSupported[i] = false;
                            continue;
                        }

                        BarMmapSupported[i] = Pdev.Resources[i].Length >= 4096 && (Pdev.Resources[i].Flags & 0x200) != 0;
                    }
                }
            }

            public static class DmaBuf
            {
                /// <summary>vfio_pci_core_fill_phys_vec().</summary>
                [MappingSink]
                public static int FillPhysVec(PhysVec[] physVec, DmaRange[] ranges, ulong start, ulong len)
                {
                    var n = Math.Min(physVec.Length, ranges.Length);
                    for (var i = 0; i < n; i++)
                    {
                        physVec[i] = new PhysVec(start + ranges[i].Offset, Math.Min(len, ranges[i].Length));
                    }

                    return n;
                }
            }

            """);
        return text.ToString();
    }

    /// <summary>A static class of ordinary code; <c>Entry</c> calls the previous file's module so files bind across each other.</summary>
    private static void OrdinaryModule(StringBuilder text, Random random, int index, int methods)
    {
        text.Append(CultureInfo.InvariantCulture, $"public sealed record Item{index}(string Name, int Weight);\n\n");
        text.Append(CultureInfo.InvariantCulture, $"public static class Module{index}\n{{\n    private static int s_calls;\n\n");
        text.Append(CultureInfo.InvariantCulture, $"    public static int Entry(int x)\n    {{\n        s_calls++;\n        return {(index == 0 ? "x + s_calls" : $"Module{index - 1}.Entry(x - 1) + s_calls")};\n    }}\n");
        for (var m = 0; m < methods; m++)
        {
            text.Append('\n');
            var a = random.Next(2, 100);
            var b = random.Next(2, 17);
            var c = random.Next(1, 50);
            text.Append(random.Next(7) switch
            {
                0 => $$"""
                        public static int Sum{{m}}(int[] values, int threshold)
                        {
                            var total = 0;
                            for (var i = 0; i < values.Length; i++)
                            {
                                if (values[i] > threshold + {{a}})
                                {
                                    total += values[i] * {{b}};
                                }
                                else if (values[i] % {{b}} == 0)
                                {
                                    total -= {{c}};
                                }
                                else
                                {
                                    total ^= i;
                                }
                            }

                            while (total > {{a * 1000}})
                            {
                                total /= 2;
                            }

                            return total;
                        }

                    """,
                1 => $$"""
                        public static List<string> Query{{m}}(IEnumerable<Item{{index}}> items)
                            => items
                                .Where(x => x.Weight > {{a}} && !string.IsNullOrEmpty(x.Name))
                                .OrderBy(x => x.Name, StringComparer.Ordinal)
                                .ThenByDescending(x => x.Weight)
                                .Select(x => x.Name + ":" + x.Weight.ToString(CultureInfo.InvariantCulture))
                                .Take({{b}})
                                .ToList();

                    """,
                2 => $$"""
                        public static int Parse{{m}}(string text)
                        {
                            try
                            {
                                var value = int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
                                if (value < {{a}})
                                {
                                    throw new ArgumentOutOfRangeException(nameof(text), value, "below {{a}}");
                                }

                                return value * {{b}};
                            }
                            catch (FormatException ex)
                            {
                                return -ex.Message.Length - {{c}};
                            }
                            catch (OverflowException)
                            {
                                return int.MaxValue;
                            }
                            finally
                            {
                                s_calls++;
                            }
                        }

                    """,
                3 => $$"""
                        public static string Format{{m}}(string name, int count, double ratio)
                        {
                            var builder = new StringBuilder();
                            builder.Append(CultureInfo.InvariantCulture, $"{name}: {count,5} items, ratio {ratio:F2}");
                            for (var i = 0; i < count % {{b}}; i++)
                            {
                                builder.AppendFormat(CultureInfo.InvariantCulture, " [{0}:{1:X4}]", i, i * {{a}});
                            }

                            return string.Format(CultureInfo.InvariantCulture, "{0} ({1} chars)", builder, builder.Length);
                        }

                    """,
                4 => $$"""
                        public static TOut[] Map{{m}}<TIn, TOut>(IReadOnlyList<TIn> source, Func<TIn, TOut> selector)
                            where TOut : notnull
                        {
                            var result = new TOut[source.Count];
                            for (var i = 0; i < source.Count; i++)
                            {
                                result[i] = selector(source[i]);
                            }

                            return result;
                        }

                        public static Dictionary<TKey, List<TValue>> Group{{m}}<TKey, TValue>(IEnumerable<TValue> values, Func<TValue, TKey> key)
                            where TKey : notnull
                        {
                            var groups = new Dictionary<TKey, List<TValue>>();
                            foreach (var value in values)
                            {
                                if (!groups.TryGetValue(key(value), out var list))
                                {
                                    list = new List<TValue>({{b}});
                                    groups.Add(key(value), list);
                                }

                                list.Add(value);
                            }

                            return groups;
                        }

                    """,
                5 => $$"""
                        public static string Classify{{m}}(object? value) => value switch
                        {
                            null => "null",
                            int i when i > {{a}} => "large",
                            int i => i.ToString(CultureInfo.InvariantCulture),
                            string { Length: > {{b}} } s => s.Substring(0, {{b}}),
                            string s => s,
                            Item{{index}} { Weight: var w } item => item.Name + w.ToString(CultureInfo.InvariantCulture),
                            _ => "other",
                        };

                    """,
                _ => $$"""
                        public static double Stats{{m}}(IReadOnlyCollection<int> samples)
                        {
                            if (samples.Count == 0)
                            {
                                return double.NaN;
                            }

                            var mean = samples.Average();
                            var variance = samples.Sum(s => (s - mean) * (s - mean)) / samples.Count;
                            var top = samples.OrderByDescending(s => s).Skip({{c % 5}}).FirstOrDefault();
                            return Math.Sqrt(variance) + top / (double){{b}} + Entry({{a}});
                        }

                    """,
            });
        }

        text.Append("}\n");
    }

    /// <summary>
    /// A driver class with three mappability methods drawn from: correct export paths (three styles),
    /// a gate-wrapping helper used before the sink, a state read that only feeds a log string
    /// (not a decision), and the planted faults MAP001, MAP002 and MAP003 (one diagnostic each).
    /// </summary>
    private static void DriverClass(StringBuilder text, Random random, int index, Dictionary<string, int> expected, ref int banned, bool dense)
    {
        text.Append(CultureInfo.InvariantCulture, $"\npublic static class Driver{index}\n{{\n");
        for (var k = 0; k < 3; k++)
        {
            text.Append(k == 0 ? string.Empty : "\n");
            // Dense: four methods in five drawn from the clean forms (below 64), as in a driver tree that builds.
            var pick = dense && random.Next(5) != 0 ? random.Next(64) : random.Next(100);
            if (pick < 14)
            {
                text.Append(CultureInfo.InvariantCulture, $$"""
                        public static int ExportChecked{{k}}(PciDev d, int bar, PhysVec[] vec, DmaRange[] ranges)
                        {
                            var provider = P2PDma.PcimP2PDmaProvider(d, bar);
                            if (provider is null)
                            {
                                return -Errno.EINVAL;
                            }

                            return DmaBuf.FillPhysVec(vec, ranges, (ulong)provider.Bar * 4096, 4096);
                        }

                    """);
            }
            else if (pick < 28)
            {
                text.Append(CultureInfo.InvariantCulture, $$"""
                        public static int ExportPattern{{k}}(PciDev d, int bar, PhysVec[] vec, DmaRange[] ranges)
                        {
                            if (P2PDma.PcimP2PDmaProvider(d, bar) is not { } provider)
                            {
                                return -Errno.ENODEV;
                            }

                            var total = 0;
                            foreach (var range in ranges)
                            {
                                if (range.Length == 0)
                                {
                                    continue;
                                }

                                total += DmaBuf.FillPhysVec(vec, new[] { range }, (ulong)provider.Bar + range.Offset, range.Length);
                            }

                            return total;
                        }

                    """);
            }
            else if (pick < 40)
            {
                text.Append(CultureInfo.InvariantCulture, $$"""
                        public static int ExportOrThrow{{k}}(PciDev d, int bar, PhysVec[] vec, DmaRange[] ranges)
                        {
                            var provider = P2PDma.PcimP2PDmaProvider(d, bar) ?? throw new InvalidOperationException("BAR " + bar + " may not be mapped");
                            return DmaBuf.FillPhysVec(vec, ranges, 0, (ulong)(provider.Bar + 1) * 4096);
                        }

                    """);
            }
            else if (pick < 55)
            {
                text.Append(CultureInfo.InvariantCulture, $$"""
                        private static bool CanExport{{k}}(PciDev d, int bar) => P2PDma.PcimP2PDmaProvider(d, bar) is not null;

                        public static int ExportViaHelper{{k}}(PciDev d, int bar, PhysVec[] vec, DmaRange[] ranges)
                        {
                            if (!CanExport{{k}}(d, bar))
                            {
                                return -Errno.EPERM;
                            }

                            return DmaBuf.FillPhysVec(vec, ranges, (ulong)bar * 4096, 4096);
                        }

                    """);
            }
            else if (pick < 64)
            {
                text.Append(CultureInfo.InvariantCulture, $$"""
                        public static string Describe{{k}}(PciDev d)
                            => "device " + d.VendorId.ToString("x4", CultureInfo.InvariantCulture) + ", non-mappable BARs: " + d.NonMappableBars;

                    """);
                banned++;
            }
            else if (pick < 76)
            {
                // MAP001: the sink with no gate on any path.
                text.Append(CultureInfo.InvariantCulture, $$"""
                        public static int ExportUngated{{k}}(PciDev d, int bar, PhysVec[] vec, DmaRange[] ranges)
                        {
                            if (bar < 0 || d.VendorId == 0)
                            {
                                return -Errno.EINVAL;
                            }

                            return DmaBuf.FillPhysVec(vec, ranges, (ulong)bar * 4096, 4096);
                        }

                    """);
                expected[Map001]++;
            }
            else if (pick < 88)
            {
                // MAP002: the first patch of the kvm thread, a leaf re-deciding mappability (then gated properly).
                text.Append(CultureInfo.InvariantCulture, $$"""
                        public static int ExportLeafCheck{{k}}(VfioDev vdev, int i, PhysVec[] vec, DmaRange[] ranges)
                        {
                            if (!vdev.BarMmapSupported[i])
                            {
                                return -22;
                            }

                            var provider = P2PDma.PcimP2PDmaProvider(vdev.Pdev, i);
                            if (provider is null)
                            {
                                return -Errno.EINVAL;
                            }

                            return DmaBuf.FillPhysVec(vec, ranges, (ulong)i * 4096, 4096);
                        }

                    """);
                expected[Map002]++;
                banned++;
            }
            else
            {
                // MAP003: the gate is asked and its answer ignored (reported instead of MAP001 on the sink).
                text.Append(CultureInfo.InvariantCulture, $$"""
                        public static int ExportIgnoredGate{{k}}(PciDev d, int bar, PhysVec[] vec, DmaRange[] ranges)
                        {
                            P2PDma.PcimP2PDmaProvider(d, bar);
                            return DmaBuf.FillPhysVec(vec, ranges, (ulong)bar * 4096, 4096);
                        }

                    """);
                expected[Map003]++;
            }
        }

        text.Append("}\n");
    }
}
