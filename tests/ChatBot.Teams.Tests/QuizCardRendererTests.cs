using System.Text.Json.Nodes;
using ChatBot.Core.Quiz;
using ChatBot.Teams.Rendering;
using Xunit;

namespace ChatBot.Teams.Tests;

public sealed class QuizCardRendererTests
{
    private static readonly QuizCitation Citation = new("002_d03fe261832cac16.txt", "002#3", "US-Mexico Intelligence Cooperation Braces For Possible Change",
        "Fronteras Desk", "https://example.org/article", "Guillermo Valdés said the cooperation was closer than ever.");

    [Fact]
    public void Multiple_choice_card_is_adaptive_card_1_5_with_one_submit_per_choice()
    {
        var question = new QuizQuestion("q-42-abc", QuizQuestionType.MultipleChoice, "Who said the cooperation was closer than ever?",
            ["Genaro García Luna", "Guillermo Valdés", "Felipe Calderón"], QuizDifficulty.Medium, QuizAnswerKind.Person, "Guillermo Valdés", [], Citation);

        var attachment = QuizCardRenderer.QuestionCard(question);

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal(question.Question, (string?)card["body"]![1]!["text"]);
        var actions = card["actions"]!.AsArray();
        Assert.Equal(3, actions.Count);
        Assert.Equal("B) Guillermo Valdés", (string?)actions[1]!["title"]);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["action"] = "quiz-answer", ["id"] = "q-42-abc", ["answer"] = "B" }, actions[1]!["data"]));
        Assert.DoesNotContain(card["body"]!.AsArray(), b => (string?)b!["type"] == "Input.Text");
        // The answer itself is never in the card beyond being one of the options.
        Assert.DoesNotContain("\"correct\"", attachment.ToJsonString());
    }

    [Fact]
    public void Short_answer_card_has_an_input_and_a_single_submit_without_the_answer()
    {
        var question = new QuizQuestion("q-7-abc", QuizQuestionType.Short, "How many agents did the new force plan?", null,
            QuizDifficulty.Hard, QuizAnswerKind.Number, "10,000", ["10000"], Citation);

        var card = QuizCardRenderer.QuestionCard(question)["content"]!;

        var input = card["body"]!.AsArray().Single(b => (string?)b!["type"] == "Input.Text")!;
        Assert.Equal(QuizCardRenderer.AnswerInputId, (string?)input["id"]);
        var submit = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal("Action.Submit", (string?)submit["type"]);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["action"] = "quiz-answer", ["id"] = "q-7-abc" }, submit["data"]));
        Assert.DoesNotContain("10,000", card.ToJsonString());
    }

    [Fact]
    public void Grade_card_shows_verdict_answer_citation_and_score()
    {
        var grade = new QuizGrade("q-42-abc", false, "B) Guillermo Valdés", "Not quite …", Citation, Score: 3, Answered: 5, Streak: 0, BestStreak: 2);

        var card = QuizCardRenderer.GradeCard(grade)["content"]!;
        var body = card["body"]!.AsArray();

        Assert.Equal("❌ Not quite", (string?)body[0]!["text"]);
        Assert.Equal("Attention", (string?)body[0]!["color"]);
        Assert.Equal("The answer: **B) Guillermo Valdés**", (string?)body[1]!["text"]);
        Assert.Equal("US-Mexico Intelligence Cooperation Braces For Possible Change — Fronteras Desk", (string?)body[2]!["items"]![0]!["text"]);
        Assert.Equal("“Guillermo Valdés said the cooperation was closer than ever.”", (string?)body[2]!["items"]![1]!["text"]);
        Assert.Equal("Score: 3/5 · streak 0 (best 2)", (string?)body[3]!["text"]);
        var actions = card["actions"]!.AsArray();
        Assert.Equal("quiz-next", (string?)actions[0]!["data"]!["action"]);
        Assert.Equal("https://example.org/article", (string?)actions[1]!["url"]);
    }
}
