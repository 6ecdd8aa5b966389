using ChatBot.Core.Answering;

namespace ChatBot.Core.Conversations;

/// <summary>
/// One exchange: what the user asked, the standalone question it was resolved to, and the answer given;
/// with the engine, also the answer itself (its citations and the sentences shown, with their speakers)
/// and the person the conversation is about after this turn, so "who said that?", "what else did he
/// say?" and "he" can be resolved.
/// </summary>
public sealed record ConversationTurn(string Question, string StandaloneQuestion, string AnswerText)
{
    /// <summary>The answer given (null when the turn was recorded without one).</summary>
    public Answer? Answer { get; init; }

    /// <summary>Who "he" or "she" stands for after this turn (a described person, the person an answer named, the speaker quoted); null when nobody.</summary>
    public string? Person { get; init; }

    /// <summary>What "it", "that" or "that version" stands for after this turn (<see cref="ThingFocus"/>); null when nothing.</summary>
    public string? Focus { get; init; }

    /// <summary>Whether the turn was answered by the conversation itself (who said that, tell me more, ...) rather than as a question.</summary>
    public FollowUpIntent Intent { get; init; }
}
