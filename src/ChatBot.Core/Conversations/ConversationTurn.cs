namespace ChatBot.Core.Conversations;

/// <summary>One exchange: what the user asked, the standalone question it was resolved to, and the answer given.</summary>
public sealed record ConversationTurn(string Question, string StandaloneQuestion, string AnswerText);
