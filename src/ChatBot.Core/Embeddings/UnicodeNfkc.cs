using System.Globalization;
using System.Text;

namespace ChatBot.Core.Embeddings;

/// <summary>
/// Unicode NFKC normalisation from our own tables (<see cref="UnicodeNfkcData"/>), because the app
/// runs with InvariantGlobalization, where <c>string.Normalize(NormalizationForm.FormKC)</c> skips
/// compatibility mappings (e.g. "ﬁ" stays "ﬁ"), and the tokenizer must see what JavaScript's
/// <c>normalize("NFKC")</c> gives. Algorithm: full compatibility decomposition, canonical
/// reordering, canonical composition (UAX #15), Hangul done arithmetically.
/// </summary>
internal static class UnicodeNfkc
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Lazy<Tables> Data = new(Tables.Parse, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>NFKC form of <paramref name="text"/>. Text below U+00A0 is already in NFKC and is returned as is.</summary>
    public static string Normalize(string text)
    {
        if (IsTriviallyNormalized(text)) return text;
        var tables = Data.Value;

        var buffer = new List<int>(text.Length + 8);
        foreach (var rune in text.EnumerateRunes()) Decompose(rune.Value, buffer, tables);
        ReorderCombiningMarks(buffer, tables);
        var length = Compose(buffer, tables);

        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++) sb.Append(char.ConvertFromUtf32(buffer[i]));
        return sb.ToString();
    }

    private static bool IsTriviallyNormalized(string text)
    {
        foreach (var c in text)
        {
            if (c >= '\u00A0') return false;
        }
        return true;
    }

    private static void Decompose(int cp, List<int> output, Tables tables)
    {
        var s = cp - SBase;
        if (s is >= 0 and < SCount)
        {
            output.Add(LBase + s / NCount);
            output.Add(VBase + s % NCount / TCount);
            if (s % TCount != 0) output.Add(TBase + s % TCount);
            return;
        }
        if (tables.Decompositions.TryGetValue(cp, out var mapping)) output.AddRange(mapping);
        else output.Add(cp);
    }

    /// <summary>Stable sort of each run of non-starters by combining class.</summary>
    private static void ReorderCombiningMarks(List<int> buffer, Tables tables)
    {
        for (var i = 1; i < buffer.Count; i++)
        {
            var cls = tables.CombiningClass(buffer[i]);
            if (cls == 0) continue;
            for (var j = i; j > 0; j--)
            {
                var prev = tables.CombiningClass(buffer[j - 1]);
                if (prev <= cls) break;
                (buffer[j - 1], buffer[j]) = (buffer[j], buffer[j - 1]);
            }
        }
    }

    /// <summary>Canonical composition in place; returns the new length.</summary>
    private static int Compose(List<int> buffer, Tables tables)
    {
        if (buffer.Count == 0) return 0;
        var starterPos = 0;
        var starter = buffer[0];
        // A leading non-starter blocks composition with anything after it.
        var lastClass = tables.CombiningClass(starter) == 0 ? 0 : 256;
        var write = 1;
        for (var read = 1; read < buffer.Count; read++)
        {
            var ch = buffer[read];
            var cls = tables.CombiningClass(ch);
            var composite = ComposePair(starter, ch, tables);
            if (composite >= 0 && (lastClass < cls || lastClass == 0))
            {
                buffer[starterPos] = composite;
                starter = composite;
                continue;
            }
            if (cls == 0)
            {
                starterPos = write;
                starter = ch;
            }
            lastClass = cls;
            buffer[write++] = ch;
        }
        return write;
    }

    private static int ComposePair(int first, int second, Tables tables)
    {
        var l = first - LBase;
        if (l is >= 0 and < LCount)
        {
            var v = second - VBase;
            if (v is >= 0 and < VCount) return SBase + (l * VCount + v) * TCount;
        }
        var s = first - SBase;
        if (s is >= 0 and < SCount && s % TCount == 0)
        {
            var t = second - TBase;
            if (t is > 0 and < TCount) return first + t;
        }
        return tables.Compositions.TryGetValue(((long)first << 32) | (uint)second, out var c) ? c : -1;
    }

    private sealed class Tables
    {
        public required Dictionary<int, int[]> Decompositions { get; init; }
        public required Dictionary<int, byte> CombiningClasses { get; init; }
        public required Dictionary<long, int> Compositions { get; init; }

        public int CombiningClass(int cp) => cp < 0x300 ? 0 : CombiningClasses.GetValueOrDefault(cp);

        public static Tables Parse()
        {
            var decompositions = new Dictionary<int, int[]>();
            var classes = new Dictionary<int, byte>();
            var compositions = new Dictionary<long, int>();
            foreach (var line in UnicodeNfkcData.Table.AsSpan().EnumerateLines())
            {
                if (line.IsEmpty) continue;
                var fields = line[2..].ToString().Split(' ');
                switch (line[0])
                {
                    case 'D':
                        decompositions[Hex(fields[0])] = fields.Skip(1).Select(Hex).ToArray();
                        break;
                    case 'K':
                        classes[Hex(fields[0])] = byte.Parse(fields[1], CultureInfo.InvariantCulture);
                        break;
                    case 'C':
                        compositions[((long)Hex(fields[0]) << 32) | (uint)Hex(fields[1])] = Hex(fields[2]);
                        break;
                    default:
                        throw new InvalidDataException("Bad line in the NFKC table: " + line.ToString());
                }
            }
            return new Tables { Decompositions = decompositions, CombiningClasses = classes, Compositions = compositions };
        }

        private static int Hex(string s) => int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
