using Microsoft.Playwright;

namespace ChatBot.Hosting.Tests.Browser;

/// <summary>The browser test classes share one Chromium (one test at a time), instead of one browser per class side by side.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>One headless Debian chromium for the browser tests, driven by Playwright's bundled driver (no `playwright install`).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    private readonly List<IPage> _pages = [];

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// Closes the pages opened so far (each in its own context): a test's pages end with the test, so
    /// renderer processes do not pile up (the collection runs one test at a time).
    /// </summary>
    public async Task ClosePagesAsync()
    {
        IPage[] pages;
        lock (_pages)
        {
            pages = [.. _pages];
            _pages.Clear();
        }
        foreach (var page in pages) await page.CloseAsync();
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumFactAttribute.ChromiumPath)) return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>
    /// Opens the page at <paramref name="baseAddress"/> (a 375 px phone screen unless a context is given),
    /// collecting the problems a person would not see: console errors, script errors, requests off the server.
    /// </summary>
    public async Task<(IPage Page, List<string> Problems)> OpenAsync(Uri baseAddress, IBrowserContext? context = null)
    {
        var page = context is null
            ? await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 375, Height = 812 } })
            : await context.NewPageAsync();
        if (context is null) lock (_pages) _pages.Add(page);
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text}"); };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Request += (_, request) => { if (!request.Url.StartsWith(baseAddress.ToString(), StringComparison.Ordinal)) problems.Add("external request: " + request.Url); };
        await page.GotoAsync(baseAddress.ToString());
        // The page in front has the focus: tests of keyboard focus need it whatever was opened before.
        await page.BringToFrontAsync();
        return (page, problems);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
