using System.Collections.Concurrent;
using ChatBot.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Testing.Conversations;

/// <summary>
/// The real <see cref="HeuristicFollowUpRewriter"/>, recording what the engine hands it: each question it
/// was asked to rewrite, the conversation's turns the engine found for it, and the standalone question
/// that came back. Surface tests use it to see whose context a follow-up was read with. The engine only
/// calls a rewriter when the conversation has turns, so a question never recorded met no context.
/// </summary>
public sealed class RecordingFollowUpRewriter(HeuristicFollowUpRewriter inner) : IFollowUpRewriter
{
    public sealed record Rewrite(string Question, IReadOnlyList<ConversationTurn> History, string Standalone);

    public ConcurrentQueue<Rewrite> Rewrites { get; } = new();

    public async Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        var standalone = await inner.RewriteAsync(question, history, cancellationToken);
        Rewrites.Enqueue(new Rewrite(question, history.ToList(), standalone));
        return standalone;
    }

    /// <summary>The question retrieval saw for <paramref name="question"/> (asked once): its rewrite, or itself when it met no context.</summary>
    public string StandaloneOf(string question) => Rewrites.SingleOrDefault(r => r.Question == question)?.Standalone ?? question;

    /// <summary>The earlier questions of the conversation <paramref name="question"/> (asked once) was read with.</summary>
    public IReadOnlyList<string> HistoryOf(string question) =>
        Rewrites.SingleOrDefault(r => r.Question == question)?.History.Select(t => t.Question).ToList() ?? [];

    /// <summary>Asserts that <paramref name="question"/> met no conversation: retrieval saw it as it was typed.</summary>
    public void AssertStoodAlone(string question)
    {
        Xunit.Assert.Equal(question, StandaloneOf(question));
        Xunit.Assert.Empty(HistoryOf(question));
    }

    /// <summary>Asserts that <paramref name="question"/> was read with exactly <paramref name="earlier"/> and its rewrite carries <paramref name="carried"/>.</summary>
    public void AssertReadWith(string question, IReadOnlyList<string> earlier, string carried)
    {
        Xunit.Assert.Equal(earlier, HistoryOf(question));
        Xunit.Assert.Contains(carried, StandaloneOf(question));
    }

    /// <summary>Replaces the registered rewriter with a recording one over the heuristic (call after the engine's registrations).</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<HeuristicFollowUpRewriter>();
        services.AddSingleton<RecordingFollowUpRewriter>();
        services.AddSingleton<IFollowUpRewriter>(sp => sp.GetRequiredService<RecordingFollowUpRewriter>());
    }
}
