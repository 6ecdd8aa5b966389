using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Core.Answering;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;

namespace ChatBot.Testing.Engine;

/// <summary>
/// The one stand-in for the answer engine in surface tests (Discord, Teams, HTTP), where the engine is
/// not what is tested: it validates questions with the real <see cref="QuestionValidator"/>, answers
/// from the repository's corpus (or a live <see cref="ICorpusIndex"/>) by idf-weighted word overlap,
/// quoting the paragraphs it used with [n] markers and their real metadata, and refuses when too few
/// words match, so answers are shaped like the real engine's. Tests can script answers, hold them
/// (to watch deferral or shutdown), make them fail, and see every question asked.
/// </summary>
public sealed partial class FakeAnswerEngine : IAnswerEngine
{
    private static readonly HashSet<string> StopWords =
    [
        "what", "which", "who", "whom", "when", "where", "why", "how", "does", "did", "do", "the", "and", "that", "this", "with",
        "from", "about", "have", "has", "was", "were", "for", "are", "is", "of", "to", "in", "a", "an", "later", "said", "say",
        "says", "their", "they", "there", "articles", "article",
    ];

    private readonly Func<IReadOnlyList<Passage>> _passages;
    private readonly Func<string, Answer?>? _script;

    /// <param name="script">Answers a question itself (a null reply falls back to the corpus); may throw to simulate a failing engine.</param>
    public FakeAnswerEngine(Func<string, Answer?>? script = null)
    {
        var corpus = new Lazy<IReadOnlyList<Passage>>(() => FromCorpusFiles(RepoPaths.Corpus));
        _passages = () => corpus.Value;
        _script = script;
    }

    /// <summary>Answers from whatever <paramref name="index"/> holds now (so re-indexing changes the answers).</summary>
    public FakeAnswerEngine(ICorpusIndex index, Func<string, Answer?>? script = null)
    {
        _passages = () => FromSnapshot(index.Current);
        _script = script;
    }

    /// <summary>Every question asked (valid or not), with its context, in order.</summary>
    public ConcurrentQueue<(string Question, AskContext? Context)> Asked { get; } = new();

    /// <summary>When set, each answer waits for it after validation (and signals <see cref="Entered"/>).</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Signalled when an answer starts waiting on <see cref="Hold"/>.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Thrown by the next answers (an engine failure).</summary>
    public Exception? FailWith { get; set; }

    /// <summary>Answer with every matching paragraph in full (a long answer) instead of the best sentence of the best three.</summary>
    public bool Long { get; set; }

    public int MaxQuestionLength { get; set; } = 2000;

    public async Task<Answer> AskAsync(string question, AskContext? context = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        Asked.Enqueue((question, context));
        var text = QuestionValidator.Validate(question, MaxQuestionLength);
        if (Hold is { } hold)
        {
            Entered.TrySetResult();
            await hold.Task.WaitAsync(cancellationToken);
        }
        if (FailWith is { } failure) throw failure;
        var answer = _script?.Invoke(text) ?? FromPassages(text);
        return answer with { ElapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
    }

    public async Task<Answer> AskStreamingAsync(string question, IProgress<string> partialText, AskContext? context = null, CancellationToken cancellationToken = default)
    {
        var answer = await AskAsync(question, context, cancellationToken);
        if (answer.Answered) partialText.Report(answer.Text);
        return answer;
    }

    /// <summary>A fixed two-source answer about the real corpus files, for tests of rendering.</summary>
    public static Answer Sample(string question) => new()
    {
        Question = question,
        Answered = true,
        Text = "Every airplane passenger arriving in Mexico is vetted against U.S. criminal and national security databases [1], "
               + "and U.S. border officers work alongside Mexican counterparts at the Mexico City airport [1]. "
               + "Intelligence cooperation on immigration, border security, drugs and trafficking has grown closer over the last decade [2].",
        Citations =
        [
            new Citation(1, "003_f2003a5a2784408f.txt", "U.S.-Mexico security cooperation is at a historic high. Will that change under Trump?",
                "The Washington Post", "https://www.washingtonpost.com/world/the_americas/us-mexico-security-cooperation/",
                "Every airplane passenger who arrives in Mexico is vetted against U.S. criminal and national security databases, a daily dose of intelligence sharing aimed at finding fugitives and suspected terrorists."),
            new Citation(2, "000_ec4c33d2d5d46252.txt", "US-Mexico Intelligence Cooperation Braces For Possible Change",
                "Fronteras Desk", null,
                "The U.S. Congressional Research Service says intelligence cooperation between Mexico and the United States has become closer in the last decade on issues important to both countries such as illegal immigration, border security, drugs and human trafficking."),
        ],
        ElapsedMs = 12.5,
    };

    /// <summary>A refusal as the engine words it: not covered by the articles, no citations.</summary>
    public static Answer Refusal(string question) => new()
    {
        Question = question,
        Answered = false,
        Mode = "refusal",
        Text = "I can only answer from the articles I have, and I couldn't find that in them.",
    };

    /// <summary>One paragraph the fake can quote, with its document's metadata.</summary>
    public sealed record Passage(string Source, DocumentMetadata Metadata, string Text);

    private Answer FromPassages(string question)
    {
        var passages = _passages();
        var words = Words(question);
        var passageWords = passages.Select(p => Words(p.Text)).ToList();
        // Rarer shared words weigh more (idf), so "extradited" beats "United States".
        double Idf(string word) => Math.Log((passages.Count + 1.0) / (1 + passageWords.Count(w => w.Contains(word))));
        var ranked = passages
            .Select((p, i) => (Passage: p, Shared: passageWords[i].Intersect(words).ToList()))
            .Where(x => x.Shared.Count >= 2)
            .OrderByDescending(x => x.Shared.Sum(Idf))
            .ToList();
        if (ranked.Count == 0) return Refusal(question) with { TopScore = 0 };

        var used = (Long ? ranked : ranked.Take(3)).ToList();
        var text = new StringBuilder();
        var citations = new List<Citation>();
        foreach (var (passage, _) in used)
        {
            var n = citations.Count + 1;
            citations.Add(new Citation(n, passage.Source, passage.Metadata.Title, passage.Metadata.Outlet, passage.Metadata.Url, passage.Text));
            var said = Long ? passage.Text : BestSentence(passage.Text, words);
            if (text.Length > 0) text.Append("\n\n");
            text.Append(said).Append(" [").Append(n).Append(']');
        }
        return new Answer { Question = question, Answered = true, Text = text.ToString(), Citations = citations, TopScore = ranked[0].Shared.Sum(Idf) };
    }

    private static IReadOnlyList<Passage> FromCorpusFiles(string corpusDir)
    {
        var manifest = CorpusManifest.Load(corpusDir);
        var passages = new List<Passage>();
        foreach (var file in Directory.GetFiles(corpusDir, "*.txt").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var entry = manifest.Find(name);
            var metadata = new DocumentMetadata(entry?.Title ?? name, entry?.Outlet, entry?.Author, entry?.Date, entry?.Url);
            var paragraphs = File.ReadAllText(file).ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            passages.AddRange(paragraphs.Where(p => p.Length > 120).Select(p => new Passage(name, metadata, p)));
        }
        return passages;
    }

    private static IReadOnlyList<Passage> FromSnapshot(IIndexSnapshot snapshot) =>
        snapshot.Chunks.Select(c => new Passage(c.Source, snapshot.FindDocument(c.Source)?.Metadata ?? new DocumentMetadata(c.Source), c.Text)).ToList();

    /// <summary>Content words cut to six letters, a crude stem: "extradition" and "extradited" meet, as do "cartel" and "cartels".</summary>
    private static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 2 && !StopWords.Contains(w))
            .Select(w => w.Length > 6 ? w[..6] : w).ToHashSet();

    private static string BestSentence(string paragraph, HashSet<string> words) =>
        SentenceEnd().Split(paragraph).OrderByDescending(s => Words(s).Intersect(words).Count()).First().Trim();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();
}
