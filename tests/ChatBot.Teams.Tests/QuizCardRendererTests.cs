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
        var question = new QuizQuestion("q-42-abc", QuizQuestionType.MultipleChoice, QuizKind.WhoSaid, "Who said the cooperation was closer than ever?",
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
        var question = new QuizQuestion("q-7-abc", QuizQuestionType.Short, QuizKind.Number, "How many agents did the new force plan?", null,
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
        Assert.Equal(4, card["body"]!.AsArray().Count); // nothing else accepted, no article list
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

    [Fact]
    public void True_or_false_card_has_a_true_and_a_false_button()
    {
        var question = new QuizQuestion("q-9-abc", QuizQuestionType.TrueFalse, QuizKind.TrueFalse, "True or false? According to “T”, the desk employs 35 analysts.",
            ["True", "False"], QuizDifficulty.Easy, QuizAnswerKind.TrueFalse, "False", ["False"], Citation);

        var actions = QuizCardRenderer.QuestionCard(question)["content"]!["actions"]!.AsArray();

        Assert.Equal(["True", "False"], actions.Select(a => (string?)a!["title"]));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["action"] = "quiz-answer", ["id"] = "q-9-abc", ["answer"] = "False" }, actions[1]!["data"]));
    }

    [Fact]
    public void Grade_card_lists_the_forms_accepted_when_it_will_come_back_and_offers_the_next_question_from_any_article_or_one()
    {
        var grade = new QuizGrade("q-42-abc~004", false, "B) Guillermo Valdés", "Not quite …", Citation, Score: 3, Answered: 5, Streak: 0, BestStreak: 2)
        {
            Accepted = ["B", "Guillermo Valdés", "Valdés"],
            Kind = QuizKind.WhoSaid,
            ReviewIn = 3,
            Scope = "004",
        };
        QuizArticle[] articles = [new("000_a.txt", "First article", "First article", "000"), new("004_b.txt", "Fifth article", "Fifth article", "004")];

        var body = QuizCardRenderer.GradeCard(grade, articles)["content"]!["body"]!.AsArray();

        Assert.Equal("Score: 3/5 · streak 0 (best 2) · this one comes back in 3 questions", (string?)body[3]!["text"]);
        Assert.Equal("Also accepted: Valdés", (string?)body[4]!["text"]);
        var choice = body.Single(b => (string?)b!["type"] == "Input.ChoiceSet")!;
        Assert.Equal(QuizCardRenderer.ArticleInputId, (string?)choice["id"]);
        Assert.Equal("004", (string?)choice["value"]);
        Assert.Equal(["", "000", "004"], choice["choices"]!.AsArray().Select(c => (string?)c!["value"]));
        Assert.Equal("Any article", (string?)choice["choices"]![0]!["title"]);
    }
}
