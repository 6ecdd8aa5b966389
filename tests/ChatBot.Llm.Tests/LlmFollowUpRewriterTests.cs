using ChatBot.Core.Conversations;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Xunit;

namespace ChatBot.Llm.Tests;

/// <summary>The LLM rewriter through the real pipeline against the fake server.</summary>
public sealed class LlmFollowUpRewriterTests : IAsyncLifetime
{
    private static readonly ConversationTurn[] History =
    [
        new("When did Mexico begin extraditing its citizens?", "When did Mexico begin extraditing its citizens?", "It wasn't until 1996 that Mexico began extraditing its citizens [1]."),
        new("What did Ildefonso Guajardo say about NAFTA?", "What did Ildefonso Guajardo say about NAFTA?", "Guajardo said Mexico might stop cooperating if NAFTA were scrapped [1]."),
    ];

    private FakeOpenAiChatServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Uses_the_models_rewrite_built_from_the_conversation_in_the_prompt()
    {
        // A "model" that resolves "that" to the topic of the last question it was shown.
        _server.Behavior = FakeOpenAiChatBehaviors.Reply(request =>
        {
            var lastQuestion = request.SystemText.Split('\n').Last(l => l.StartsWith("Q: ", StringComparison.Ordinal))[3..];
            return $"\"Who said that Mexico might stop cooperating, regarding: {lastQuestion.TrimEnd('?')}?\"\n(rewritten)";
        });
        await using var host = LlmTestHost.Create(_server);

        var standalone = await host.Rewriter.RewriteAsync("and who said that?", History);

        Assert.Equal("Who said that Mexico might stop cooperating, regarding: What did Ildefonso Guajardo say about NAFTA?", standalone);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(LlmTestHost.Model, request.Model);
        Assert.Contains("<conversation>\nQ: When did Mexico begin extraditing its citizens?\nA: It wasn't until 1996", request.SystemText);
        Assert.Contains("Q: What did Ildefonso Guajardo say about NAFTA?\nA: Guajardo said", request.SystemText);
        Assert.Contains("<question>\nand who said that?\n</question>", request.UserText);
    }

    [Fact]
    public async Task No_history_means_no_model_call()
    {
        await using var host = LlmTestHost.Create(_server);

        Assert.Equal("Who is Enrique Peña Nieto?", await host.Rewriter.RewriteAsync("Who is Enrique Peña Nieto?", []));
        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public async Task Failing_model_falls_back_to_the_heuristic()
    {
        _server.Behavior = FakeOpenAiChatBehaviors.Always(FakeChatReply.ServerError());
        await using var host = LlmTestHost.Create(_server);

        var standalone = await host.Rewriter.RewriteAsync("and who said that?", History);

        Assert.Equal(HeuristicFollowUpRewriter.Rewrite("and who said that?", History), standalone);
        Assert.Contains(host.Logs.Warnings, w => w.Contains("HTTP 500", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("I don't know")]
    [InlineData("And who said that?")]
    public async Task Unusable_reply_falls_back_to_the_heuristic(string reply)
    {
        _server.Behavior = FakeOpenAiChatBehaviors.Always(new FakeChatReply.Text(reply));
        await using var host = LlmTestHost.Create(_server);

        var standalone = await host.Rewriter.RewriteAsync("and who said that?", History);

        Assert.Equal("and who said that? (Ildefonso Guajardo, NAFTA)", standalone);
    }

    [Theory]
    [InlineData("Standalone question: Who said it?", "Who said it?")]
    [InlineData("\"Who said it?\"", "Who said it?")]
    [InlineData("\n\n  Who said it?  \nBecause the user asked.", "Who said it?")]
    public void Reply_is_cleaned_to_one_question(string reply, string expected)
    {
        Assert.Equal(expected, LlmFollowUpRewriter.Clean(reply, "who?"));
    }
}

public sealed class LlmFollowUpRewriterGateTests : IAsyncLifetime
{
    private FakeOpenAiChatServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Long_question_with_no_sign_of_a_follow_up_is_not_sent_to_the_model()
    {
        await using var host = LlmTestHost.Create(_server);
        var history = new[] { new ConversationTurn("Who is Guajardo?", "Who is Guajardo?", "Mexico's economy minister [1].") };
        const string question = "How has security cooperation between Mexico and the United States changed over the past decade?";

        Assert.Equal(question, await host.Rewriter.RewriteAsync(question, history));
        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public async Task Slow_rewrite_gives_up_early_and_uses_the_heuristic()
    {
        var never = new TaskCompletionSource();
        _server.Behavior = FakeOpenAiChatBehaviors.Always(new FakeChatReply.Held(never.Task, new FakeChatReply.Text("late")));
        var time = new TestClock();
        await using var host = LlmTestHost.Create(_server, s => s["Llm:Timeout"] = "00:00:00.500", time);
        var history = new[] { new ConversationTurn("What did Ildefonso Guajardo say about NAFTA?", "What did Ildefonso Guajardo say about NAFTA?", "…") };

        var rewriting = host.Rewriter.RewriteAsync("and who said that?", history);
        await _server.WaitForRequestsAsync();
        await time.AdvanceWhenWaitingAsync(TimeSpan.FromMilliseconds(500)); // the shorter of the rewrite's own limit and Llm:Timeout
        Assert.Equal("and who said that? (Ildefonso Guajardo, NAFTA)", await rewriting);
        Assert.Contains(host.Logs.Warnings, w => w.Contains("timed out", StringComparison.Ordinal));
    }
}
