using System.Text.Json.Nodes;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing.Corpora;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Tests;

/// <summary>/help and the other fixed texts: the quiz by article with a real example from the index, and no corpus named in them.</summary>
public sealed class HelpTextTests : IAsyncLifetime
{
    private DiscordBotHost _host = null!;

    public async Task InitializeAsync() => _host = await DiscordBotHost.StartAsync(studentsAndModerators: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IEnumerable<DiscordCommand> Commands => _host.Server.Services.GetServices<DiscordCommand>();

    private static IEnumerable<string> AllNames => TestCorpora.Names(TestCorpora.Seed).Concat(TestCorpora.Names(TestCorpora.Tidewatch))
        .Where(n => n != "Server"); // "Manage Server" is Discord's own permission, named in the moderators' line

    [Fact]
    public async Task Help_shows_the_quiz_by_article_with_a_file_key_from_the_index_and_names_no_corpus()
    {
        await _host.Server.Services.GetRequiredService<ChatBot.Core.Search.ICorpusIndex>().EnsureReadyAsync();
        var response = await _host.InteractAsync(InteractionJson.Command("help"));
        Assert.Null(FakeDiscordRestServer.ValidateInteractionResponse(response.ToJsonString()));
        var help = response["data"]!["content"]!.GetValue<string>();

        Assert.Contains("`/quiz article:000`", help); // 000_ec4c33d2d5d46252.txt is the index's first document
        Assert.Contains("the 4 documents I was given", help); // five files, one a near-duplicate
        Assert.Contains("your own conversation", help);
        Assert.Empty(TestCorpora.NamesIn(help, AllNames));
    }

    [Fact]
    public void Over_another_corpus_the_same_help_takes_its_example_and_count_from_that_corpus()
    {
        var help = HelpCommand.HelpText(Commands, TestCorpora.Sources(TestCorpora.Tidewatch));
        Assert.Contains("`/quiz article:getting`", help);
        Assert.Contains($"the {TestCorpora.Sources(TestCorpora.Tidewatch).Count} documents", help);
        Assert.Empty(TestCorpora.NamesIn(help, AllNames));

        // Before the index is loaded the help still reads well.
        var loading = HelpCommand.HelpText(Commands, []);
        Assert.Contains("`/quiz article:<file>`", loading);
        Assert.Contains("the documents I was given", loading);
    }

    [Fact]
    public async Task An_empty_question_is_answered_with_how_to_ask_naming_no_corpus()
    {
        var response = await _host.InteractAsync(InteractionJson.Command("ask", new JsonObject { ["question"] = "  " }));
        var text = response["data"]!["content"]!.GetValue<string>();
        Assert.Contains("`/ask question:`", text);
        Assert.Empty(TestCorpora.NamesIn(text, AllNames));
        Assert.DoesNotContain("extradition", text, StringComparison.OrdinalIgnoreCase);
    }
}
