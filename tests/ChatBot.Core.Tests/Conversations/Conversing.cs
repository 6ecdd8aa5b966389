using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Conversations;

/// <summary>What the conversation tests share: a conversation of its own per test, and a turn that must be answered.</summary>
internal static class Conversing
{
    public static AskContext NewConversation() => AskContext.For("test", Guid.NewGuid().ToString("N"), "me");

    public static async Task<Answer> AnsweredAsync(IAnswerEngine engine, string question, AskContext context)
    {
        var answer = await engine.AskAsync(question, context);
        Assert.True(answer.Answered, $"{question} → {answer.Text}");
        return answer;
    }
}
