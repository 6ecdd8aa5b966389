using System.Text.RegularExpressions;
using ChatBot.Core.Corpus;

namespace ChatBot.Core.Search;

/// <summary>
/// One unit of a document that an answer can quote: a sentence of a paragraph (or one multi-sentence
/// quotation), or a whole list item, table row, heading or code block (<see cref="Kind"/>). Carries what
/// answering needs: its analysed terms, who it is attributed to, how much of it is direct speech.
/// <see cref="Paragraph"/> is the index of its block (<see cref="DocumentAnalysis.Paragraphs"/>),
/// <see cref="Section"/> the index of the section it sits in (-1 before the first heading).
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
    bool StartsWithPronoun)
{
    public BlockKind Kind { get; init; } = BlockKind.Paragraph;

    public int Section { get; init; } = -1;

    /// <summary>Headings and code are context, never an answer by themselves.</summary>
    public bool IsAnswerable => Kind is not (BlockKind.Heading or BlockKind.Code);
}

/// <summary>
/// The units of a document (from its parsed structure) with speaker attribution: "said Ana Ortiz",
/// "Quillon says", and "he said" resolved to the last named speaker, so a quotation can be matched to
/// who said it.
/// </summary>
public sealed partial class DocumentAnalysis
{
    private readonly IReadOnlyList<int> _sectionHeadings;

    private DocumentAnalysis(CorpusDocument document, IReadOnlyList<AnalyzedSentence> sentences, IReadOnlyList<(int Start, int End)> paragraphs, IReadOnlyList<int> sectionHeadings)
    {
        Document = document;
        Sentences = sentences;
        Paragraphs = paragraphs;
        _sectionHeadings = sectionHeadings;
    }

    public CorpusDocument Document { get; }

    /// <summary>Every unit in text order (headings included: they give the units under them their context).</summary>
    public IReadOnlyList<AnalyzedSentence> Sentences { get; }

    /// <summary>The document's blocks as spans of its text, in order.</summary>
    public IReadOnlyList<(int Start, int End)> Paragraphs { get; }

    public IEnumerable<AnalyzedSentence> SentencesIn(int start, int end) =>
        Sentences.Where(s => s.Span.Start < end && s.Span.End > start);

    /// <summary>The heading unit of a section (null outside any section).</summary>
    public AnalyzedSentence? HeadingOf(int section) =>
        section >= 0 && section < _sectionHeadings.Count && _sectionHeadings[section] >= 0 ? Sentences[_sectionHeadings[section]] : null;

    public static DocumentAnalysis Analyze(CorpusDocument document)
    {
        var text = document.Text;
        var layout = document.Layout;
        var sentences = new List<AnalyzedSentence>();
        var paragraphs = layout.Blocks.Select(b => (b.Start, b.End)).ToList();
        var headings = Enumerable.Repeat(-1, layout.Sections.Count).ToArray();
        string? lastSpeaker = null;
        for (var p = 0; p < layout.Blocks.Count; p++)
        {
            var block = layout.Blocks[p];
            IReadOnlyList<SentenceSpan> spans = block.Kind == BlockKind.Paragraph
                ? SentenceSplitter.Split(text, block.Start, block.Length)
                : [new SentenceSpan(block.Start, block.Length)];
            var prose = block.Kind is BlockKind.Paragraph or BlockKind.ListItem;
            var named = prose ? spans.Select(s => NamedSpeaker(s.Of(text))).FirstOrDefault(n => n is not null) : null;
            var paragraphStartsWithQuote = text[block.Start] is '“' or '"';
            // A paragraph that opens with a quotation and names nobody continues the previous speaker.
            var paragraphSpeaker = named ?? (paragraphStartsWithQuote ? lastSpeaker : null);
            string? subject = null;
            // Whether a sentence of this paragraph so far quoted someone it named or pointed to.
            var paragraphQuoted = false;
            foreach (var span in spans)
            {
                var sentence = span.Of(text);
                string? speaker = null;
                var inherited = false;
                if (prose)
                {
                    var own = NamedSpeaker(sentence);
                    if (own is not null) speaker = own;
                    // "Ana Ruiz, who runs the lab, joined in 2019. “…,” she said.": she is the person the paragraph is about.
                    else if (PronounAttribution().Match(sentence) is { Success: true } pronoun)
                    {
                        speaker = named ?? (pronoun.Groups["person"].Success ? subject : null) ?? lastSpeaker;
                        inherited = true;
                    }
                    // A quotation going on after the paragraph's attributed one ("“…,” he said. “…”") is still theirs.
                    else if (QuotedShare(sentence) > 0.5) { speaker = paragraphSpeaker ?? (paragraphQuoted ? lastSpeaker : null); inherited = true; }
                    if (speaker is not null) lastSpeaker = speaker;
                    if (speaker is not null && QuotedShare(sentence) > 0) paragraphQuoted = true;
                    subject ??= SubjectPerson(sentence);
                }
                if (block.Kind == BlockKind.Heading && block.Section >= 0 && block.Section < headings.Length) headings[block.Section] = sentences.Count;
                sentences.Add(new AnalyzedSentence(
                    sentences.Count, p, span, sentence,
                    SearchAnalyzer.Shared.Terms(sentence).ToHashSet(StringComparer.Ordinal),
                    speaker, inherited && speaker is not null, QuotedShare(sentence),
                    PronounStart().IsMatch(sentence))
                {
                    Kind = block.Kind,
                    Section = block.Section,
                });
            }
            if (named is not null) lastSpeaker = named;
            // A heading starts a new context: "he said" never reaches back across it.
            if (block.Kind == BlockKind.Heading) lastSpeaker = null;
        }
        return new DocumentAnalysis(document, sentences, paragraphs, headings);
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

    /// <summary>
    /// Where a sentence attributes its words to a pronoun ("“…,” she said"), or -1: the place an inherited
    /// <see cref="AnalyzedSentence.Speaker"/> stands in the sentence.
    /// </summary>
    public static int PronounAttributionIndex(string sentence) => PronounAttribution().Match(sentence) is { Success: true } m ? m.Index : -1;

    /// <summary>The person a sentence attributes its words to, when it names one.</summary>
    public static string? NamedSpeaker(string sentence)
    {
        // "Ana Ortiz, the operations director of the line, said …": the name before the appositive speaks.
        var appositive = SpeakerBeforeAppositive().Match(sentence);
        if (appositive.Success && TrimName(appositive.Groups["name"].Value) is { } a0) return a0;
        // "… was raised by Ana Ortiz of the dockers' union, who told the board that …": the name the relative clause speaks for.
        var relative = SpeakerBeforeRelative().Match(sentence);
        if (relative.Success && TrimName(relative.Groups["name"].Value) is { } r) return r;
        var after = SpeakerAfterVerb().Match(sentence);
        if (after.Success && TrimName(after.Groups["name"].Value) is { } a) return a;
        var before = SpeakerBeforeVerb().Match(sentence);
        if (before.Success) return TrimName(before.Groups["name"].Value);
        return null;
    }

    /// <summary>
    /// The person a sentence opens on, told by the shape of what follows the name: an appositive ("Ana Ruiz,
    /// who leads the lab, …", "Tom Lee, a chemist, …") or a copula ("Ana Ruiz was …"). Two to four capitalised
    /// words, the first not a function word ("The Harbour Board has …" is no person); a surname alone before ", who".
    /// </summary>
    private static string? SubjectPerson(string sentence)
    {
        var m = SubjectName().Match(sentence);
        if (!m.Success || Quiz.QuizText.FunctionWords.Contains(m.Groups["first"].Value.ToLowerInvariant())) return null;
        return TrimName(m.Groups["name"].Value);
    }

    /// <summary>
    /// The name without what cannot be part of one: function words ("But", "The"), possessive words
    /// ("Veltia’s Harbour Master Harriet Quillon" → "Harriet Quillon": the name follows the possessive)
    /// and all-capital abbreviations before it; at most the last three words.
    /// </summary>
    private static string? TrimName(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var possessive = parts.FindLastIndex(p => p.EndsWith("’s", StringComparison.Ordinal) || p.EndsWith("'s", StringComparison.Ordinal));
        if (possessive >= 0) parts = parts.Skip(possessive + 1).ToList();
        // A sentence's closing full stop is not part of the name ("said Quillon."); an initial's is ("Jr.").
        parts = parts.Select(p => p.Length > 3 && p.EndsWith('.') && !Abbreviation().IsMatch(p) ? p[..^1] : p)
            .Where(p => !Quiz.QuizText.FunctionWords.Contains(p.ToLowerInvariant()) && !Abbreviation().IsMatch(p)).ToList();
        return parts.Count == 0 ? null : string.Join(' ', parts.TakeLast(3));
    }

    // "Ana Ortiz, the operations director of X, said", "Ana Ortiz, a spokeswoman, told".
    [GeneratedRegex(@"^(?<name>[A-Z][\p{L}’'.\-]+(\s+[A-Z][\p{L}’'.\-]+){0,3}),\s+(a|an|the|who|whose)\s+[^,“""]{3,120},\s+(\w+ly\s+)?(said|says|told|stated|explained|added|warned|argued)\b")]
    private static partial Regex SpeakerBeforeAppositive();

    // "Ana Ortiz, who told", "Ana Ortiz of the Dockers' Union, who said": the name (and the body it speaks for) before a speaking relative clause.
    [GeneratedRegex(@"(?<name>[A-Z][\p{L}’'.\-]+(\s+[A-Z][\p{L}’'.\-]+){0,3})(\s+of\s+(the\s+)?[A-Z][^,“""]{2,80})?,\s+who\s+(\w+ly\s+)?(said|says|told|stated|explained|added|warned|argued)\b")]
    private static partial Regex SpeakerBeforeRelative();

    // "said Harriet Quillon", "according to Ana Ortiz Baena", "told me … said Edda Moravec".
    [GeneratedRegex(@"\b(said|says|told|stated|explained|added|warned|argued|according to)\s+(?<name>[A-Z][\p{L}’'.\-]+(\s+[A-Z][\p{L}’'.\-]+){0,3})")]
    private static partial Regex SpeakerAfterVerb();

    // "Quillon says", "Harriet Quillon recently told", "Ortiz said".
    [GeneratedRegex(@"(?<name>[A-Z][\p{L}’'.\-]+(\s+[A-Z][\p{L}’'.\-]+){0,3}),?\s+(\w+ly\s+)?(said|says|told|stated|explained|added|warned|argued|believes|thinks)\b")]
    private static partial Regex SpeakerBeforeVerb();

    [GeneratedRegex(@"\b((?<person>he|she)|they|her|his)\s+(\w+ly\s+)?(said|says|stated|explained|added|told|suggested|continued|warned)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PronounAttribution();

    // One word only before ", who": a relative pronoun for people ("Ortiz, who joined in 2019, …", a news text's second mention), where
    // "Harbourside, the new …" or "Brightlog is …" may be a place or a product.
    [GeneratedRegex(@"^(?<name>(?<first>[A-Z][\p{L}’'.\-]+)(\s+[A-Z][\p{L}’'.\-]+){1,3})(,\s+(who|whose|a|an|the)\b|\s+(is|was|has|had)\b)|^(?<name>(?<first>[A-Z][\p{L}’'.\-]+)),\s+who(se)?\b")]
    private static partial Regex SubjectName();

    [GeneratedRegex(@"^(He|She|They|It|This|That|These|Those|His|Her|Their)\b")]
    private static partial Regex PronounStart();

    // "U.K.", "UK", "NHA": an abbreviation, not a person's name.
    [GeneratedRegex(@"^((\p{Lu}\.){2,}|\p{Lu}{2,})$")]
    private static partial Regex Abbreviation();
}
