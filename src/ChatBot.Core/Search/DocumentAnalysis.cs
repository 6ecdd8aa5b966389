using System.Text.RegularExpressions;
using ChatBot.Core.Corpus;

namespace ChatBot.Core.Search;

/// <summary>
/// One sentence (or one multi-sentence quotation) of a document, with what answering needs:
/// its analysed terms, who it is attributed to, and how much of it is direct speech.
/// </summary>
public sealed record AnalyzedSentence(
    int Index,
    int Paragraph,
    SentenceSpan Span,
    string Text,
    IReadOnlySet<string> Terms,
    string? Speaker,
    bool SpeakerInherited,
    double QuotedShare,
    bool StartsWithPronoun);

/// <summary>
/// Sentences of a document with speaker attribution: "said Mark Morgan", "Valdés says", and "he said"
/// resolved to the last named speaker, so a quotation can be matched to who said it.
/// </summary>
public sealed partial class DocumentAnalysis
{
    private DocumentAnalysis(CorpusDocument document, IReadOnlyList<AnalyzedSentence> sentences, IReadOnlyList<(int Start, int End)> paragraphs)
    {
        Document = document;
        Sentences = sentences;
        Paragraphs = paragraphs;
    }

    public CorpusDocument Document { get; }
    public IReadOnlyList<AnalyzedSentence> Sentences { get; }
    public IReadOnlyList<(int Start, int End)> Paragraphs { get; }

    public IEnumerable<AnalyzedSentence> SentencesIn(int start, int end) =>
        Sentences.Where(s => s.Span.Start < end && s.Span.End > start);

    public static DocumentAnalysis Analyze(CorpusDocument document)
    {
        var text = document.Text;
        var paragraphs = Chunker.ParagraphSpans(text);
        var sentences = new List<AnalyzedSentence>();
        string? lastSpeaker = null;
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var (start, end) = paragraphs[p];
            var spans = SentenceSplitter.Split(text, start, end - start);
            var named = spans.Select(s => NamedSpeaker(s.Of(text))).FirstOrDefault(n => n is not null);
            var paragraphStartsWithQuote = text[start] is '“' or '"';
            // A paragraph that opens with a quotation and names nobody continues the previous speaker.
            var paragraphSpeaker = named ?? (paragraphStartsWithQuote ? lastSpeaker : null);
            foreach (var span in spans)
            {
                var sentence = span.Of(text);
                var own = NamedSpeaker(sentence);
                string? speaker;
                var inherited = false;
                if (own is not null) speaker = own;
                else if (PronounAttribution().IsMatch(sentence)) { speaker = named ?? lastSpeaker; inherited = true; }
                else if (QuotedShare(sentence) > 0.5) { speaker = paragraphSpeaker; inherited = true; }
                else speaker = null;
                if (speaker is not null) lastSpeaker = speaker;
                sentences.Add(new AnalyzedSentence(
                    sentences.Count, p, span, sentence,
                    SearchAnalyzer.Shared.Terms(sentence).ToHashSet(StringComparer.Ordinal),
                    speaker, inherited && speaker is not null, QuotedShare(sentence),
                    PronounStart().IsMatch(sentence)));
            }
            if (named is not null) lastSpeaker = named;
        }
        return new DocumentAnalysis(document, sentences, paragraphs);
    }

    /// <summary>Share of a sentence's letters that sit inside double quotation marks.</summary>
    public static double QuotedShare(string sentence)
    {
        int inside = 0, letters = 0;
        var depth = 0;
        foreach (var c in sentence)
        {
            if (c == '“') { depth++; continue; }
            if (c == '”') { depth = Math.Max(0, depth - 1); continue; }
            if (c == '"') { depth = depth > 0 ? 0 : 1; continue; }
            if (!char.IsLetter(c)) continue;
            letters++;
            if (depth > 0) inside++;
        }
        return letters == 0 ? 0 : (double)inside / letters;
    }

    /// <summary>The person a sentence attributes its words to, when it names one.</summary>
    public static string? NamedSpeaker(string sentence)
    {
        var after = SpeakerAfterVerb().Match(sentence);
        if (after.Success) return TrimName(after.Groups["name"].Value);
        var before = SpeakerBeforeVerb().Match(sentence);
        if (before.Success) return TrimName(before.Groups["name"].Value);
        return null;
    }

    private static string? TrimName(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !NotNames.Contains(p)).ToList();
        return parts.Count == 0 ? null : string.Join(' ', parts.TakeLast(3));
    }

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "But", "And", "He", "She", "They", "It", "We", "I", "This", "That", "Mexico’s", "Mexico's", "U.S.", "In", "On",
    };

    // "said Guillermo Valdés", "according to Eduardo Medina Mora", "told me … said Mark Morgan".
    [GeneratedRegex(@"\b(said|says|told|stated|explained|added|warned|argued|according to)\s+(?<name>[A-Z][\p{L}’'.\-]+(\s+[A-Z][\p{L}’'.\-]+){0,3})")]
    private static partial Regex SpeakerAfterVerb();

    // "Valdés says", "Guillermo Valdés recently told", "Cuevas said".
    [GeneratedRegex(@"(?<name>[A-Z][\p{L}’'.\-]+(\s+[A-Z][\p{L}’'.\-]+){0,3}),?\s+(\w+ly\s+)?(said|says|told|stated|explained|added|warned|argued|believes|thinks)\b")]
    private static partial Regex SpeakerBeforeVerb();

    [GeneratedRegex(@"\b(he|she|they|her|his)\s+(\w+ly\s+)?(said|says|stated|explained|added|told|suggested|continued|warned)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PronounAttribution();

    [GeneratedRegex(@"^(He|She|They|It|This|That|These|Those|His|Her|Their)\b")]
    private static partial Regex PronounStart();
}
