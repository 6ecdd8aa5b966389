using ChatBot.Core.Answering;
using ChatBot.Core.Feedback;
using ChatBot.Hosting.Tests.Support;
using ChatBot.Testing.Answers;
using ChatBot.Testing.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace ChatBot.Hosting.Tests.Browser;

/// <summary>
/// The chat page in headless Chromium against a real server on 127.0.0.1: answers with several sources,
/// 👍/👎 on every answer (stored in the SQLite feedback store, and each outcome shown), and the
/// conversation the page keeps per tab ("New conversation" starts afresh on the server too).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AnswerPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.ClosePagesAsync();

    private const string AnswerableQuestion = "Who was arrested in Sinaloa?";

    public static string ScreenshotPath => Path.Combine(Path.GetTempPath(), "chatbot-sources-375px.png");

    private Task<(IPage Page, List<string> Problems)> OpenAsync(ChatBotServer server, IBrowserContext? context = null) =>
        fixture.OpenAsync(server.BaseAddress, context);

    /// <summary>Asks through the form and returns the new turn's answer card.</summary>
    private static async Task<ILocator> AskAsync(IPage page, string question)
    {
        var before = await page.Locator(".turn").CountAsync();
        await page.Locator("#question").FillAsync(question);
        await page.Locator("#question").PressAsync("Enter");
        var answer = page.Locator(".turn").Nth(before).Locator(".answer");
        await answer.WaitForAsync();
        return answer;
    }

    /// <summary>Presses 👍 or 👎 under <paramref name="answer"/> and waits until the press has an outcome.</summary>
    private static async Task<(string State, string Message)> VoteAsync(ILocator answer, bool helpful)
    {
        var feedback = answer.Locator(".feedback");
        // Forget the previous outcome, so the wait below sees this press's.
        await feedback.EvaluateAsync("f => delete f.dataset.state");
        await feedback.Locator($"button.vote[data-helpful='{(helpful ? "true" : "false")}']").ClickAsync();
        await answer.Page.WaitForFunctionAsync("f => f.dataset.state && f.dataset.state !== 'sending'", await feedback.ElementHandleAsync());
        return ((await feedback.GetAttributeAsync("data-state"))!, (await feedback.Locator(".feedback-status").TextContentAsync())!);
    }

    [ChromiumFact]
    public async Task Answers_with_one_three_and_six_sources_list_each_with_its_quote_and_link()
    {
        await using var server = await ChatBotServer.StartAsync(new() { ConfigureServices = s => s.AddSingleton<IAnswerEngine>(CitedAnswers.Engine()) });
        var (page, problems) = await OpenAsync(server);

        foreach (var count in new[] { 1, 3, 6 })
        {
            var expected = CitedAnswers.Build(count);
            var answer = await AskAsync(page, $"Give me {count} sources");

            Assert.Equal(count == 1 ? "Source" : $"Sources ({count})", await answer.Locator(".citations-title").TextContentAsync());
            var sources = answer.Locator(".citation details");
            Assert.Equal(count, await sources.CountAsync());
            Assert.Equal(count, await answer.Locator(".answer-text a.cite-ref").CountAsync());
            if (count == 6) await answer.ScreenshotAsync(new LocatorScreenshotOptions { Path = ScreenshotPath.Replace(".png", "-6-closed.png") });
            for (var i = 0; i < count; i++)
            {
                var citation = expected.Citations[i];
                var source = sources.Nth(i);
                Assert.Equal($"[{citation.N}] ", await source.Locator(".num").TextContentAsync());
                Assert.Equal(citation.Title, await source.Locator(".source-title").TextContentAsync());
                // Closed: the start of the quote shows under the title; the full quote is hidden.
                Assert.Equal(citation.Quote, await source.Locator(".preview").TextContentAsync());
                Assert.False(await source.Locator("blockquote").IsVisibleAsync());

                // Its [n] in the text opens it: the whole quote, the file, and the original when there is a link.
                await answer.Locator(".answer-text a.cite-ref").Nth(i).ClickAsync();
                Assert.True(await source.EvaluateAsync<bool>("d => d.open"));
                Assert.Equal(citation.Quote, await source.Locator("blockquote").TextContentAsync());
                Assert.False(await source.Locator(".preview").IsVisibleAsync());
                Assert.Contains(citation.Source, await source.Locator(".meta").TextContentAsync());
                var link = source.Locator(".meta a");
                if (citation.Url is null) Assert.Equal(0, await link.CountAsync());
                else Assert.Equal(citation.Url, await link.GetAttributeAsync("href"));
            }
            // Every answer can be rated.
            Assert.Equal(2, await answer.Locator(".feedback button.vote").CountAsync());
            await answer.ScreenshotAsync(new LocatorScreenshotOptions { Path = ScreenshotPath.Replace(".png", $"-{count}.png") });
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath, FullPage = true });
        // Six sources open at once still fit a 375 px screen.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"));
        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task A_vote_lands_in_the_feedback_store_a_repeat_is_told_and_a_change_replaces_it()
    {
        await using var server = await ChatBotServer.StartAsync(new() { RealEngine = true });
        var (page, problems) = await OpenAsync(server);
        var sent = 0;
        page.Request += (_, request) => { if (request.Url.EndsWith("/api/feedback", StringComparison.Ordinal)) sent++; };
        var report = server.App.Services.GetRequiredService<IFeedbackReport>();

        var answer = await AskAsync(page, AnswerableQuestion);
        Assert.Equal((("sent", "Thank you for the feedback!")), await VoteAsync(answer, helpful: true));
        Assert.Equal("true", await answer.Locator("button.vote[data-helpful='true']").GetAttributeAsync("aria-pressed"));
        var row = Assert.Single(await report.WorstRatedAsync(10));
        Assert.Equal((AnswerableQuestion, 1, 0), (row.Question, row.Helpful, row.NotHelpful));
        Assert.NotEmpty(row.CitationSources);

        // The same vote again: told so, nothing sent.
        Assert.Equal(("already", "You already marked this answer as helpful."), await VoteAsync(answer, helpful: true));
        Assert.Equal(1, sent);

        // The other vote replaces the first in the store (one vote per person and answer).
        Assert.Equal(("sent", "Changed to not helpful. Thank you!"), await VoteAsync(answer, helpful: false));
        Assert.Equal(2, sent);
        row = Assert.Single(await report.WorstRatedAsync(10));
        Assert.Equal((0, 1), (row.Helpful, row.NotHelpful));
        Assert.Equal("false", await answer.Locator("button.vote[data-helpful='true']").GetAttributeAsync("aria-pressed"));

        // A reload shows the conversation again with the vote given.
        await page.ReloadAsync();
        var restored = page.Locator(".turn .answer").First;
        Assert.Equal("true", await restored.Locator("button.vote[data-helpful='false']").GetAttributeAsync("aria-pressed"));
        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task Rate_limited_expired_and_unsent_votes_are_each_shown_and_nothing_is_stored()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var server = await ChatBotServer.StartAsync(new()
        {
            Config = new Dictionary<string, string?> { ["Feedback:PermitsPerMinute"] = "1" },
            ConfigureServices = s =>
            {
                s.AddSingleton<IAnswerEngine>(CitedAnswers.Engine());
                s.AddSingleton<TimeProvider>(clock);
            },
        });
        var (page, problems) = await OpenAsync(server);
        var report = server.App.Services.GetRequiredService<IFeedbackReport>();
        var first = await AskAsync(page, "one source");
        var second = await AskAsync(page, "two sources");

        Assert.Equal("sent", (await VoteAsync(first, helpful: true)).State);
        // Feedback:PermitsPerMinute = 1: the next press within the minute is refused, and says when to retry.
        var (state, message) = await VoteAsync(second, helpful: false);
        Assert.Equal("limited", state);
        Assert.Contains("Too much feedback", message);
        Assert.Contains("60 s", message);
        Assert.Equal("false", await second.Locator("button.vote[data-helpful='false']").GetAttributeAsync("aria-pressed"));
        Assert.True(await second.Locator("button.vote[data-helpful='false']").IsEnabledAsync());

        // A day later the server no longer holds the answer: the vote is refused as too old.
        clock.Advance(TimeSpan.FromHours(25));
        (state, message) = await VoteAsync(second, helpful: false);
        Assert.Equal(("error", "This answer is too old to rate now; ask again to rate the new answer."), (state, message));

        // The connection fails: said so, and the vote stays unsent.
        await page.RouteAsync("**/api/feedback", route => route.AbortAsync());
        (state, message) = await VoteAsync(first, helpful: false);
        Assert.Equal("error", state);
        Assert.Contains("Could not send", message);
        Assert.Equal("true", await first.Locator("button.vote[data-helpful='true']").GetAttributeAsync("aria-pressed"));

        var row = Assert.Single(await report.WorstRatedAsync(10));
        Assert.Equal((1, 0), (row.Helpful, row.NotHelpful));
        Assert.DoesNotContain(problems, p => !p.Contains("429") && !p.Contains("404") && !p.Contains("ERR_FAILED"));
    }

    [ChromiumFact]
    public async Task New_conversation_resets_the_follow_up_context_which_a_reload_keeps_and_another_tab_does_not_share()
    {
        await using var server = await ChatBotServer.StartAsync(new() { RealEngine = true, ConfigureServices = RecordingFollowUpRewriter.Register });
        var rewriter = server.App.Services.GetRequiredService<RecordingFollowUpRewriter>();
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 375, Height = 812 } });
        var (page, problems) = await OpenAsync(server, context);
        Assert.False(await page.Locator("#new-conversation").IsVisibleAsync()); // nothing to start afresh from yet

        await AskAsync(page, AnswerableQuestion);
        await AskAsync(page, "and when was he arrested?");
        rewriter.AssertReadWith("and when was he arrested?", [AnswerableQuestion], "Guzmán");

        // A reload shows the turns again, and a follow-up still continues them.
        await page.ReloadAsync();
        Assert.Equal(2, await page.Locator(".turn").CountAsync());
        await AskAsync(page, "and who announced the arrest?");
        Assert.Equal([AnswerableQuestion, "and when was he arrested?"], rewriter.HistoryOf("and who announced the arrest?"));

        // Another tab has a conversation of its own.
        var (otherTab, otherProblems) = await OpenAsync(server, context);
        Assert.Equal(0, await otherTab.Locator(".turn").CountAsync());
        await AskAsync(otherTab, "and what happened next?");
        rewriter.AssertStoodAlone("and what happened next?");

        // "New conversation": the page empties, and the next follow-up is read on its own.
        await page.Locator("#new-conversation").ClickAsync();
        Assert.Equal(0, await page.Locator(".turn").CountAsync());
        Assert.True(await page.Locator("#empty-hint").IsVisibleAsync());
        Assert.False(await page.Locator("#new-conversation").IsVisibleAsync());
        Assert.StartsWith("New conversation", await page.Locator("#status").TextContentAsync());
        Assert.True(await page.Locator("#question").EvaluateAsync<bool>("e => e === document.activeElement"));
        await AskAsync(page, "and who said that?");
        rewriter.AssertStoodAlone("and who said that?");

        // ...and it too survives a reload.
        await page.ReloadAsync();
        Assert.Equal(1, await page.Locator(".turn").CountAsync());
        Assert.Empty(problems);
        Assert.Empty(otherProblems);
    }

    [ChromiumFact]
    public async Task Who_said_that_after_a_quote_shows_the_speaker_with_a_citation()
    {
        await using var server = await ChatBotServer.StartAsync(new() { RealEngine = true });
        var (page, problems) = await OpenAsync(server);
        await AskAsync(page, "who is eric olson");
        var quote = await AskAsync(page, "what did he say?");
        Assert.Contains("embrace the Americans", await quote.Locator(".answer-text").TextContentAsync());

        var who = await AskAsync(page, "and who said that?");
        Assert.StartsWith("Eric Olson said it:", (await who.Locator(".answer-text").TextContentAsync())!.Trim());
        Assert.Equal(1, await who.Locator(".answer-text a.cite-ref").CountAsync());
        Assert.Empty(problems);
    }
}
