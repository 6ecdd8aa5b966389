using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Teams.Tests.Support;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using ChatBot.Testing.Engine;

namespace ChatBot.Teams.Tests;

/// <summary>Welcome with the corpus titles, card feedback, moderator reindex, refusals and oversize answers, through the wire.</summary>
public sealed class ConversationFeaturesTests : IAsyncLifetime
{
    // One RSA key per class: generating 2048-bit keys for every test is slow on a busy machine.
    private static readonly FakeSigningKey SharedKey = new("bf-key-1", "msteams");
    private readonly FakeSigningKey _key = SharedKey;
    private readonly RecordingFeedbackStore _feedback = new();
    private readonly CorpusTitlesIndex _corpus = new();
    private FakeBotFrameworkServer _botFramework = null!;
    private TeamsBotHost _host = null!;

    public async Task InitializeAsync()
    {
        _botFramework = await FakeBotFrameworkServer.StartAsync(TeamsBotHost.AppId, TeamsBotHost.AppPassword, _key);
        var engine = new FakeAnswerEngine(q =>
            q.Contains("weather", StringComparison.OrdinalIgnoreCase) ? FakeAnswerEngine.Refusal(q)
            : q.Contains("everything", StringComparison.OrdinalIgnoreCase) ? RendererTests.Huge(q)
            : FakeAnswerEngine.Sample(q));
        _host = await TeamsBotHost.StartAsync(_botFramework, engine, services: s =>
        {
            s.AddSingleton<ChatBot.Core.Feedback.IFeedbackStore>(_feedback);
            s.AddSingleton<ChatBot.Core.Search.ICorpusIndex>(_corpus);
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _botFramework.DisposeAsync();
    }

    private string Token() => FakeBotFrameworkTokens.Mint(_key, new(TeamsBotHost.AppId, _botFramework.ServiceUrl));

    [Fact]
    public async Task Welcome_lists_the_corpus_titles_and_how_to_ask()
    {
        using var response = await _host.PostActivityAsync(Activities.BotAdded(_botFramework.ServiceUrl), Token());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = await _botFramework.WaitForActivityAsync();
        Assert.Contains("US-Mexico Intelligence Cooperation Braces For Possible Change", welcome.Text);
        Assert.Contains("U.S.-Mexico security cooperation is at a historic high", welcome.Text);
        Assert.Contains("mention me", welcome.Text);
    }

    [Fact]
    public async Task Feedback_button_press_is_recorded_with_a_hashed_user()
    {
        using var ask = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Who vets passengers?", activityId: "q1"), Token());
        var answer = await _botFramework.WaitForActivityAsync();
        var thumbsDown = answer.Body["attachments"]![0]!["content"]!["actions"]![1]!["data"]!.DeepClone();
        // The card carries the answer's id, not its text...
        Assert.Equal(["action", "helpful", "answer_id"], thumbsDown.AsObject().Select(p => p.Key));
        // ...and text a client adds to what it sends back is ignored.
        thumbsDown["question"] = "Forged question?";
        thumbsDown["answer"] = "Forged answer.";

        // Teams sends an Action.Submit back as a message activity whose value is the action's data.
        var submit = Activities.Message(_botFramework.ServiceUrl, "", mentionBot: false, activityId: "f1");
        submit.Remove("text");
        submit["value"] = thumbsDown;
        submit["replyToId"] = "1:reply-id";
        using var response = await _host.PostActivityAsync(submit, Token());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var thanks = await _botFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/f1", StringComparison.Ordinal));
        Assert.Contains("Thanks", thanks.Text);
        var entry = Assert.Single(_feedback.Entries);
        Assert.False(entry.Helpful);
        Assert.Equal("teams", entry.Surface);
        Assert.Equal("Who vets passengers?", entry.Question);
        Assert.StartsWith("Every airplane passenger", entry.Answer);
        Assert.Equal(["003_f2003a5a2784408f.txt", "000_ec4c33d2d5d46252.txt"], entry.CitationSources);
        Assert.DoesNotContain(Activities.UserAadObjectId, entry.UserHash);
        // The one hasher every surface shares.
        Assert.Equal(_host.Services.GetRequiredService<ChatBot.Core.Feedback.UserHasher>().Hash("teams", Activities.UserAadObjectId), entry.UserHash);
    }

    [Fact]
    public async Task Moderator_can_reindex()
    {
        var message = Activities.Message(_botFramework.ServiceUrl, "reindex");
        message["from"]!["aadObjectId"] = TeamsBotHost.ModeratorAadObjectId;
        using var response = await _host.PostActivityAsync(message, Token());
        var reply = await _botFramework.WaitForActivityAsync();
        Assert.Contains("5 documents", reply.Text);
        Assert.Equal(1, _corpus.Reindexed);
    }

    [Fact]
    public async Task Refusal_is_plain_text_without_citations_or_card()
    {
        using var response = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "What's the weather in Austin?"), Token());
        var reply = await _botFramework.WaitForActivityAsync();
        Assert.Equal(FakeAnswerEngine.Refusal("").Text, reply.Text);
        Assert.Null(reply.Body["entities"]);
        Assert.Null(reply.Body["attachments"]);
    }

    [Fact]
    public async Task Oversize_answer_is_trimmed_under_28KB_and_accepted_by_the_connector()
    {
        using var response = await _host.PostActivityAsync(Activities.Message(_botFramework.ServiceUrl, "Tell me everything"), Token());
        var reply = await _botFramework.WaitForActivityAsync();
        Assert.True(reply.BodyBytes <= FakeBotFrameworkServer.MaxActivityBytes, $"{reply.BodyBytes} bytes");
        Assert.Equal(10, reply.Body["entities"]![0]!["citation"]!.AsArray().Count);
        Assert.NotNull(reply.Body["attachments"]);
    }
}
