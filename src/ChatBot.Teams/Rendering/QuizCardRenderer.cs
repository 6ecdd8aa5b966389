using System.Text.Json.Nodes;
using ChatBot.Core.Quiz;

namespace ChatBot.Teams.Rendering;

/// <summary>
/// Adaptive Cards (1.5) for the quiz: a question card whose buttons (or text box) submit the answer
/// back to the bot as a message activity's `value`, and a result card with the verdict, the right
/// answer and the forms accepted, the passage it comes from, the running score and streak, and the
/// next question with a choice of article (Teams merges the choice into the submitted data).
/// </summary>
internal static class QuizCardRenderer
{
    public const string AnswerAction = "quiz-answer";
    public const string NextAction = "quiz-next";
    /// <summary>Id of the short-answer Input.Text: Teams merges inputs into the submitted data under their ids.</summary>
    public const string AnswerInputId = "answer";
    /// <summary>Id of the article Input.ChoiceSet on the result card ("" = any article).</summary>
    public const string ArticleInputId = "article";

    public static JsonObject QuestionCard(QuizQuestion question)
    {
        var body = new JsonArray
        {
            AnswerRenderer.TextBlock($"Quiz · {question.Difficulty.ToString().ToLowerInvariant()}", ("weight", "Bolder"), ("size", "Medium")),
            AnswerRenderer.TextBlock(question.Question),
        };
        var actions = new JsonArray();
        if (question.Type == QuizQuestionType.TrueFalse)
        {
            foreach (var value in new[] { "True", "False" })
                actions.Add(Submit(value, new JsonObject { ["action"] = AnswerAction, ["id"] = question.Id, ["answer"] = value }));
        }
        else if (question.Choices is { } choices)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                var letter = ((char)('A' + i)).ToString();
                body.Add(AnswerRenderer.TextBlock($"**{letter})** {choices[i]}", ("spacing", "Small")));
                actions.Add(Submit(Truncate($"{letter}) {choices[i]}", 40), new JsonObject { ["action"] = AnswerAction, ["id"] = question.Id, ["answer"] = letter }));
            }
        }
        else
        {
            body.Add(new JsonObject
            {
                ["type"] = "Input.Text",
                ["id"] = AnswerInputId,
                ["placeholder"] = "Your answer",
                ["maxLength"] = 200,
            });
            actions.Add(Submit("Answer", new JsonObject { ["action"] = AnswerAction, ["id"] = question.Id }));
        }
        return Card(body, actions);
    }

    public static JsonObject GradeCard(QuizGrade grade, IReadOnlyList<QuizArticle>? articles = null)
    {
        var c = grade.Citation;
        var others = grade.Kind == QuizKind.TrueFalse ? [] : grade.Accepted.Where(a => a.Length > 1 && a != grade.Expected && !grade.Expected.EndsWith(") " + a, StringComparison.Ordinal)).ToList();
        var body = new JsonArray
        {
            AnswerRenderer.TextBlock(grade.Correct ? "✅ Right!" : "❌ Not quite", ("weight", "Bolder"), ("size", "Medium"),
                ("color", grade.Correct ? "Good" : "Attention")),
            AnswerRenderer.TextBlock($"The answer: **{grade.Expected}**"),
            new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["items"] = new JsonArray
                {
                    AnswerRenderer.TextBlock(string.IsNullOrWhiteSpace(c.Outlet) ? c.Title : $"{c.Title} — {c.Outlet}", ("weight", "Bolder")),
                    AnswerRenderer.TextBlock($"“{c.Quote}”", ("isSubtle", true)),
                },
            },
            AnswerRenderer.TextBlock($"Score: {grade.Score}/{grade.Answered} · streak {grade.Streak} (best {grade.BestStreak})"
                + (!grade.Correct && grade.ReviewIn is { } again ? $" · this one comes back in {again} questions" : ""), ("separator", true)),
        };
        if (others.Count > 0) body.Add(AnswerRenderer.TextBlock($"Also accepted: {string.Join("; ", others)}", ("isSubtle", true), ("spacing", "Small")));
        if (articles is { Count: > 1 })
        {
            // The next question's article: any, or one of the corpus's documents (by the key a "quiz 004" command would use).
            var choices = new JsonArray(new JsonObject { ["title"] = "Any article", ["value"] = "" });
            foreach (var a in articles) choices.Add(new JsonObject { ["title"] = Truncate(a.ShortTitle, 60), ["value"] = a.Key });
            var current = grade.Scope ?? "";
            body.Add(new JsonObject
            {
                ["type"] = "Input.ChoiceSet",
                ["id"] = ArticleInputId,
                ["label"] = "Next question from",
                ["style"] = "compact",
                ["value"] = choices.Any(ch => ch!["value"]!.GetValue<string>() == current) ? current : "",
                ["choices"] = choices,
            });
        }
        else if (grade.Scope is { } scope)
        {
            body.Add(new JsonObject { ["type"] = "Input.Text", ["id"] = ArticleInputId, ["value"] = scope, ["isVisible"] = false });
        }
        var actions = new JsonArray(Submit("Next question", new JsonObject { ["action"] = NextAction }));
        if (Uri.TryCreate(c.Url, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open the article", ["url"] = c.Url });
        return Card(body, actions);
    }

    private static JsonObject Submit(string title, JsonObject data) => new() { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };

    private static JsonObject Card(JsonArray body, JsonArray actions) => new()
    {
        ["contentType"] = AnswerRenderer.AdaptiveCardContentType,
        ["content"] = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
            ["actions"] = actions,
        },
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
