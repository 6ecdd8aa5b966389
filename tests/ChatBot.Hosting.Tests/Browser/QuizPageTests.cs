using System.Globalization;
using ChatBot.Core.Quiz;
using ChatBot.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatBot.Hosting.Tests.Browser;

/// <summary>The Quiz tab in a real browser against a real server on 127.0.0.1 with the real quiz and its SQLite store.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QuizPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.ClosePagesAsync();

    public static string ScreenshotPath => Path.Combine(Path.GetTempPath(), "chatbot-quiz-375px.png");

    private async Task<(IPage Page, List<string> Problems)> OpenQuizAsync(ChatBotServer server, IBrowserContext? context = null)
    {
        var (page, problems) = await fixture.OpenAsync(server.BaseAddress, context);
        // The tabs are a WAI-ARIA tablist: the arrow key moves to Quiz and selects it.
        await page.Locator("#tab-ask").FocusAsync();
        await page.Locator("#tab-ask").PressAsync("ArrowRight");
        Assert.Equal("true", await page.Locator("#tab-quiz").GetAttributeAsync("aria-selected"));
        // Focus is on the Quiz tab, or already on the question's first control if it arrived that fast.
        Assert.True(await page.Locator("#tab-quiz").EvaluateAsync<bool>("t => t === document.activeElement || document.getElementById('panel-quiz').contains(document.activeElement)"));
        Assert.False(await page.Locator("#panel-ask").IsVisibleAsync());
        await WaitForQuestionAsync(page, null);
        return (page, problems);
    }

    /// <summary>Waits until the card shows a question other than <paramref name="previousId"/>; returns its id.</summary>
    private static async Task<string> WaitForQuestionAsync(IPage page, string? previousId)
    {
        await page.WaitForFunctionAsync("prev => { const c = document.getElementById('quiz-card'); return c.dataset.id && c.dataset.id !== prev && c.getAttribute('aria-busy') === 'false'; }",
            previousId ?? "");
        return (await page.Locator("#quiz-card").GetAttributeAsync("data-id"))!;
    }

    /// <summary>The question behind an id, from the server's own quiz service (to know the right answer).</summary>
    private static Task<QuizQuestion> QuestionAsync(ChatBotServer server, string id) =>
        server.App.Services.GetRequiredService<IQuizService>().QuestionForSeedAsync(int.Parse(id.Split(':')[1].Split('~')[0], CultureInfo.InvariantCulture));

    private static async Task AnswerAsync(IPage page, QuizQuestion q, bool right)
    {
        switch (q.Type)
        {
            case QuizQuestionType.MultipleChoice:
                var letter = right ? q.AnswerLetter!.Value : "ABCD".First(l => l != q.AnswerLetter);
                await page.Locator($"#quiz-choices button[data-answer='{letter}']").ClickAsync();
                break;
            case QuizQuestionType.TrueFalse:
                var value = right ? q.Answer : q.Answer == "True" ? "False" : "True";
                await page.Locator($"#quiz-choices button[data-answer='{value}']").ClickAsync();
                break;
            default:
                await page.Locator("#quiz-answer").FillAsync(right ? q.Answer.ToLowerInvariant() : "certainly not this");
                await page.Locator("#quiz-answer").PressAsync("Enter");
                break;
        }
        await page.Locator("#quiz-feedback").WaitForAsync();
    }

    [ChromiumFact]
    public async Task The_quiz_tab_asks_grades_with_the_citation_and_keeps_a_running_score_and_streak()
    {
        await using var server = await ChatBotServer.StartAsync(new() { RealEngine = true });
        var (page, problems) = await OpenQuizAsync(server);

        // The question is on screen with its controls: buttons for choices, a text box for a short answer; focus is on them.
        var id = (await page.Locator("#quiz-card").GetAttributeAsync("data-id"))!;
        var q = await QuestionAsync(server, id);
        Assert.Equal(q.Question, await page.Locator("#quiz-question").TextContentAsync());
        if (q.Type == QuizQuestionType.Short)
        {
            Assert.True(await page.Locator("#quiz-answer").IsVisibleAsync());
            Assert.False(await page.Locator("#quiz-choices").IsVisibleAsync());
            Assert.True(await page.Locator("#quiz-answer").EvaluateAsync<bool>("e => e === document.activeElement"));
        }
        else
        {
            Assert.Equal(q.Choices!.Count, await page.Locator("#quiz-choices button").CountAsync());
            Assert.False(await page.Locator("#quiz-answer-form").IsVisibleAsync());
            Assert.True(await page.Locator("#quiz-choices button").First.EvaluateAsync<bool>("e => e === document.activeElement"));
        }

        // A wrong answer: the verdict, the right answer, the passage it comes from, when it comes back, the score.
        await AnswerAsync(page, q, right: false);
        Assert.Equal("✘ Not quite.", await page.Locator(".quiz-verdict").TextContentAsync());
        Assert.Contains(q.Answer, await page.Locator(".quiz-expected").TextContentAsync());
        Assert.Equal(q.Citation.Quote, await page.Locator(".quiz-source blockquote").TextContentAsync());
        Assert.Contains(q.Citation.Source, await page.Locator(".quiz-source .meta").TextContentAsync());
        Assert.Contains(q.Citation.Title, await page.Locator(".quiz-source .source-title").TextContentAsync());
        Assert.Equal("This one comes back in 3 questions.", await page.Locator(".quiz-review").TextContentAsync());
        Assert.Equal("Score 0/1 · streak 0 (best 0)", await page.Locator("#quiz-score").TextContentAsync());
        if (q.Type != QuizQuestionType.Short)
        {
            Assert.Equal(1, await page.Locator("#quiz-choices button.correct").CountAsync());
            Assert.Equal(1, await page.Locator("#quiz-choices button.wrong").CountAsync());
            Assert.True(await page.Locator("#quiz-choices button").First.IsDisabledAsync());
        }
        Assert.True(await page.Locator("#quiz-next").EvaluateAsync<bool>("e => e === document.activeElement"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath });
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"));

        // Next question, answered right: the score and streak go up.
        await page.Locator("#quiz-next").ClickAsync();
        var nextId = await WaitForQuestionAsync(page, id);
        var next = await QuestionAsync(server, nextId);
        await AnswerAsync(page, next, right: true);
        Assert.Equal("✔ Right!", await page.Locator(".quiz-verdict").TextContentAsync());
        Assert.Equal("Score 1/2 · streak 1 (best 1)", await page.Locator("#quiz-score").TextContentAsync());
        Assert.Equal(0, await page.Locator(".quiz-review").CountAsync());

        // The user is this browser's: a reload keeps the score going.
        await page.ReloadAsync();
        await page.Locator("#tab-quiz").ClickAsync();
        var afterReload = await WaitForQuestionAsync(page, null);
        await AnswerAsync(page, await QuestionAsync(server, afterReload), right: true);
        Assert.Equal("Score 2/3 · streak 2 (best 2)", await page.Locator("#quiz-score").TextContentAsync());
        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task Choosing_an_article_keeps_the_questions_to_it_and_short_answers_are_typed()
    {
        await using var server = await ChatBotServer.StartAsync(new() { RealEngine = true });
        var (page, problems) = await OpenQuizAsync(server);

        // The article list: "Any article" and every document except the near-duplicate.
        var options = await page.Locator("#quiz-article option").AllTextContentsAsync();
        Assert.Equal("Any article", options[0]);
        Assert.Equal(5, options.Count);
        var before = (await page.Locator("#quiz-card").GetAttributeAsync("data-id"))!;
        await page.Locator("#quiz-article").SelectOptionAsync("004_3efa1be4316af08c.txt");
        var id = await WaitForQuestionAsync(page, before);

        QuizQuestion? typed = null;
        for (var i = 0; i < 12; i++)
        {
            var q = await QuestionAsync(server, id);
            Assert.StartsWith("004_", q.Citation.Source);
            Assert.Contains("~004", id);
            if (q.Type == QuizQuestionType.Short) { typed = q; break; }
            await AnswerAsync(page, q, right: true);
            Assert.Contains("004_", await page.Locator(".quiz-source .meta").TextContentAsync());
            await page.Locator("#quiz-next").ClickAsync();
            id = await WaitForQuestionAsync(page, id);
        }

        if (typed is not null)
        {
            // An empty answer is refused on the page, without a request; the answer typed in lower case counts.
            await page.Locator("#quiz-answer-button").ClickAsync();
            Assert.Equal("Type an answer first.", await page.Locator("#quiz-error").TextContentAsync());
            Assert.False(await page.Locator("#quiz-feedback").IsVisibleAsync());
            await AnswerAsync(page, typed, right: true);
            Assert.Equal("✔ Right!", await page.Locator(".quiz-verdict").TextContentAsync());
            Assert.False(await page.Locator("#quiz-error").IsVisibleAsync());
            if (typed.Alternatives.Count(a => a != typed.Answer) > 0) Assert.StartsWith("Also accepted: ", await page.Locator(".quiz-accepted").TextContentAsync());
        }
        Assert.Empty(problems);
    }
}
