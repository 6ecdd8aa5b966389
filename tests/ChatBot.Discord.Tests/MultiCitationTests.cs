using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Answering;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing.Answers;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Tests;

/// <summary>Answers citing 1, 3 and 6 passages, as the engine gives them, rendered within Discord's documented limits.</summary>
public sealed class MultiCitationTests
{
    private static void AssertAcceptedByDiscord(MessagePayload message)
    {
        var json = JsonSerializer.Serialize(message, DiscordJsonContext.Default.MessagePayload);
        Assert.Null(FakeDiscordRestServer.ValidateMessage(json)); // ≤ 10 embeds, title ≤ 256, description ≤ 4096, fields ≤ 25 of ≤ 256/1024, ≤ 6000 in all
        Assert.Contains("\"allowed_mentions\":{\"parse\":[]", json);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void Every_citation_gets_its_numbered_field_with_its_quote(int count)
    {
        var answer = CitedAnswers.Build(count);
        var message = Assert.Single(DiscordAnswerRenderer.RenderAnswer(answer, "key"));
        AssertAcceptedByDiscord(message);
        Assert.Equal(answer.Text, message.Content);

        var fields = Assert.Single(message.Embeds!).Fields!;
        Assert.Equal(count, fields.Count);
        var described = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            var citation = answer.Citations[i];
            Assert.Equal($"[{citation.N}] {citation.Title}", fields[i].Name);
            // The quote, whole: six passages of a few hundred characters fit the embed's budget.
            Assert.EndsWith("> " + citation.Quote.ReplaceLineEndings(" "), fields[i].Value);
            // Outlet and link once per document; a repeated document's later fields give their space to quotes.
            var first = described.Add(citation.Source);
            Assert.Equal(first && citation.Outlet is not null, fields[i].Value.StartsWith(citation.Outlet ?? "\0", StringComparison.Ordinal));
            Assert.Equal(first && citation.Url is not null, citation.Url is not null && fields[i].Value.Contains(citation.Url, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void Show_passages_gives_one_embed_per_citation_linking_the_original(int count)
    {
        var answer = CitedAnswers.Build(count);
        var message = DiscordAnswerRenderer.RenderPassages(answer.Citations);
        AssertAcceptedByDiscord(message);
        Assert.Equal(MessageFlags.Ephemeral, message.Flags);
        Assert.Equal(count, message.Embeds!.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal($"[{i + 1}] {answer.Citations[i].Title}", message.Embeds[i].Title);
            Assert.Equal(answer.Citations[i].Quote, message.Embeds[i].Description);
            Assert.Equal(answer.Citations[i].Url, message.Embeds[i].Url);
        }
    }

    [Fact]
    public async Task Six_citations_reach_discord_through_ask_and_show_passages()
    {
        await using var host = await DiscordBotHost.StartAsync(services: s => s.AddSingleton<IAnswerEngine>(CitedAnswers.Engine()));
        var interaction = InteractionJson.Command("ask", new JsonObject { ["question"] = "What do the articles say? Cite 6 passages." });
        Assert.Equal(5, (await host.InteractAsync(interaction))["type"]!.GetValue<int>());

        var edit = await host.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal));
        Assert.Equal(200, edit.Status); // the fake refuses what Discord would (50035)
        var body = edit.Json!;
        Assert.Equal("[]", body["allowed_mentions"]!["parse"]!.ToJsonString());
        var content = body["content"]!.GetValue<string>();
        Assert.All(Enumerable.Range(1, 6), n => Assert.Contains($"[{n}]", content));
        Assert.Equal(6, body["embeds"]![0]!["fields"]!.AsArray().Count);

        var passagesButton = body["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();
        var passages = await host.InteractAsync(InteractionJson.Component(passagesButton));
        Assert.Null(FakeDiscordRestServer.ValidateMessage(passages["data"]!.ToJsonString()));
        Assert.Equal(6, passages["data"]!["embeds"]!.AsArray().Count);
        Assert.Equal("[]", passages["data"]!["allowed_mentions"]!["parse"]!.ToJsonString());
    }
}
