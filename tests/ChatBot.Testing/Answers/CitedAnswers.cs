using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Core.Answering;
using ChatBot.Core.Corpus;

namespace ChatBot.Testing.Answers;

/// <summary>
/// Answers with a chosen number of citations, shaped as the engine gives them (one sentence per cited
/// passage, each ending in its [n] marker; one entry per [n] in the citations), made from the repository's
/// corpus: real paragraphs as quotes with their accents and quotation marks, titles and outlets from the
/// manifest, and a link on every other citation (the manifest has few), so surfaces are tested with text
/// they will really show.
/// </summary>
public static partial class CitedAnswers
{
    private static readonly Lazy<IReadOnlyList<(string Source, ManifestEntry? Entry, string Paragraph)>> Paragraphs = new(Load);

    /// <summary>An answered question with <paramref name="count"/> citations, numbered 1…count, each a different paragraph (documents recur, as they do in summaries).</summary>
    public static Answer Build(int count, string question = "What do the articles say?")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var paragraphs = Paragraphs.Value;
        var citations = new List<Citation>();
        var text = new StringBuilder();
        for (var n = 1; n <= count; n++)
        {
            // Walk the documents round-robin so consecutive citations come from different sources.
            var (source, entry, paragraph) = paragraphs[(n - 1) * 7 % paragraphs.Count];
            var url = entry?.Url ?? (n % 2 == 1 ? $"https://example.org/articles/{Path.GetFileNameWithoutExtension(source)}#p{n}" : null);
            citations.Add(new Citation(n, source, entry?.Title ?? source, entry?.Outlet, url, paragraph));
            if (text.Length > 0) text.Append(' ');
            text.Append(FirstSentence(paragraph).TrimEnd('.')).Append(" [").Append(n).Append("].");
        }
        return new Answer { Question = question, Answered = true, Text = text.ToString(), Citations = citations, ElapsedMs = 12.5, Mode = "extractive" };
    }

    /// <summary>The number a question asks for ("show me 6 sources" → 6), else 1: lets a test or a browser choose.</summary>
    public static int CountIn(string question) => Number().Match(question) is { Success: true } m ? Math.Clamp(int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture), 1, 30) : 1;

    /// <summary>The shared fake engine answering every question with <see cref="Build"/>(<see cref="CountIn"/>(question)) citations.</summary>
    public static ChatBot.Testing.Engine.FakeAnswerEngine Engine() => new(q => Build(CountIn(q), q));

    private static IReadOnlyList<(string, ManifestEntry?, string)> Load()
    {
        var manifest = CorpusManifest.Load(RepoPaths.Corpus);
        var byDocument = Directory.GetFiles(RepoPaths.Corpus, "*.txt").Order(StringComparer.Ordinal).Select(file =>
        {
            var name = Path.GetFileName(file);
            return File.ReadAllText(file).ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(p => p.Length is > 200 and < 1200)
                .Select(p => (name, manifest.Find(name), p))
                .ToList();
        }).Where(d => d.Count > 0).ToList();
        // Interleave the documents' paragraphs: document 0's first, document 1's first, …, then the seconds.
        return Enumerable.Range(0, byDocument.Max(d => d.Count))
            .SelectMany(i => byDocument.Where(d => i < d.Count).Select(d => d[i]))
            .ToList();
    }

    private static string FirstSentence(string paragraph)
    {
        var end = SentenceEnd().Match(paragraph);
        return (end.Success ? paragraph[..end.Index] : paragraph).Trim();
    }

    [GeneratedRegex(@"(?<=[a-z0-9”)][.!?])\s+(?=[A-Z“])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
