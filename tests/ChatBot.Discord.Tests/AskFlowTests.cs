using System.Text.Json.Nodes;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing.Fakes;

namespace ChatBot.Discord.Tests;

public sealed class AskFlowTests : IAsyncLifetime
{
    private DiscordBotHost _host = null!;

    public async Task InitializeAsync() => _host = await DiscordBotHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static JsonObject Ask(string question, string userId = "1100000000000000010") =>
        InteractionJson.Command("ask", new JsonObject { ["question"] = question }, userId: userId);

    private static bool IsEditOriginal(DiscordRecordedRequest r) => r.Method == "PATCH" && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal);

    [Fact]
    public async Task Ask_is_deferred_at_once_then_the_original_is_edited_with_the_answer_and_its_sources()
    {
        _host.Engine.Hold = new TaskCompletionSource();
        var interaction = Ask("What do the articles say about extradition of cartel leaders?");

        var response = await _host.InteractAsync(interaction);
        Assert.Equal("{\"type\":5}", response.ToJsonString()); // deferred while the engine is still working
        await _host.Engine.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(_host.Discord.Requests, IsEditOriginal);
        _host.Engine.Hold.SetResult();

        var edit = await _host.Discord.WaitForAsync(IsEditOriginal);
        Assert.Equal(200, edit.Status); // the fake enforces Discord's limits (50035 otherwise)
        Assert.Equal($"/webhooks/{DiscordBotHost.ApplicationId}/{interaction["token"]}/messages/@original", edit.Path);
        var body = edit.Json!.AsObject();
        var content = body["content"]!.GetValue<string>();
        Assert.InRange(content.Length, 1, 2000);
        Assert.Contains("[1]", content);
        Assert.Equal("[]", body["allowed_mentions"]!["parse"]!.ToJsonString());

        var embed = Assert.Single(body["embeds"]!.AsArray())!;
        Assert.Equal("Sources", embed["title"]!.GetValue<string>());
        var fields = embed["fields"]!.AsArray();
        Assert.InRange(fields.Count, 1, 25);
        Assert.All(fields, f =>
        {
            Assert.StartsWith("[", f!["name"]!.GetValue<string>());
            Assert.InRange(f["value"]!.GetValue<string>().Length, 1, 1024);
            Assert.Contains("> ", f["value"]!.GetValue<string>());
        });
        var buttons = body["components"]![0]!["components"]!.AsArray();
        Assert.Equal(["📖", "👍", "👎"], buttons.Select(b => b!["emoji"]!["name"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.InRange(b!["custom_id"]!.GetValue<string>().Length, 1, 100));

        var (question, context) = Assert.Single(_host.Engine.Asked);
        Assert.Equal("What do the articles say about extradition of cartel leaders?", question);
        // The asker's own conversation in this channel.
        Assert.Equal(ChatBot.Core.Answering.AskContext.For("discord", DiscordBotHost.ChannelId, "1100000000000000010"), context);
    }

    [Fact]
    public async Task A_long_answer_is_split_into_the_edited_original_and_follow_ups_each_within_limits()
    {
        _host.Engine.Long = true;
        var interaction = Ask("security cooperation between Mexico and the United States border");
        Assert.Equal(5, (await _host.InteractAsync(interaction))["type"]!.GetValue<int>());

        await _host.Discord.WaitForAsync(IsEditOriginal);
        var followUps = await WaitForFollowUpsAsync(interaction["token"]!.GetValue<string>());
        var messages = new[] { _host.Discord.Requests.First(IsEditOriginal) }.Concat(followUps).ToList();
        Assert.True(messages.Count >= 2, "a long answer takes several messages");
        Assert.All(messages, m =>
        {
            Assert.Equal(200, m.Status);
            Assert.InRange(m.Json!["content"]!.GetValue<string>().Length, 1, 2000);
            Assert.Equal("[]", m.Json!["allowed_mentions"]!["parse"]!.ToJsonString());
        });
        Assert.Null(messages[0].Json!["embeds"]);
        Assert.NotNull(messages[^1].Json!["embeds"]); // the sources come after the whole answer
    }

    private async Task<List<DiscordRecordedRequest>> WaitForFollowUpsAsync(string token)
    {
        // The last follow-up carries the components; wait for it.
        await _host.Discord.WaitForAsync(r => r.Method == "POST" && r.Path.EndsWith(token, StringComparison.Ordinal) && r.Json?["components"] is not null);
        return _host.Discord.Requests.Where(r => r.Method == "POST" && r.Path == $"/webhooks/{DiscordBotHost.ApplicationId}/{token}").ToList();
    }

    [Fact]
    public async Task An_invalid_question_ends_in_the_engines_message_not_silence()
    {
        _host.Engine.MaxQuestionLength = 500;
        var interaction = Ask(new string('?', 600));
        Assert.Equal(5, (await _host.InteractAsync(interaction))["type"]!.GetValue<int>());
        var edit = await _host.Discord.WaitForAsync(IsEditOriginal);
        Assert.Contains("the limit is 500", edit.Json!["content"]!.GetValue<string>()); // the engine's own words
        Assert.Null(edit.Json!["embeds"]);
    }

    [Fact]
    public async Task An_engine_failure_ends_in_a_short_apology_and_is_logged()
    {
        _host.Engine.FailWith = new InvalidOperationException("index corrupt");
        Assert.Equal(5, (await _host.InteractAsync(Ask("What about fentanyl?")))["type"]!.GetValue<int>());
        var edit = await _host.Discord.WaitForAsync(IsEditOriginal);
        Assert.Equal(ChatBot.Discord.Commands.DiscordAsker.Apology, edit.Json!["content"]!.GetValue<string>());
        Assert.DoesNotContain("index corrupt", edit.Body);
        Assert.Contains(_host.Logs.Messages, m => m.Contains("index corrupt"));
    }

    [Fact]
    public async Task An_empty_question_is_answered_ephemerally_without_deferring()
    {
        var response = await _host.InteractAsync(Ask("   "));
        Assert.Equal(4, response["type"]!.GetValue<int>());
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        Assert.Empty(_host.Engine.Asked);
    }

    [Fact]
    public async Task Show_passages_answers_ephemerally_with_the_quotes_of_that_answer()
    {
        await _host.InteractAsync(Ask("What do the articles say about extradition of cartel leaders?"));
        var edit = await _host.Discord.WaitForAsync(IsEditOriginal);
        var customId = edit.Json!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();

        var response = await _host.InteractAsync(InteractionJson.Component(customId));
        Assert.Equal(4, response["type"]!.GetValue<int>());
        var data = response["data"]!;
        Assert.Equal(64, data["flags"]!.GetValue<int>());
        Assert.Equal("[]", data["allowed_mentions"]!["parse"]!.ToJsonString());
        var embeds = data["embeds"]!.AsArray();
        Assert.InRange(embeds.Count, 1, 10);
        var firstQuote = embeds[0]!["description"]!.GetValue<string>();
        Assert.True(firstQuote.Length > 100);
        Assert.Contains(firstQuote.TrimEnd('…').Trim()[..80], File.ReadAllText(Directory.GetFiles(ChatBot.Testing.RepoPaths.Corpus, "*.txt").Single(f => File.ReadAllText(f).Contains(firstQuote[..80]))));
        Assert.Null(FakeDiscordRestServer.ValidateMessage(data.ToJsonString()));
    }

    [Fact]
    public async Task Show_passages_after_the_answer_expired_falls_back_to_the_messages_embed()
    {
        var message = new JsonObject
        {
            ["id"] = "1100000000000000200",
            ["channel_id"] = DiscordBotHost.ChannelId,
            ["content"] = "old answer [1]",
            ["embeds"] = new JsonArray(new JsonObject { ["title"] = "Sources", ["fields"] = new JsonArray(new JsonObject { ["name"] = "[1] Old title", ["value"] = "> an old quote" }) }),
        };
        var response = await _host.InteractAsync(InteractionJson.Component("cb:passages:unknownkey", message));
        Assert.Contains("an old quote", response["data"]!["content"]!.GetValue<string>());
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
    }

    [Fact]
    public async Task Feedback_is_recorded_with_a_salted_user_hash_and_acknowledged_ephemerally()
    {
        const string userId = "1100000000000000077";
        await _host.InteractAsync(Ask("What do the articles say about extradition of cartel leaders?", userId));
        var edit = await _host.Discord.WaitForAsync(IsEditOriginal);
        var down = edit.Json!["components"]![0]!["components"]![2]!["custom_id"]!.GetValue<string>();

        var response = await _host.InteractAsync(InteractionJson.Component(down, userId: userId));
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        var entry = Assert.Single(_host.Feedback.Entries);
        Assert.False(entry.Helpful);
        Assert.Equal("discord", entry.Surface);
        Assert.Equal("What do the articles say about extradition of cartel leaders?", entry.Question);
        Assert.NotEmpty(entry.CitationSources);
        // The one hasher every surface uses (Feedback:Salt), never the raw id.
        var hasher = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ChatBot.Core.Feedback.UserHasher>(_host.Server.Services);
        Assert.Equal(hasher.Hash("discord", userId), entry.UserHash);
        Assert.DoesNotContain(userId, entry.UserHash);
        // The button carries the answer's id, and the id is what the feedback refers to.
        Assert.Equal(down["cb:fb:down:".Length..], entry.AnswerId);
    }
}
