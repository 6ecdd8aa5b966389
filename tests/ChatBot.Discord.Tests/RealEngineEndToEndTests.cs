using System.Text.Json.Nodes;
using ChatBot.Discord.Tests.Support;

namespace ChatBot.Discord.Tests;

/// <summary>The whole path with the real answer engine over the repository corpus: signed interaction in, Discord REST calls out.</summary>
public sealed class RealEngineEndToEndTests : IAsyncLifetime
{
    private DiscordBotHost _host = null!;

    public async Task InitializeAsync() => _host = await DiscordBotHost.StartAsync(realEngine: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Ask_with_the_real_engine_edits_the_original_with_a_cited_answer_within_limits()
    {
        var interaction = InteractionJson.Command("ask", new JsonObject { ["question"] = "Who was arrested in Sinaloa?" });
        var response = await _host.InteractAsync(interaction);
        Assert.Equal("{\"type\":5}", response.ToJsonString());

        var edit = await _host.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.EndsWith("/messages/@original"), TimeSpan.FromSeconds(60));
        Assert.Equal(200, edit.Status); // within every limit the fake enforces
        var body = edit.Json!;
        var content = body["content"]!.GetValue<string>();
        Assert.Contains("Guzm", content);
        Assert.Matches(@"\[\d+\]", content);
        var fields = body["embeds"]![0]!["fields"]!.AsArray();
        Assert.NotEmpty(fields);
        Assert.Equal("[]", body["allowed_mentions"]!["parse"]!.ToJsonString());

        // "Show passages" on that answer quotes the corpus.
        var customId = body["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();
        var passages = await _host.InteractAsync(InteractionJson.Component(customId));
        var quote = passages["data"]!["embeds"]![0]!["description"]!.GetValue<string>().TrimEnd('…').Trim();
        var corpus = string.Join("\n", Directory.GetFiles(ChatBot.Testing.RepoPaths.Corpus, "*.txt").Select(File.ReadAllText));
        Assert.Contains(quote[..Math.Min(60, quote.Length)], corpus.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task An_off_topic_question_is_refused_politely_without_sources()
    {
        await _host.InteractAsync(InteractionJson.Command("ask", new JsonObject { ["question"] = "What is a good recipe for banana bread?" }));
        var edit = await _host.Discord.WaitForAsync(r => r.Method == "PATCH", TimeSpan.FromSeconds(60));
        Assert.Equal(200, edit.Status);
        Assert.Null(edit.Json!["embeds"]);
        Assert.False(string.IsNullOrWhiteSpace(edit.Json!["content"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Sources_and_reindex_use_the_real_index()
    {
        var reindex = InteractionJson.Command("reindex", permissions: "32");
        Assert.Equal(5, (await _host.InteractAsync(reindex))["type"]!.GetValue<int>());
        var edit = await _host.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(reindex["token"]!.GetValue<string>()), TimeSpan.FromSeconds(60));
        Assert.Matches(@"(Re-indexed|unchanged).*5 document", edit.Json!["content"]!.GetValue<string>());

        var sources = await _host.InteractAsync(InteractionJson.Command("sources"));
        var fields = sources["data"]!["embeds"]![0]!["fields"]!.AsArray();
        Assert.Equal(5, fields.Count);
    }
}
