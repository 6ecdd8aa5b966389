using System.Text.Json;
using ChatBot.Core.Answering;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rendering;
using ChatBot.Testing.Fakes;

namespace ChatBot.Discord.Tests;

public sealed class DiscordAnswerRendererTests
{
    private static Citation Cite(int n, string quote, string title = "U.S.-Mexico security cooperation is at a historic high", string? url = "https://www.washingtonpost.com/world/2016/11/12/a.html") =>
        new(n, $"00{n % 5}_abc.txt", title, "The Washington Post", url, quote);

    private static Answer Answered(string text, params Citation[] citations) => new() { Question = "q?", Answered = true, Text = text, Citations = citations };

    private static string Json(MessagePayload m) => JsonSerializer.Serialize(m, DiscordJsonContext.Default.MessagePayload);

    /// <summary>Every limit Discord documents, checked by the same validator the fake Discord API uses.</summary>
    private static void AssertWithinLimits(MessagePayload message)
    {
        Assert.Null(FakeDiscordRestServer.ValidateMessage(Json(message)));
        Assert.True((message.Content?.Length ?? 0) <= DiscordLimits.Content);
        var embeds = message.Embeds ?? [];
        Assert.True(embeds.Count <= DiscordLimits.EmbedsPerMessage);
        Assert.True(TextFitting.EmbedTextLength(embeds) <= DiscordLimits.EmbedTotal, $"embed text {TextFitting.EmbedTextLength(embeds)} > 6000");
        foreach (var e in embeds)
        {
            Assert.True((e.Title?.Length ?? 0) <= DiscordLimits.EmbedTitle);
            Assert.True((e.Description?.Length ?? 0) <= DiscordLimits.EmbedDescription);
            Assert.True((e.Fields?.Count ?? 0) <= DiscordLimits.EmbedFields);
            Assert.All(e.Fields ?? [], f =>
            {
                Assert.InRange(f.Name.Length, 1, DiscordLimits.FieldName);
                Assert.InRange(f.Value.Length, 1, DiscordLimits.FieldValue);
            });
        }
        Assert.NotNull(message.AllowedMentions);
        Assert.Empty(message.AllowedMentions.Parse);
        Assert.Contains("\"allowed_mentions\":{\"parse\":[]", Json(message));
    }

    [Fact]
    public void A_short_answer_is_one_message_with_the_sources_embed_and_buttons()
    {
        var messages = DiscordAnswerRenderer.RenderAnswer(Answered("Cooperation is at a historic high [1].", Cite(1, "Every airplane passenger who arrives in Mexico is vetted.")), "k1");
        var message = Assert.Single(messages);
        AssertWithinLimits(message);
        Assert.Equal("Cooperation is at a historic high [1].", message.Content);
        var field = Assert.Single(Assert.Single(message.Embeds!).Fields!);
        Assert.Equal("[1] U.S.-Mexico security cooperation is at a historic high", field.Name);
        Assert.Equal("The Washington Post · https://www.washingtonpost.com/world/2016/11/12/a.html\n> Every airplane passenger who arrives in Mexico is vetted.", field.Value);
        Assert.Equal(["cb:passages:k1", "cb:fb:up:k1", "cb:fb:down:k1"], message.Components![0].Components!.Select(b => b.CustomId));
    }

    [Fact]
    public void A_refusal_has_no_sources_and_no_passages_button()
    {
        var refusal = new Answer { Question = "weather?", Answered = false, Text = "I can't answer that from the articles." };
        var message = Assert.Single(DiscordAnswerRenderer.RenderAnswer(refusal, "k"));
        AssertWithinLimits(message);
        Assert.Null(message.Embeds);
        Assert.DoesNotContain(message.Components![0].Components!, b => b.CustomId!.StartsWith(ComponentIds.PassagesPrefix));
    }

    [Fact]
    public void A_long_answer_is_split_on_paragraph_boundaries_and_the_sources_come_last()
    {
        var paragraphs = Enumerable.Range(1, 12).Select(i => $"Paragraph {i}: " + string.Join(' ', Enumerable.Repeat("cooperation grew steadily", 20)) + $" [{i % 3 + 1}].").ToList();
        var text = string.Join("\n\n", paragraphs);
        Assert.True(text.Length > 4000);
        var messages = DiscordAnswerRenderer.RenderAnswer(Answered(text, Cite(1, "a"), Cite(2, "b"), Cite(3, "c")), "k");

        Assert.True(messages.Count >= 3);
        Assert.All(messages, AssertWithinLimits);
        // No paragraph is cut: each message is whole paragraphs, and together they are the answer.
        Assert.All(messages, m => Assert.All(m.Content!.Split("\n\n"), p => Assert.Contains(p, paragraphs)));
        Assert.Equal(text, string.Join("\n\n", messages.Select(m => m.Content)));
        Assert.All(messages.SkipLast(1), m => Assert.Null(m.Embeds));
        Assert.NotNull(messages[^1].Embeds);
        Assert.NotNull(messages[^1].Components);
    }

    [Fact]
    public void A_single_paragraph_longer_than_a_message_is_split_between_sentences()
    {
        var sentence = "The agreement expanded intelligence sharing between the two countries. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 70)).Trim();
        var messages = DiscordAnswerRenderer.RenderAnswer(Answered(text, Cite(1, "q")), null);
        Assert.True(messages.Count >= 3);
        Assert.All(messages, AssertWithinLimits);
        Assert.All(messages, m => Assert.EndsWith("countries.", m.Content));
        Assert.Null(messages[^1].Components); // no key, no buttons
    }

    [Fact]
    public void Unbroken_text_longer_than_a_message_is_still_cut_within_the_limit()
    {
        var messages = DiscordAnswerRenderer.RenderAnswer(Answered(new string('x', 4500) + "🙂" + new string('y', 100)), null);
        Assert.All(messages, AssertWithinLimits);
        Assert.Equal(4500 + 2 + 100, messages.Sum(m => m.Content!.Length));
    }

    [Fact]
    public void Long_titles_and_quotes_are_truncated_to_the_field_limits()
    {
        var message = Assert.Single(DiscordAnswerRenderer.RenderAnswer(Answered("A [1].", Cite(1, new string('q', 5000), title: new string('T', 1000))), "k"));
        AssertWithinLimits(message);
        var field = message.Embeds![0].Fields![0];
        Assert.Equal(DiscordLimits.FieldName, field.Name.Length);
        Assert.EndsWith("…", field.Name);
        Assert.True(field.Value.Length <= DiscordLimits.FieldValue);
        Assert.EndsWith("…", field.Value);
        Assert.Contains("The Washington Post", field.Value); // the outlet and link survive the cut
    }

    [Fact]
    public void Many_long_citations_share_the_6000_character_embed_budget()
    {
        var citations = Enumerable.Range(1, 25).Select(i => Cite(i, new string((char)('a' + i % 26), 900 + i))).ToArray();
        var message = Assert.Single(DiscordAnswerRenderer.RenderAnswer(Answered("Many sources [1]...[25].", citations), "k"));
        AssertWithinLimits(message);
        var fields = message.Embeds![0].Fields!;
        Assert.Equal(25, fields.Count);
        Assert.True(TextFitting.EmbedTextLength(message.Embeds!) > 5000, "the budget is used, not wasted");
        Assert.All(fields, f => Assert.Contains("> ", f.Value)); // every source keeps part of its quote
    }

    [Fact]
    public void More_than_25_citations_show_25_fields_and_say_how_many_are_left_out()
    {
        var citations = Enumerable.Range(1, 30).Select(i => Cite(i, "short quote " + i, title: new string('T', 250))).ToArray();
        var message = Assert.Single(DiscordAnswerRenderer.RenderAnswer(Answered("x", citations), "k"));
        AssertWithinLimits(message);
        Assert.Equal(25, message.Embeds![0].Fields!.Count);
        Assert.Contains("5 more", message.Embeds![0].Footer!.Text);
    }

    [Fact]
    public void Mentions_in_corpus_text_are_kept_as_text_but_never_ping()
    {
        var messages = DiscordAnswerRenderer.RenderAnswer(Answered("@everyone <@123456789012345678> said so [1].", Cite(1, "@here look")), "k");
        Assert.All(messages, AssertWithinLimits);
        Assert.Contains("@everyone", messages[0].Content);
        Assert.False(messages[0].AllowedMentions!.RepliedUser);
    }

    [Fact]
    public void Invalid_urls_are_left_out_because_discord_rejects_the_whole_message_for_them()
    {
        var passages = DiscordAnswerRenderer.RenderPassages([Cite(1, "quote", url: "javascript:alert(1)"), Cite(2, "quote", url: "not a url")]);
        AssertWithinLimits(passages);
        Assert.All(passages.Embeds!, e => Assert.Null(e.Url));
        var answer = DiscordAnswerRenderer.RenderAnswer(Answered("x [1]", Cite(1, "q", url: "ftp://x")), "k")[0];
        Assert.DoesNotContain("ftp://", answer.Embeds![0].Fields![0].Value);
    }

    [Fact]
    public void Passages_are_one_ephemeral_embed_each_within_the_limits()
    {
        var citations = Enumerable.Range(1, 12).Select(i => Cite(i, new string('p', 3000))).ToArray();
        var message = DiscordAnswerRenderer.RenderPassages(citations);
        AssertWithinLimits(message);
        Assert.Equal(MessageFlags.Ephemeral, message.Flags);
        Assert.Equal(10, message.Embeds!.Count);
        Assert.Contains("first 10 of 12", message.Content);
        Assert.All(message.Embeds!, e => Assert.EndsWith("…", e.Description));
    }

    [Fact]
    public void Sources_listing_stays_within_the_limits()
    {
        var sources = Enumerable.Range(1, 30).Select(i => new SourceInfo($"{i:000}_x.txt", new DocumentMetadata(new string('T', 300), "Outlet", "Author", "2016-11-12", "https://example.org/" + i), 4, "h", i == 2 ? "001_x.txt" : null)).ToList();
        var message = DiscordAnswerRenderer.RenderSources(sources);
        AssertWithinLimits(message);
        Assert.Equal(25, message.Embeds![0].Fields!.Count);
    }

    [Theory]
    [InlineData(new[] { 10, 10, 10 }, 100, 1000, new[] { 10, 10, 10 })]
    [InlineData(new[] { 10, 500, 500 }, 310, 1000, new[] { 10, 150, 150 })]
    [InlineData(new[] { 2000, 5 }, 5000, 1024, new[] { 1024, 5 })]
    public void Budget_is_shared_fairly(int[] wanted, int budget, int cap, int[] expected) =>
        Assert.Equal(expected, TextFitting.ShareBudget(wanted, budget, cap));
}
