using System.Text.Json.Nodes;
using ChatBot.Core.Feedback;
using ChatBot.Feedback.Sqlite;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Tests;

public sealed class StreamingAndFeedbackTests
{
    private const string Question = "Who was arrested in Sinaloa?";

    private static bool IsEditOf(DiscordRecordedRequest r, JsonObject interaction) =>
        r.Method == "PATCH" && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal) && r.Path.Contains(interaction["token"]!.GetValue<string>());

    [Fact]
    public async Task With_an_llm_ask_shows_the_text_as_it_streams_at_most_one_edit_a_second_then_the_cited_answer()
    {
        var time = new TestClock();
        var resume = new TaskCompletionSource();
        await using var llm = await FakeOpenAiChatServer.StartAsync();
        var grounded = FakeOpenAiChatBehaviors.AnswerFromPassages();
        // The model writes half its answer, pauses (as models do) until the test lets it go on, then writes the rest.
        llm.Behavior = request =>
        {
            if (grounded(request) is not FakeChatReply.Text { Content: var text }) throw new InvalidOperationException("expected a grounded text reply");
            var cut = text.IndexOf(' ', text.Length / 2);
            return new FakeChatReply.PauseMidStream(text[..cut], resume.Task, text[cut..]);
        };
        await using var host = await DiscordBotHost.StartAsync(realEngine: true, time: time, settings: new()
        {
            ["Llm:Endpoint"] = llm.Endpoint.ToString(),
            ["Llm:Model"] = "test-model",
            ["Llm:ApiKey"] = "sk-test-0123456789",
            ["Llm:Timeout"] = "00:00:20",
            ["Llm:PromptsDir"] = RepoPaths.Prompts,
        });
        var interval = TimeSpan.FromSeconds(1); // Discord:StreamingEditInterval

        var ask = InteractionJson.Command("ask", new JsonObject { ["question"] = Question });
        Assert.Equal(5, (await host.InteractAsync(ask))["type"]!.GetValue<int>());
        var firstEdit = await host.Discord.WaitForAsync(r => IsEditOf(r, ask), TimeSpan.FromSeconds(60)); // the text so far, shown at once
        resume.SetResult();
        // The rest arrives at once; every further edit waits for the pace: move the clock on whenever the bot waits.
        var final = host.Discord.WaitForAsync(r => IsEditOf(r, ask) && r.Json!["embeds"] is not null, TimeSpan.FromSeconds(60));
        while (!final.IsCompleted)
        {
            using var stop = new CancellationTokenSource();
            var waiting = time.WaitForTimerAsync(due => due > TimeSpan.Zero && due <= interval, stop.Token);
            if (await Task.WhenAny(waiting, final) == waiting) time.Advance(await waiting);
            await stop.CancelAsync();
        }
        await final;
        await host.Server.Services.GetRequiredService<DeferredWork>().WhenIdleAsync(); // nothing may follow the final edit
        var edits = host.Discord.Requests.Where(r => IsEditOf(r, ask)).OrderBy(r => r.At).ToList();

        Assert.True(llm.Requests.Any(r => r.Stream), "the engine asked the model to stream");
        Assert.Equal(firstEdit, edits[0]);
        Assert.True(edits.Count >= 2, $"expected a partial edit before the final one, got {edits.Count} edit(s)");
        Assert.All(edits, e => Assert.Equal(200, e.Status));
        var partials = edits[..^1];
        Assert.All(partials, p =>
        {
            var content = p.Json!["content"]!.GetValue<string>();
            Assert.EndsWith(ThrottledPartialEdits.WritingMarker, content);
            Assert.Null(p.Json!["embeds"]);
            Assert.Equal("[]", p.Json!["allowed_mentions"]!["parse"]!.ToJsonString());
        });
        var answer = edits[^1].Json!;
        Assert.DoesNotContain(ThrottledPartialEdits.WritingMarker, answer["content"]!.GetValue<string>());
        Assert.NotEmpty(answer["embeds"]![0]!["fields"]!.AsArray());
        // The first partial is a prefix of what the model wrote before pausing, and the final answer carries on from it.
        var firstPartial = partials[0].Json!["content"]!.GetValue<string>()[..^ThrottledPartialEdits.WritingMarker.Length].Trim();
        Assert.StartsWith(firstPartial[..Math.Min(30, firstPartial.Length)], answer["content"]!.GetValue<string>());
        for (var i = 1; i < edits.Count; i++)
            Assert.True(edits[i].At - edits[i - 1].At >= interval, $"edits {i - 1} and {i} were only {(edits[i].At - edits[i - 1].At).TotalMilliseconds:0} ms apart");
    }

    [Fact]
    public async Task Without_an_llm_ask_edits_once()
    {
        await using var host = await DiscordBotHost.StartAsync(realEngine: true);
        var ask = InteractionJson.Command("ask", new JsonObject { ["question"] = Question });
        await host.InteractAsync(ask);
        await host.Discord.WaitForAsync(r => IsEditOf(r, ask), TimeSpan.FromSeconds(60));
        await host.Server.Services.GetRequiredService<DeferredWork>().WhenIdleAsync();
        Assert.Single(host.Discord.Requests, r => IsEditOf(r, ask));
    }

    [Fact]
    public async Task A_thumbs_up_lands_in_the_sqlite_feedback_store_with_the_shared_user_hash()
    {
        const string userId = "1100000000000000088";
        await using var host = await DiscordBotHost.StartAsync(studentsAndModerators: true);
        var ask = InteractionJson.Command("ask", new JsonObject { ["question"] = Question }, userId: userId);
        await host.InteractAsync(ask);
        var answer = await host.Discord.WaitForAsync(r => IsEditOf(r, ask), TimeSpan.FromSeconds(60));
        var thumbsUp = answer.Json!["components"]![0]!["components"]!.AsArray()
            .Single(b => b!["emoji"]!["name"]!.GetValue<string>() == "👍")!["custom_id"]!.GetValue<string>();

        var response = await host.InteractAsync(InteractionJson.Component(thumbsUp, userId: userId));
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("👍", response["data"]!["content"]!.GetValue<string>());

        var store = host.Server.Services.GetRequiredService<IFeedbackStore>();
        var database = Assert.IsType<SqliteFeedbackStore>(store).DatabasePath;
        Assert.StartsWith(host.DataDir!, database);
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT surface, user_hash, question, answer, citations, helpful FROM feedback";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("discord", reader.GetString(0));
        Assert.Equal(host.Server.Services.GetRequiredService<UserHasher>().Hash("discord", userId), reader.GetString(1));
        Assert.DoesNotContain(userId, reader.GetString(1));
        Assert.Equal(Question, reader.GetString(2));
        Assert.Contains("Guzm", reader.GetString(3));
        Assert.Contains(".txt", reader.GetString(4));
        Assert.Equal(1, reader.GetInt64(5));
        Assert.False(await reader.ReadAsync());
    }
}
