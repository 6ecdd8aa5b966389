using System.Diagnostics;
using System.Text.RegularExpressions;
using ChatBot.Core;
using ChatBot.Core.Answering;
using ChatBot.Core.Search;
using Microsoft.Extensions.Options;

namespace ChatBot.Hosting.Tests.Support;

/// <summary>
/// A plain keyword-overlap answerer over <see cref="ICorpusIndex"/>, standing in for the engine in
/// tests of the HTTP layer: it quotes the best paragraph with a [1] citation, or refuses when too
/// few of the question's words occur in any paragraph. <see cref="Gate"/> holds answers in flight.
/// </summary>
public sealed partial class StandInAnswerEngine(ICorpusIndex index, IOptions<ChatBotOptions> options) : IAnswerEngine
{
    private static readonly HashSet<string> StopWords =
        ["what", "which", "who", "whom", "when", "where", "does", "did", "the", "and", "that", "this", "with", "from", "about",
         "have", "has", "was", "were", "for", "are", "is", "of", "to", "in", "a", "an", "how", "why", "later", "said", "say"];

    /// <summary>When set, each answer waits for it (after <see cref="Entered"/> is signalled).</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Signalled when an answer starts waiting on <see cref="Gate"/>.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<Answer> AskAsync(string question, AskContext? context = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        if (string.IsNullOrWhiteSpace(question)) throw new InvalidQuestionException("The question is empty.");
        if (question.Length > options.Value.MaxQuestionLength)
            throw new InvalidQuestionException($"The question is longer than {options.Value.MaxQuestionLength} characters.");
        if (question.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            throw new InvalidQuestionException("The question contains control characters; send plain text.");

        if (Gate is { } gate)
        {
            Entered.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        var snapshot = index.Current;
        var words = Words(question);
        var chunkWords = snapshot.Chunks.Select(c => (chunk: c, words: Words(c.Text))).ToList();
        // Rarer shared words weigh more (idf), so "arrested" beats "United States".
        double Idf(string word) => Math.Log((chunkWords.Count + 1.0) / (1 + chunkWords.Count(c => c.words.Contains(word))));
        var best = chunkWords
            .Select(c => (c.chunk, shared: c.words.Intersect(words).ToList()))
            .Select(x => (x.chunk, overlap: x.shared.Count, score: x.shared.Sum(Idf)))
            .OrderByDescending(x => x.score)
            .First();
        if (best.overlap < 2)
        {
            return new Answer
            {
                Question = question, Answered = false, Mode = "refusal", TopScore = best.score,
                Text = "Sorry, the articles I know do not cover that.", ElapsedMs = stopwatch.Elapsed.TotalMilliseconds,
            };
        }

        var document = snapshot.FindDocument(best.chunk.Source)!;
        return new Answer
        {
            Question = question,
            Answered = true,
            Text = FirstSentence(best.chunk.Text) + " [1]",
            Citations = [new Citation(1, document.Source, document.Title, document.Metadata.Outlet, document.Metadata.Url, best.chunk.Text)],
            TopScore = best.score,
            ElapsedMs = stopwatch.Elapsed.TotalMilliseconds,
        };
    }

    public Task<Answer> AskStreamingAsync(string question, IProgress<string> partialText, AskContext? context = null, CancellationToken cancellationToken = default) =>
        AskAsync(question, context, cancellationToken);

    private static HashSet<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length > 2 && !StopWords.Contains(w)).ToHashSet();

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();
}
