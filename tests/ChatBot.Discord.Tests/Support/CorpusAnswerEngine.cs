using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Core.Answering;
using ChatBot.Testing;

namespace ChatBot.Discord.Tests.Support;

/// <summary>
/// A small stand-in for the answer engine (not for the wire): answers from the repository's corpus files by
/// word overlap, citing the paragraphs it used with [n] markers. Lets the Discord tests see realistic answers
/// until the real engine is on main.
/// </summary>
public sealed partial class CorpusAnswerEngine : IAnswerEngine
{
    private static readonly HashSet<string> Stop = ["what", "does", "the", "about", "with", "from", "that", "this", "have", "were", "which", "their", "they", "when", "there", "articles", "article", "say", "said"];
    private readonly List<(string Source, string Title, string Outlet, string Paragraph)> _paragraphs = [];

    public CorpusAnswerEngine()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Corpus, "*.txt").Order())
        {
            var paragraphs = File.ReadAllText(file).Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var outlet = paragraphs[0].Length < 80 ? paragraphs[0] : "Unknown outlet";
            var title = paragraphs.Skip(1).FirstOrDefault(p => p.Length is > 20 and < 200) ?? Path.GetFileName(file);
            foreach (var p in paragraphs.Where(p => p.Length > 120)) _paragraphs.Add((Path.GetFileName(file), title, outlet, p));
        }
    }

    public ConcurrentQueue<(string Question, AskContext? Context)> Calls { get; } = new();

    /// <summary>Delay before answering, to show the interaction was deferred rather than answered inline.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Answer with every matching paragraph (a long answer) instead of the best three.</summary>
    public bool Long { get; set; }

    /// <summary>Throw this on the next question (engine failure).</summary>
    public Exception? FailWith { get; set; }

    public async Task<Answer> AskAsync(string question, AskContext? context = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue((question, context));
        if (string.IsNullOrWhiteSpace(question)) throw new InvalidQuestionException("The question is empty.");
        if (question.Length > 500) throw new InvalidQuestionException("The question is too long (at most 500 characters).");
        await Task.Delay(Delay, cancellationToken);
        if (FailWith is { } failure) throw failure;

        var words = Words().Matches(question.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 4 && !Stop.Contains(w)).Distinct().ToList();
        var ranked = _paragraphs
            .Select(p => (p, Score: words.Count(w => p.Paragraph.Contains(w, StringComparison.OrdinalIgnoreCase))))
            .Where(x => x.Score > 0).OrderByDescending(x => x.Score).ToList();
        if (ranked.Count == 0)
            return new Answer { Question = question, Answered = false, Text = "I can't answer that from the articles I know.", Mode = "refusal" };

        var used = (Long ? ranked : ranked.Take(3)).ToList();
        var text = new StringBuilder();
        var citations = new List<Citation>();
        foreach (var (p, _) in used)
        {
            var n = citations.Count + 1;
            citations.Add(new Citation(n, p.Source, p.Title, p.Outlet, null, p.Paragraph));
            // Like an extractive answer: the best sentence of each passage, the passage itself as the quote.
            var said = Long ? p.Paragraph : BestSentence(p.Paragraph, words);
            text.Append(said).Append(" [").Append(n).Append("]\n\n");
        }
        return new Answer { Question = question, Answered = true, Text = text.ToString().Trim(), Citations = citations, ElapsedMs = 1.5 };
    }

    private static string BestSentence(string paragraph, List<string> words) =>
        Sentences().Split(paragraph).OrderByDescending(s => words.Count(w => s.Contains(w, StringComparison.OrdinalIgnoreCase))).First().Trim();

    public async Task<Answer> AskStreamingAsync(string question, IProgress<string> partialText, AskContext? context = null, CancellationToken cancellationToken = default)
    {
        var answer = await AskAsync(question, context, cancellationToken);
        partialText.Report(answer.Text);
        return answer;
    }

    [GeneratedRegex(@"\p{L}+")] private static partial Regex Words();
    [GeneratedRegex(@"(?<=[.!?])\s+")] private static partial Regex Sentences();
}
