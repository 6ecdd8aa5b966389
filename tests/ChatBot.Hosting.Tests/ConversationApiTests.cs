using System.Net;
using System.Text.Json;
using ChatBot.Hosting.Tests.Support;
using ChatBot.Testing.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Hosting.Tests;

/// <summary>
/// POST /api/ask with a `conversation_id`, with the real engine and its heuristic follow-up rewriter: a
/// follow-up is read with the questions of its own conversation only, and, when a trusted adapter names
/// the user (X-User-Id), with that user's only.
/// </summary>
public sealed class ConversationApiTests
{
    private const string Question = "Who was arrested in Sinaloa?";

    private static async Task AskAsync(ChatBotServer server, string question, string? conversationId, string? userId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/ask")
        {
            Content = Json.Body(JsonSerializer.Serialize(new Dictionary<string, string?> { ["question"] = question, ["conversation_id"] = conversationId })),
        };
        if (userId is not null) request.Headers.Add("X-User-Id", userId);
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static RecordingFollowUpRewriter Rewriter(ChatBotServer server) => server.App.Services.GetRequiredService<RecordingFollowUpRewriter>();

    [Fact]
    public async Task A_follow_up_continues_its_own_conversation_id_and_no_other()
    {
        await using var server = await ChatBotServer.StartAsync(new() { RealEngine = true, ConfigureServices = RecordingFollowUpRewriter.Register });
        await AskAsync(server, Question, "tab-1");
        await AskAsync(server, "and who said that?", "tab-2");
        await AskAsync(server, "and who announced it?", null);
        await AskAsync(server, "and when was he arrested?", "tab-1");

        var rewriter = Rewriter(server);
        rewriter.AssertStoodAlone("and who said that?");
        rewriter.AssertStoodAlone("and who announced it?");
        rewriter.AssertReadWith("and when was he arrested?", [Question], "Guzmán");
    }

    private static async Task<JsonElement> AnswerAsync(ChatBotServer server, string question, string conversationId)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string?> { ["question"] = question, ["conversation_id"] = conversationId });
        using var response = await server.Client.PostAsync("api/ask", Json.Body(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Follow_ups_over_http_are_answered_from_their_own_conversation()
    {
        await using var server = await ChatBotServer.StartAsync(new() { RealEngine = true });
        await AnswerAsync(server, "who is eric olson", "c1");
        var quote = await AnswerAsync(server, "what did he say?", "c1");
        Assert.True(quote.GetProperty("answered").GetBoolean(), quote.ToString());
        Assert.Contains("embrace the Americans", quote.GetProperty("answer").GetString());

        var who = await AnswerAsync(server, "and who said that?", "c1");
        Assert.StartsWith("Eric Olson said it:", who.GetProperty("answer").GetString());
        Assert.StartsWith("002", who.GetProperty("citations")[0].GetProperty("source").GetString());

        var source = await AnswerAsync(server, "which article is that from?", "c1");
        Assert.StartsWith("That is from “" + who.GetProperty("citations")[0].GetProperty("title").GetString(), source.GetProperty("answer").GetString());

        // Another conversation has nothing to go on.
        var elsewhere = await AnswerAsync(server, "and who said that?", "c2");
        Assert.False(elsewhere.GetProperty("answered").GetBoolean(), elsewhere.ToString());
    }

    [Fact]
    public async Task Behind_a_trusted_adapter_two_users_with_one_conversation_id_are_kept_apart()
    {
        await using var server = await ChatBotServer.StartAsync(new()
        {
            RealEngine = true,
            ConfigureServices = RecordingFollowUpRewriter.Register,
            Config = new Dictionary<string, string?> { ["RateLimits:TrustUserIdHeader"] = "true" },
        });
        await AskAsync(server, Question, "shared", userId: "ana");
        await AskAsync(server, "and who said that?", "shared", userId: "ben");
        await AskAsync(server, "and when was he arrested?", "shared", userId: "ana");

        var rewriter = Rewriter(server);
        rewriter.AssertStoodAlone("and who said that?");
        rewriter.AssertReadWith("and when was he arrested?", [Question], "Guzmán");
    }
}
