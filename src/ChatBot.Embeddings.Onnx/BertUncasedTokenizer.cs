using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace ChatBot.Embeddings.Onnx;

/// <summary>
/// BERT uncased WordPiece as Hugging Face's tokenizers do it (tokenizers.js and the Rust crate):
/// control characters dropped, whitespace (tabs and line breaks too) made spaces, CJK ideographs
/// spaced, lower-cased, accents stripped (NFD, then non-spacing marks removed: "Müller" is tokenized as "muller"),
/// split on whitespace and punctuation (Unicode P* and every ASCII symbol, `$` and `|` included),
/// then Microsoft.ML.Tokenizers' WordPiece with `##` continuations, [CLS] … [SEP] around.
/// </summary>
/// <remarks>
/// Microsoft.ML.Tokenizers' own BertTokenizer normalisation differs from that in three ways that
/// change ids (it deletes line breaks, gluing the words around them; its pre-tokenizer drops symbols
/// such as `$` and `|`; its accent stripping needs ICU), so only its WordPiece and vocabulary are
/// used, with the normaliser and pre-tokenizer below. Stripping accents needs Unicode
/// normalisation, i.e. ICU: the host must not run with invariant globalization
/// (<see cref="IsUnicodeNormalizationAvailable"/>). Literal "[SEP]"-style strings in a text are
/// tokenized as text, never as control tokens.
/// </remarks>
public sealed class BertUncasedTokenizer
{
    private readonly BertTokenizer _wordPiece;

    private BertUncasedTokenizer(BertTokenizer wordPiece) => _wordPiece = wordPiece;

    /// <summary>Longest word WordPiece splits; a longer one is a single [UNK] (as in Hugging Face's BERT).</summary>
    public const int MaxInputCharsPerWord = 100;

    public int ClassificationTokenId => _wordPiece.ClassificationTokenId;

    public int SeparatorTokenId => _wordPiece.SeparatorTokenId;

    public int UnknownTokenId => _wordPiece.UnknownTokenId;

    /// <summary>False when the process runs with invariant globalization, where string.Normalize does nothing.</summary>
    public static bool IsUnicodeNormalizationAvailable { get; } = "\u00E9".Normalize(NormalizationForm.FormD).Length == 2;

    /// <summary>Reads a BERT vocabulary (one token a line; the line number is the id).</summary>
    /// <exception cref="PlatformNotSupportedException">Unicode normalisation is unavailable (invariant globalization).</exception>
    public static BertUncasedTokenizer Load(string vocabularyPath)
    {
        if (!IsUnicodeNormalizationAvailable)
            throw new PlatformNotSupportedException(
                "The local embedding model's tokenizer strips accents through Unicode normalisation, which needs ICU, but this process runs " +
                "with invariant globalization (InvariantGlobalization / DOTNET_SYSTEM_GLOBALIZATION_INVARIANT). Run with ICU (libicu) or use Embeddings:Provider=OpenAI.");
        var wordPiece = BertTokenizer.Create(vocabularyPath, new BertOptions
        {
            Normalizer = new HuggingFaceBertNormalizer(),
            PreTokenizer = new HuggingFaceBertPreTokenizer(),
            SplitOnSpecialTokens = false,
            MaxInputCharsPerWord = MaxInputCharsPerWord,
        });
        return new BertUncasedTokenizer(wordPiece);
    }

    /// <summary>
    /// The ids of [CLS] text [SEP], at most <paramref name="maxTokens"/> of them: a longer text is cut to
    /// its first maxTokens − 1 ids (counting [CLS]) and [SEP], as Hugging Face's truncation does.
    /// </summary>
    public int[] Encode(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);
        // WordPiece stops at a word boundary when bounded; a word is at most MaxInputCharsPerWord pieces,
        // so asking for that many more ids than kept leaves the exact cut to us.
        var ids = _wordPiece.EncodeToIds(text, maxTokens + MaxInputCharsPerWord, addSpecialTokens: true, out _, out _);
        if (ids.Count <= maxTokens) return [.. ids];
        var cut = new int[maxTokens];
        for (var i = 0; i < maxTokens - 1; i++) cut[i] = ids[i];
        cut[^1] = SeparatorTokenId;
        return cut;
    }

    /// <summary>Hugging Face's BertNormalizer (clean_text, handle_chinese_chars, lowercase, strip_accents), in tokenizers.js order.</summary>
    private sealed class HuggingFaceBertNormalizer : Normalizer
    {
        public override string Normalize(ReadOnlySpan<char> original) => Normalize(original.ToString());

        public override string Normalize(string original)
        {
            var cleaned = new StringBuilder(original.Length + 8);
            foreach (var rune in original.EnumerateRunes())
            {
                var c = rune.Value;
                if (c is '\t' or '\n' or '\r') cleaned.Append(' ');
                else if (c is 0 or 0xFFFD || IsControl(rune)) continue;
                else if (IsWhitespace(c)) cleaned.Append(' ');
                else if (IsCjkIdeograph(c)) Append(cleaned.Append(' '), rune).Append(' ');
                else Append(cleaned, rune);
            }

            var decomposed = cleaned.ToString().ToLowerInvariant().Normalize(NormalizationForm.FormD);
            var result = new StringBuilder(decomposed.Length);
            foreach (var rune in decomposed.EnumerateRunes())
            {
                if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark) Append(result, rune);
            }
            return result.ToString();
        }

        private static StringBuilder Append(StringBuilder builder, Rune rune) =>
            rune.IsBmp ? builder.Append((char)rune.Value) : builder.Append(rune.ToString());

        private static bool IsControl(Rune rune) => Rune.GetUnicodeCategory(rune) is
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;

        /// <summary>The CJK Unified Ideographs blocks BERT spaces (not Hangul, Hiragana or Katakana).</summary>
        private static bool IsCjkIdeograph(int c) => c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF)
            or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F)
            or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
    }

    /// <summary>Hugging Face's BertPreTokenizer: runs of non-space non-punctuation, and each punctuation mark alone.</summary>
    private sealed class HuggingFaceBertPreTokenizer : PreTokenizer
    {
        public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => PreTokenize(text.ToString());

        public override IEnumerable<(int Offset, int Length)> PreTokenize(string text)
        {
            var words = new List<(int Offset, int Length)>();
            var start = -1;
            for (var i = 0; i < text.Length;)
            {
                Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var width);
                var space = IsWhitespace(rune.Value);
                var punctuation = !space && IsPunctuation(rune);
                if ((space || punctuation) && start >= 0)
                {
                    words.Add((start, i - start));
                    start = -1;
                }
                if (punctuation) words.Add((i, width));
                else if (!space && start < 0) start = i;
                i += width;
            }
            if (start >= 0) words.Add((start, text.Length - start));
            return words;
        }

        private static bool IsPunctuation(Rune rune) =>
            rune.Value is (>= 0x21 and <= 0x2F) or (>= 0x3A and <= 0x40) or (>= 0x5B and <= 0x60) or (>= 0x7B and <= 0x7E)
            || Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
                or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    /// <summary>JavaScript's \s (what tokenizers.js splits on): ASCII whitespace, Zs, line/paragraph separators, BOM.</summary>
    private static bool IsWhitespace(int c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or 0xA0 or 0x1680
        or (>= 0x2000 and <= 0x200A) or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000 or 0xFEFF;
}
