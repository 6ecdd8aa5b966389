using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Teams.Rendering;
using ChatBot.Teams.Tests.Support;
using ChatBot.Testing.Fakes;
using Xunit;

namespace ChatBot.Teams.Tests;

/// <summary>One fake Bot Framework and a bot host with the real engine and quiz over the repository's corpus.</summary>
public sealed class QuizFixture : IAsyncLifetime
{
    public FakeSigningKey Key { get; } = new("bf-key-quiz", "msteams");
    public FakeBotFrameworkServer BotFramework { get; private set; } = null!;
    internal TeamsBotHost Host { get; private set; } = null!;
    private int _activity;

    public async Task InitializeAsync()
    {
        BotFramework = await FakeBotFrameworkServer.StartAsync(TeamsBotHost.AppId, TeamsBotHost.AppPassword, Key);
        Host = await TeamsBotHost.StartAsync(BotFramework, engine: null, studentsAndModerators: true);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await BotFramework.DisposeAsync();
        Key.Dispose();
    }

    /// <summary>Posts a personal-chat message (text and/or card data) and returns the bot's reply to it.</summary>
    public async Task<RecordedActivity> SendAsync(string user, string? text, JsonObject? value = null)
    {
        var id = $"quiz-{Interlocked.Increment(ref _activity)}";
        var token = FakeBotFrameworkTokens.Mint(Key, new(TeamsBotHost.AppId, BotFramework.ServiceUrl));
        using var response = await Host.PostActivityAsync(Activities.Personal(BotFramework.ServiceUrl, text, user, id, value), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BotFramework.WaitForActivityAsync(a => a.RawTarget.EndsWith("/" + id, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }
}

public sealed class QuizCardTests(QuizFixture fixture) : IClassFixture<QuizFixture>
{
    private static JsonObject Card(RecordedActivity reply)
    {
        var attachment = reply.Body["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!.AsObject();
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        return card;
    }

    /// <summary>Asks for questions until one of the wanted kind comes (the generator mixes multiple choice and short answer).</summary>
    private async Task<JsonObject> QuestionCardAsync(string user, bool multipleChoice)
    {
        for (var i = 0; i < 30; i++)
        {
            var card = Card(await fixture.SendAsync(user, "quiz"));
            var hasInput = card["body"]!.AsArray().Any(b => (string?)b!["type"] == "Input.Text");
            var lettered = (string?)card["actions"]![0]!["data"]!["answer"] == "A";
            if (multipleChoice ? lettered : hasInput) return card;
        }
        throw new Xunit.Sdk.XunitException($"No {(multipleChoice ? "multiple-choice" : "short-answer")} question in 30 tries.");
    }

    private static string Expected(JsonObject gradeCard)
    {
        var text = (string)gradeCard["body"]![1]!["text"]!;
        Assert.StartsWith("The answer: **", text);
        return text["The answer: **".Length..^2];
    }

    [Fact]
    public async Task Quiz_sends_a_multiple_choice_card_with_one_submit_per_choice_and_grades_the_press()
    {
        const string user = "0a0a0a0a-1111-4222-8333-444455556666";
        var card = await QuestionCardAsync(user, multipleChoice: true);
        var actions = card["actions"]!.AsArray();
        Assert.InRange(actions.Count, 2, 4);
        var id = (string)actions[0]!["data"]!["id"]!;
        for (var i = 0; i < actions.Count; i++)
        {
            Assert.Equal("Action.Submit", (string?)actions[i]!["type"]);
            Assert.Equal("quiz-answer", (string?)actions[i]!["data"]!["action"]);
            Assert.Equal(id, (string?)actions[i]!["data"]!["id"]);
            Assert.Equal(((char)('A' + i)).ToString(), (string?)actions[i]!["data"]!["answer"]);
        }

        // Teams sends the pressed button's data back as the message's value.
        var first = Card(await fixture.SendAsync(user, null, actions[0]!["data"]!.DeepClone().AsObject()));
        var expected = Expected(first);
        var correct = expected.StartsWith("A)", StringComparison.Ordinal);
        Assert.Equal(correct ? "✅ Right!" : "❌ Not quite", (string?)first["body"]![0]!["text"]);
        var citation = first["body"]![2]!["items"]!.AsArray();
        Assert.False(string.IsNullOrWhiteSpace((string?)citation[0]!["text"]));               // title — outlet
        Assert.Matches("^“.+”$", (string?)citation[1]!["text"]);                              // the quote
        // The score and streak after the answer; a miss is scheduled to come back (spaced repetition).
        Assert.Equal($"Score: {(correct ? 1 : 0)}/1 · streak {(correct ? 1 : 0)} (best {(correct ? 1 : 0)})" + (correct ? "" : " · this one comes back in 3 questions"),
            (string?)first["body"]![3]!["text"]);

        // The right letter is graded right; answering the same question again does not count twice.
        var rightLetter = expected[..1];
        var again = Card(await fixture.SendAsync(user, null, new JsonObject { ["action"] = "quiz-answer", ["id"] = id, ["answer"] = rightLetter }));
        Assert.Equal("✅ Right!", (string?)again["body"]![0]!["text"]);
        Assert.StartsWith($"Score: {(correct ? 1 : 0)}/1", (string?)again["body"]![3]!["text"]);
        Assert.Equal("quiz-next", (string?)again["actions"]![0]!["data"]!["action"]);
    }

    [Fact]
    public async Task Short_answer_card_has_a_text_input_and_typed_answers_are_graded()
    {
        const string user = "0b0b0b0b-1111-4222-8333-444455556666";
        var card = await QuestionCardAsync(user, multipleChoice: false);
        var input = card["body"]!.AsArray().Single(b => (string?)b!["type"] == "Input.Text")!;
        var submit = card["actions"]!.AsArray().Single()!;
        Assert.Equal("Action.Submit", (string?)submit["type"]);
        Assert.Equal("quiz-answer", (string?)submit["data"]!["action"]);
        var id = (string)submit["data"]!["id"]!;

        // Teams merges the inputs into the data under their ids.
        var data = submit["data"]!.DeepClone().AsObject();
        data[(string)input["id"]!] = "Nobody in particular";
        var wrong = Card(await fixture.SendAsync(user, null, data));
        Assert.Equal("❌ Not quite", (string?)wrong["body"]![0]!["text"]);
        Assert.StartsWith("Score: 0/1 · streak 0", (string?)wrong["body"]![3]!["text"]);

        var right = Card(await fixture.SendAsync(user, null, new JsonObject { ["action"] = "quiz-answer", ["id"] = id, ["answer"] = Expected(wrong) }));
        Assert.Equal("✅ Right!", (string?)right["body"]![0]!["text"]);

        // "Next question" on the result card brings a new question card.
        var next = Card(await fixture.SendAsync(user, null, right["actions"]![0]!["data"]!.DeepClone().AsObject()));
        var nextId = (string?)next["actions"]![0]!["data"]!["id"];
        Assert.False(string.IsNullOrEmpty(nextId));
        Assert.NotEqual(id, nextId);
    }

    [Fact]
    public async Task Quiz_on_one_article_keeps_to_it_and_the_next_question_follows_the_card_choice()
    {
        const string user = "0e0e0e0e-1111-4222-8333-444455556666";
        var card = await fixture.SendAsync(user, "quiz 004");
        var id = QuestionId(Card(card));
        Assert.EndsWith("~004", id);

        // Answer it; the result card offers the next question from the same article, or another.
        var grade = Card(await fixture.SendAsync(user, null, new JsonObject { ["action"] = "quiz-answer", ["id"] = id, ["answer"] = "nothing like it" }));
        var choice = grade["body"]!.AsArray().Single(b => (string?)b!["type"] == "Input.ChoiceSet")!;
        Assert.Equal("004", (string?)choice["value"]);
        Assert.Contains(choice["choices"]!.AsArray(), c => (string?)c!["value"] == "001");

        // Teams merges the chosen article into the submitted data.
        var next = grade["actions"]![0]!["data"]!.DeepClone().AsObject();
        next[QuizCardRenderer.ArticleInputId] = "001";
        Assert.EndsWith("~001", QuestionId(Card(await fixture.SendAsync(user, null, next))));

        var unknown = await fixture.SendAsync(user, "quiz article zzqx-nothing");
        Assert.Contains("No article or topic matches", unknown.Text);
        Assert.Contains("Articles:", unknown.Text);
    }

    private static string QuestionId(JsonObject questionCard) => (string)questionCard["actions"]![0]!["data"]!["id"]!;

    [Fact]
    public async Task Unknown_question_id_gets_a_friendly_message()
    {
        var reply = await fixture.SendAsync("0c0c0c0c-1111-4222-8333-444455556666", null,
            new JsonObject { ["action"] = "quiz-answer", ["id"] = "q-0000-deadbeef", ["answer"] = "A" });
        Assert.Null(reply.Body["attachments"]);
        Assert.Contains("no longer available", reply.Text);
        Assert.Contains("quiz", reply.Text);
    }

    [Fact]
    public async Task Help_mentions_the_quiz()
    {
        var reply = await fixture.SendAsync("0d0d0d0d-1111-4222-8333-444455556666", "help");
        Assert.Contains("**quiz**", reply.Text);
        Assert.DoesNotContain("Moderators:", reply.Text);
    }
}
