using ChatBot.Core.Answering;
using ChatBot.Core.Search;

namespace ChatBot.Core.Evaluation;

/// <summary>How one conversation turn went (scored by <see cref="EvalRunner.IsCorrect"/>).</summary>
public sealed record ConversationTurnResult(EvalConversation Conversation, int Turn, EvalQuestion Question, Answer Answer, bool Correct);

/// <summary>Totals of a conversation eval run (the `summary` line of `eval --conversations --json`).</summary>
public sealed record ConversationEvalSummary(int Conversations, int Skipped, int Turns, int Right, double Accuracy, int FollowUps, int FollowUpsRight, double MedianMs);

/// <summary>
/// Runs conversation eval files: every conversation in its own conversation memory, turn by turn, each
/// turn scored with the question rule (<see cref="EvalRunner.IsCorrect"/>). A conversation is for this
/// corpus when each of its gold prefixes starts the name of one of the corpus's files; the others are
/// skipped and counted, so one file can hold conversations over several corpora.
/// </summary>
public sealed class ConversationEvalRunner(IAnswerEngine engine, CorpusIndex index)
{
    public async Task<(IReadOnlyList<ConversationTurnResult> Results, int Skipped)> RunAsync(IReadOnlyList<EvalConversation> conversations,
        Action<ConversationTurnResult>? onResult = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await index.EnsureReadyAsync(cancellationToken: cancellationToken);
        var sources = snapshot.Documents.Select(d => d.Source).ToList();
        var results = new List<ConversationTurnResult>();
        var skipped = 0;
        // One memory per run and conversation, so a second run (or a repeated id) never continues an old one.
        var run = Guid.NewGuid().ToString("N");
        foreach (var conversation in conversations)
        {
            var gold = conversation.Turns.SelectMany(t => t.Gold ?? []).Distinct().ToList();
            if (!gold.All(g => sources.Any(s => s.StartsWith(g, StringComparison.Ordinal))))
            {
                skipped++;
                continue;
            }
            var context = AskContext.For("eval", $"{run}/{conversation.Id}", "eval");
            for (var i = 0; i < conversation.Turns.Count; i++)
            {
                var question = conversation.Question(i);
                var answer = await engine.AskAsync(question.Question, context, cancellationToken);
                var result = new ConversationTurnResult(conversation, i + 1, question, answer, EvalRunner.IsCorrect(question, answer));
                results.Add(result);
                onResult?.Invoke(result);
            }
        }
        return (results, skipped);
    }

    public static ConversationEvalSummary Summarize(IReadOnlyList<ConversationTurnResult> results, int skipped)
    {
        var followUps = results.Where(r => r.Turn > 1).ToList();
        var times = results.Select(r => r.Answer.ElapsedMs).Order().ToList();
        return new ConversationEvalSummary(
            results.Select(r => r.Conversation.Id).Distinct().Count(), skipped, results.Count, results.Count(r => r.Correct),
            results.Count == 0 ? 0 : Math.Round((double)results.Count(r => r.Correct) / results.Count, 4),
            followUps.Count, followUps.Count(r => r.Correct),
            times.Count == 0 ? 0 : times[times.Count / 2]);
    }
}
