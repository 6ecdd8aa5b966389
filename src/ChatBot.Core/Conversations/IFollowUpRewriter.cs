namespace ChatBot.Core.Conversations;

/// <summary>Turns a follow-up ("and who said that?") into a question that stands on its own, using the conversation so far.</summary>
public interface IFollowUpRewriter
{
    /// <summary>
    /// The standalone form of <paramref name="question"/>; the question itself when there is no history
    /// or it already stands alone. Never throws for a failing model (implementations fall back).
    /// </summary>
    Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default);
}
