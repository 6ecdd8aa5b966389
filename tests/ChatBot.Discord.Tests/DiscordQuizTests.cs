using System.Globalization;
using System.Text.Json.Nodes;
using ChatBot.Core.Quiz;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Tests;

/// <summary>/quiz with the real quiz service over a copy of the corpus: questions posted with buttons, answers graded.</summary>
public sealed class DiscordQuizTests : IAsyncLifetime
{
    private const string Student = "1100000000000000077";
    private DiscordBotHost _host = null!;

    public async Task InitializeAsync() => _host = await DiscordBotHost.StartAsync(studentsAndModerators: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Runs /quiz and returns the question message the deferred reply was edited with.</summary>
    private async Task<JsonObject> QuizAsync(string? article = null)
    {
        var interaction = InteractionJson.Command("quiz", article is null ? null : new JsonObject { ["article"] = article }, userId: Student);
        Assert.Equal("{\"type\":5}", (await _host.InteractAsync(interaction)).ToJsonString());
        var token = interaction["token"]!.GetValue<string>();
        var edit = await _host.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(token), TimeSpan.FromSeconds(60));
        Assert.Equal(200, edit.Status);
        return edit.Json!.AsObject();
    }

    private async Task<(JsonObject Message, List<string> CustomIds)> QuizUntilAsync(bool multipleChoice)
    {
        for (var i = 0; i < 40; i++)
        {
            var message = await QuizAsync();
            var ids = message["components"]![0]!["components"]!.AsArray().Select(b => b!["custom_id"]!.GetValue<string>()).ToList();
            if (multipleChoice ? ids.Count == 4 : ids.Count == 1) return (message, ids);
        }
        throw new Xunit.Sdk.XunitException($"No {(multipleChoice ? "multiple-choice" : "short-answer")} question in 40 tries.");
    }

    /// <summary>The question behind an id ("{corpus}:{seed}"), from the service itself, to know the right answer.</summary>
    private Task<QuizQuestion> QuestionAsync(string questionId) =>
        _host.Server.Services.GetRequiredService<IQuizService>().QuestionForSeedAsync(int.Parse(questionId.Split(':')[1].Split('~')[0], CultureInfo.InvariantCulture));

    private static string QuestionId(string customId)
    {
        var rest = customId["cb:quiz:".Length..];
        return rest[..rest.LastIndexOf(':')];
    }

    [Fact]
    public async Task Quiz_is_registered_when_the_quiz_service_is()
    {
        var names = _host.Server.Services.GetRequiredService<Commands.DiscordCommandRegistrar>().Definitions().Select(d => d.Name);
        Assert.Contains("quiz", names);
        Assert.Contains("corpus", names);
    }

    [Fact]
    public async Task A_multiple_choice_question_is_posted_with_buttons_A_to_D_and_presses_are_graded_with_source_and_score()
    {
        var (message, ids) = await QuizUntilAsync(multipleChoice: true);
        var content = message["content"]!.GetValue<string>();
        Assert.Contains("multiple choice", content);
        Assert.Equal(["A", "B", "C", "D"], message["components"]![0]!["components"]!.AsArray().Select(b => b!["label"]!.GetValue<string>()));
        Assert.Equal("[]", message["allowed_mentions"]!["parse"]!.ToJsonString());
        var questionId = QuestionId(ids[0]);
        Assert.All(ids, (id, i) => Assert.Equal($"cb:quiz:{questionId}:{(char)('A' + i)}", id));
        var question = await QuestionAsync(questionId);
        Assert.Contains(question.Question, content);
        foreach (var choice in question.Choices!) Assert.Contains(choice, content);

        // The right letter: graded right, with the source quoted and a score of 1/1.
        var right = question.AnswerLetter!.Value;
        var grade = await _host.InteractAsync(InteractionJson.Component($"cb:quiz:{questionId}:{right}", userId: Student));
        Assert.Null(FakeDiscordRestServer.ValidateInteractionResponse(grade.ToJsonString()));
        Assert.Equal(4, grade["type"]!.GetValue<int>());
        var data = grade["data"]!;
        Assert.Equal(64, data["flags"]!.GetValue<int>());
        Assert.StartsWith("✅", data["content"]!.GetValue<string>());
        Assert.Contains($"{right}) {question.Answer}", data["content"]!.GetValue<string>());
        Assert.Contains("Score 1/1 · streak 1", data["content"]!.GetValue<string>());
        var embed = data["embeds"]![0]!;
        Assert.Equal(question.Citation.Title, embed["title"]!.GetValue<string>());
        Assert.Contains(question.Citation.Quote.Trim()[..Math.Min(40, question.Citation.Quote.Trim().Length)], embed["description"]!.GetValue<string>());
        if (question.Citation.Outlet is { } outlet) Assert.Contains(outlet, embed["footer"]!["text"]!.GetValue<string>());
        Assert.Equal("[]", data["allowed_mentions"]!["parse"]!.ToJsonString());

        // Pressing again on the same question does not count twice.
        var again = await _host.InteractAsync(InteractionJson.Component($"cb:quiz:{questionId}:{right}", userId: Student));
        Assert.Contains("Score 1/1 · streak 1", again["data"]!["content"]!.GetValue<string>());

        // A wrong letter on the next question: graded wrong, the right answer shown, the streak broken.
        var (_, nextIds) = await QuizUntilAsync(multipleChoice: true);
        var nextId = QuestionId(nextIds[0]);
        Assert.NotEqual(questionId, nextId);
        var next = await QuestionAsync(nextId);
        var wrong = "ABCD".First(l => l != next.AnswerLetter);
        var second = await _host.InteractAsync(InteractionJson.Component($"cb:quiz:{nextId}:{wrong}", userId: Student));
        Assert.StartsWith("❌", second["data"]!["content"]!.GetValue<string>());
        Assert.Contains($"{next.AnswerLetter}) {next.Answer}", second["data"]!["content"]!.GetValue<string>());
        Assert.Contains("Score 1/2 · streak 0 (best 1)", second["data"]!["content"]!.GetValue<string>());

        // Another user's press counts for them, not for the student.
        var other = await _host.InteractAsync(InteractionJson.Component($"cb:quiz:{questionId}:{right}", userId: "1100000000000000078"));
        Assert.Contains("Score 1/1", other["data"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_short_answer_opens_a_modal_and_its_submit_is_graded()
    {
        var (message, ids) = await QuizUntilAsync(multipleChoice: false);
        Assert.Contains("short answer", message["content"]!.GetValue<string>());
        var answerButton = Assert.Single(ids);
        var questionId = QuestionId(answerButton);
        Assert.EndsWith(":answer", answerButton);

        var modal = await _host.InteractAsync(InteractionJson.Component(answerButton, userId: Student));
        Assert.Null(FakeDiscordRestServer.ValidateInteractionResponse(modal.ToJsonString()));
        Assert.Equal(9, modal["type"]!.GetValue<int>());
        var modalId = modal["data"]!["custom_id"]!.GetValue<string>();
        var input = modal["data"]!["components"]![0]!["components"]![0]!;
        Assert.Equal(4, input["type"]!.GetValue<int>());

        var question = await QuestionAsync(questionId);
        var submit = InteractionJson.ModalSubmit(modalId, new() { [input["custom_id"]!.GetValue<string>()] = question.Answer }, userId: Student);
        var grade = await _host.InteractAsync(submit);
        Assert.Equal(4, grade["type"]!.GetValue<int>());
        Assert.StartsWith("✅", grade["data"]!["content"]!.GetValue<string>());
        Assert.Contains("Score 1/1", grade["data"]!["content"]!.GetValue<string>());

        // Someone else answering wrongly sees the right answer, and their own score.
        var wrong = await _host.InteractAsync(InteractionJson.ModalSubmit(modalId, new() { ["answer"] = "nobody at all" }, userId: "1100000000000000079"));
        Assert.StartsWith("❌", wrong["data"]!["content"]!.GetValue<string>());
        Assert.Contains(question.Answer, wrong["data"]!["content"]!.GetValue<string>());
        Assert.Contains("Score 0/1", wrong["data"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Quiz_article_keeps_to_one_article_true_or_false_has_two_buttons_and_next_keeps_the_article()
    {
        // /quiz article:004 — every question comes from that file and carries it in its id.
        JsonObject? trueFalse = null;
        for (var i = 0; i < 12; i++)
        {
            var message = await QuizAsync("004");
            var ids = message["components"]![0]!["components"]!.AsArray().Select(b => b!["custom_id"]!.GetValue<string>()).ToList();
            var question = await QuestionAsync(QuestionId(ids[0]));
            Assert.StartsWith("004_", question.Citation.Source);
            Assert.EndsWith("~004", QuestionId(ids[0]));
            if (question.Type == QuizQuestionType.TrueFalse) trueFalse = message;
        }
        if (trueFalse is not null)
        {
            var buttons = trueFalse["components"]![0]!["components"]!.AsArray();
            Assert.Equal(["True", "False"], buttons.Select(b => b!["label"]!.GetValue<string>()));
            var id = QuestionId(buttons[0]!["custom_id"]!.GetValue<string>());
            var q = await QuestionAsync(id);
            var grade = await _host.InteractAsync(InteractionJson.Component($"cb:quiz:{id}:{q.Answer.ToLowerInvariant()}", userId: Student));
            Assert.StartsWith("✅", grade["data"]!["content"]!.GetValue<string>());
        }

        // The grade's "Next question" keeps to the article.
        for (var i = 0; i < 20; i++)
        {
            var scoped = await QuizAsync("004");
            var button = scoped["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();
            if (button.EndsWith(":answer", StringComparison.Ordinal)) continue; // a short answer opens a modal first
            var answered = await _host.InteractAsync(InteractionJson.Component(button, userId: Student));
            Assert.Equal(4, answered["type"]!.GetValue<int>());
            Assert.Equal("cb:quiz:next~004", answered["data"]!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>());
            var next = InteractionJson.Component("cb:quiz:next~004", userId: Student);
            Assert.Equal(5, (await _host.InteractAsync(next))["type"]!.GetValue<int>());
            var edit = await _host.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(next["token"]!.GetValue<string>()), TimeSpan.FromSeconds(60));
            Assert.EndsWith("~004", QuestionId(edit.Json!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>()));
            break;
        }

        // An article that matches nothing is told so, with the list of articles.
        var unknown = await QuizAsync("zzqx-nothing");
        Assert.Contains("No article or topic matches", unknown["content"]!.GetValue<string>());
        Assert.Contains("Articles:", unknown["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missed_question_comes_back_after_three_more_with_its_review_note()
    {
        var first = await QuizAsync();
        var firstId = QuestionId(first["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>());
        var q = await QuestionAsync(firstId);
        var wrong = q.Type switch
        {
            QuizQuestionType.MultipleChoice => "ABCD".First(l => l != q.AnswerLetter).ToString(),
            QuizQuestionType.TrueFalse => q.Answer == "True" ? "false" : "true",
            _ => null,
        };
        var grade = wrong is null
            ? await _host.InteractAsync(InteractionJson.ModalSubmit($"cb:quiz:{firstId}:modal", new() { ["answer"] = "nothing like it" }, userId: Student))
            : await _host.InteractAsync(InteractionJson.Component($"cb:quiz:{firstId}:{wrong}", userId: Student));
        Assert.Contains("comes back in 3 questions", grade["data"]!["content"]!.GetValue<string>());
        var asked = new List<string>();
        for (var i = 0; i < 3; i++) asked.Add(QuestionId((await QuizAsync())["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>()));
        Assert.DoesNotContain(firstId, asked.Take(2));
        Assert.Equal(firstId, asked[2]);
    }

    [Fact]
    public async Task A_question_from_another_corpus_is_answered_with_a_clear_message()
    {
        var response = await _host.InteractAsync(InteractionJson.Component("cb:quiz:deadbeef:12:A", userId: Student));
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("No quiz question with id", response["data"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Next_question_button_posts_a_new_question()
    {
        var interaction = InteractionJson.Component("cb:quiz:next", userId: Student);
        var response = await _host.InteractAsync(interaction);
        Assert.Equal(5, response["type"]!.GetValue<int>());
        var edit = await _host.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(interaction["token"]!.GetValue<string>()), TimeSpan.FromSeconds(60));
        Assert.Contains("**Quiz**", edit.Json!["content"]!.GetValue<string>());
        Assert.StartsWith("cb:quiz:", edit.Json!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Over_the_gateway_the_answer_modal_is_sent_to_the_callback_endpoint_in_a_form_discord_accepts()
    {
        await using var host = await DiscordBotHost.StartAsync(gateway: true, studentsAndModerators: true);
        var quiz = host.Server.Services.GetRequiredService<IQuizService>();
        QuizQuestion? shortQuestion = null;
        for (var seed = 0; seed < 50 && shortQuestion is null; seed++)
            if (await quiz.QuestionForSeedAsync(seed) is { Type: QuizQuestionType.Short } q) shortQuestion = q;
        Assert.NotNull(shortQuestion);

        var connection = await host.Gateway!.NextConnectionAsync();
        await connection.SendHelloAsync(45000);
        await connection.NextOpAsync(2);
        await connection.SendReadyAsync(1, "session-1", host.Gateway.ResumeUrl, "1100000000000000900");
        var press = InteractionJson.Component($"cb:quiz:{shortQuestion.Id}:answer", userId: Student);
        await connection.SendDispatchAsync("INTERACTION_CREATE", 2, press);

        var callback = await host.Discord.WaitForAsync(r => r.Path == $"/interactions/{press["id"]}/{press["token"]}/callback");
        Assert.Equal(204, callback.Status); // the fake answers 400 50035 to a modal Discord would reject
        Assert.Equal(9, callback.Json!["type"]!.GetValue<int>());
        Assert.Equal($"cb:quiz:{shortQuestion.Id}:modal", callback.Json!["data"]!["custom_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"type\":9,\"data\":{\"custom_id\":\"m\",\"title\":\"This title is far too long for a Discord modal window\",\"components\":[{\"type\":1,\"components\":[{\"type\":4,\"custom_id\":\"a\",\"label\":\"A\",\"style\":1}]}]}}", "title")]
    [InlineData("{\"type\":9,\"data\":{\"custom_id\":\"m\",\"title\":\"T\",\"components\":[{\"type\":1,\"components\":[{\"type\":2,\"custom_id\":\"a\",\"label\":\"A\",\"style\":1}]}]}}", "text input")]
    [InlineData("{\"type\":9,\"data\":{\"custom_id\":\"m\",\"title\":\"T\",\"components\":[]}}", "components")]
    [InlineData("{\"type\":8}", "type")]
    public void The_fake_rejects_modals_discord_would_reject(string body, string complaint) =>
        Assert.Contains(complaint, FakeDiscordRestServer.ValidateInteractionResponse(body));
}
