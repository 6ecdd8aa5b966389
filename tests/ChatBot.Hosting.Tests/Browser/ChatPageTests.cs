using ChatBot.Hosting.Tests.Support;
using ChatBot.Core.Answering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ChatBot.Testing.Engine;

namespace ChatBot.Hosting.Tests.Browser;

/// <summary>The chat page in a real browser against a real server on 127.0.0.1.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.ClosePagesAsync();

    private const string AnswerableQuestion = "Who was arrested in Sinaloa?";
    private const string OutOfCorpusQuestion = "What is the boiling point of liquid nitrogen?";

    /// <summary>HTML and script in every field, as a corpus file could hold: the page must show it as plain text and link nothing unsafe.</summary>
    private const string Payload = "<img src=x onerror=\"window.__pwned = true\"><script>window.__pwned = true</script><b>bold</b>";

    private static Answer MarkupAnswer(string question) => new()
    {
        Question = question,
        Answered = true,
        Text = "Answer " + Payload + " [1]",
        Citations = [new Citation(1, "000_ec4c33d2d5d46252.txt", "Title " + Payload, "Outlet " + Payload, "javascript:window.__pwned=true", "Quote " + Payload)],
    };

    /// <summary>Where the 375 px screenshot is written, for a person to look at.</summary>
    public static string ScreenshotPath => Path.Combine(Path.GetTempPath(), "chatbot-chat-375px.png");

    private async Task<(IPage Page, List<string> Problems)> OpenAsync(ChatBotServer server)
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 375, Height = 812 } });
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text} ({message.Location})"); };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        // The page must load nothing from outside the server.
        page.Request += (_, request) => { if (!request.Url.StartsWith(server.BaseAddress.ToString(), StringComparison.Ordinal)) problems.Add("external request: " + request.Url); };
        await page.GotoAsync(server.BaseAddress.ToString());
        return (page, problems);
    }

    [ChromiumFact]
    public async Task A_question_gets_a_cited_answer_whose_citation_expands_to_the_passage_and_a_refusal_shows_as_one()
    {
        await using var server = await ChatBotServer.StartAsync(new() { RealEngine = true });
        var (page, problems) = await OpenAsync(server);

        // Enter submits.
        await page.Locator("#question").FillAsync(AnswerableQuestion);
        await page.Locator("#question").PressAsync("Enter");
        var answer = page.Locator(".turn").Nth(0).Locator(".answer");
        await answer.WaitForAsync();

        Assert.False(await answer.EvaluateAsync<bool>("e => e.classList.contains('refusal')"));
        Assert.Equal(AnswerableQuestion, await page.Locator(".turn .question-bubble").Nth(0).TextContentAsync());
        var marker = answer.Locator(".answer-text a.cite-ref").First;
        Assert.Matches(@"^\[\d+\]$", await marker.TextContentAsync());
        var details = answer.Locator(".citation details").First;
        Assert.False(await details.EvaluateAsync<bool>("d => d.open"));
        Assert.False(await details.Locator("blockquote").IsVisibleAsync());

        // The [n] marker opens its citation and moves focus there.
        await marker.ClickAsync();
        Assert.True(await details.EvaluateAsync<bool>("d => d.open"));
        var quote = details.Locator("blockquote");
        Assert.True(await quote.IsVisibleAsync());
        Assert.Contains("Guzmán", await quote.TextContentAsync());
        Assert.Contains("Guzmán", await answer.Locator(".answer-text").TextContentAsync());
        Assert.True(await details.Locator("summary").EvaluateAsync<bool>("s => s === document.activeElement"));
        Assert.Contains(".txt", await details.Locator(".meta").TextContentAsync());

        // The input is cleared and keeps the focus for the next question.
        Assert.Equal("", await page.Locator("#question").InputValueAsync());
        await page.Locator("#question").FocusAsync();

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath });
        // Nothing sticks out sideways on a 375 px screen.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"));

        // The button submits too; a refusal is marked as one and has no citations.
        await page.Locator("#question").FillAsync(OutOfCorpusQuestion);
        await page.Locator("#ask-button").ClickAsync();
        var refusal = page.Locator(".turn").Nth(1).Locator(".answer");
        await refusal.WaitForAsync();
        Assert.True(await refusal.EvaluateAsync<bool>("e => e.classList.contains('refusal')"));
        Assert.Equal("Not covered by the sources", await refusal.Locator(".badge").TextContentAsync());
        Assert.Equal(0, await refusal.Locator(".citation").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath.Replace(".png", "-refusal.png") });

        // Answers are announced politely.
        Assert.Equal("polite", await page.Locator("#log").GetAttributeAsync("aria-live"));
        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task Errors_are_shown_clearly_and_the_question_is_kept()
    {
        await using var server = await ChatBotServer.StartAsync(new() { RealEngine = true, Config = new Dictionary<string, string?> { ["RateLimits:PermitsPerMinute"] = "1" } });
        var (page, problems) = await OpenAsync(server);
        var error = page.Locator("#error");

        // Empty question: told so without a request.
        await page.Locator("#ask-button").ClickAsync();
        Assert.True(await error.IsVisibleAsync());
        Assert.Equal("Type a question first.", await error.TextContentAsync());

        await page.Locator("#question").FillAsync(AnswerableQuestion);
        await page.Locator("#question").PressAsync("Enter");
        await page.Locator(".turn .answer").First.WaitForAsync();
        Assert.False(await error.IsVisibleAsync());

        // Over the rate limit: the server's 429 message is shown and the question stays in the box.
        await page.Locator("#question").FillAsync(OutOfCorpusQuestion);
        await page.Locator("#question").PressAsync("Enter");
        await error.WaitForAsync();
        Assert.Contains("Too many requests", await error.TextContentAsync());
        Assert.Equal("alert", await error.GetAttributeAsync("role"));
        Assert.Equal(OutOfCorpusQuestion, await page.Locator("#question").InputValueAsync());
        Assert.True(await page.Locator("#ask-button").IsEnabledAsync());
        Assert.Equal(1, await page.Locator(".turn").CountAsync());

        Assert.DoesNotContain(problems, p => !p.Contains("429"));
    }

    [ChromiumFact]
    public async Task Markup_in_answers_and_sources_is_shown_as_text_never_run()
    {
        await using var server = await ChatBotServer.StartAsync(new()
        {
            ConfigureServices = services => services.AddSingleton<IAnswerEngine>(new FakeAnswerEngine(MarkupAnswer)),
        });
        var (page, problems) = await OpenAsync(server);

        await page.Locator("#question").FillAsync("Anything?");
        await page.Locator("#question").PressAsync("Enter");
        var answer = page.Locator(".turn .answer").First;
        await answer.WaitForAsync();
        await answer.Locator("a.cite-ref").First.ClickAsync();

        Assert.Contains(Payload, await answer.Locator(".answer-text").TextContentAsync());
        Assert.Contains(Payload, await answer.Locator("summary").TextContentAsync());
        Assert.Contains(Payload, await answer.Locator("blockquote").TextContentAsync());
        Assert.Equal(0, await answer.Locator("img, script, b").CountAsync());
        // A javascript: link is not turned into a link.
        Assert.Equal(0, await answer.Locator(".meta a").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned === true"));
        Assert.Empty(problems);
    }
}
