using ChatBot.Core.Evaluation;
using ChatBot.Core.Tests.Answering;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests.Conversations;

/// <summary>
/// The held-out conversation test split of the six corpora through the real engine, turn by turn, as a
/// regression check: the turns right may not fall below the figure recorded in docs/conversations.md by
/// more than <see cref="EvalRegressionTests.Margin"/> (or one turn). When a change improves it, record the
/// new figure here and in the docs.
/// </summary>
[Collection(EvalSplitsCollection.Name)]
public class ConversationEvalRegressionTests(EvalCorpora corpora)
{
    // Recorded with `chatbot --corpus DIR eval --conversations tests/fixtures/eval/conversations-test.jsonl` (docs/conversations.md).
    public static TheoryData<string, int, int, int> Splits => new()
    {
        // corpus, conversations run, turns right, turns
        { "corpus", 13, 34, 43 },
        { "corpora/tidewatch", 7, 23, 25 },
        { "corpora/thornbury", 8, 16, 29 },
        { "corpora/larkspur", 7, 18, 26 },
        { "corpora/vellmoor", 7, 14, 28 },
        { "corpora/halvard", 7, 18, 27 },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public async Task The_conversation_test_split_scores_at_least_the_recorded_figure(string corpus, int conversations, int right, int turns)
    {
        var f = corpora.For(corpus);
        var runner = ActivatorUtilities.CreateInstance<ConversationEvalRunner>(f.Services);
        var file = EvalConversation.Load(Path.Combine(RepoPaths.Fixtures, "eval", "conversations-test.jsonl"));

        var (results, skipped) = await runner.RunAsync(file);
        Assert.Equal(conversations, results.Select(r => r.Conversation.Id).Distinct().Count());
        Assert.Equal(file.Count - conversations, skipped);
        Assert.Equal(turns, results.Count);
        var summary = ConversationEvalRunner.Summarize(results, skipped);
        var misses = results.Where(r => !r.Correct).Select(r => $"{r.Question.Id} {r.Question.Question} => {(r.Answer.Answered ? r.Answer.Text[..Math.Min(100, r.Answer.Text.Length)] : "refused")}");
        Assert.True(summary.Right >= EvalRegressionTests.Floor(right, turns),
            $"turns right {summary.Right}/{turns} (recorded {right})\n" + string.Join("\n", misses));
    }
}
