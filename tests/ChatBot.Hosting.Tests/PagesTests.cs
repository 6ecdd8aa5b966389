using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Hosting.Tests.Support;
using ChatBot.Hosting.Web;
using ChatBot.Testing;

namespace ChatBot.Hosting.Tests;

/// <summary>/privacy and /terms: the pages the Teams app manifest links to, from editable Markdown.</summary>
public sealed class PagesTests
{
    [Theory]
    [InlineData("privacy", "<h1>Privacy statement</h1>")]
    [InlineData("terms", "<h1>Terms of use</h1>")]
    public async Task The_pages_are_served_as_html_from_the_markdown_in_prompts(string page, string heading)
    {
        await using var server = await ChatBotServer.StartAsync(new() { WaitUntilReady = false });

        using var response = await server.Client.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(heading, html);
        Assert.Contains("<li>", html);
        var markdown = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Prompts, "pages", page + ".md"));
        Assert.Contains(markdown.Split('\n')[0][2..], html); // the file's own title, not a text compiled in
    }

    [Fact]
    public async Task A_configured_file_replaces_the_default_and_raw_html_in_it_is_not_passed_through()
    {
        var file = Path.Combine(RepoPaths.NewTempDir("pages"), "privacy.md");
        await File.WriteAllTextAsync(file, "# Our privacy policy\n\nWe keep nothing. <script>alert(1)</script>\n");
        await using var server = await ChatBotServer.StartAsync(new() { WaitUntilReady = false, Config = new Dictionary<string, string?> { ["Pages:PrivacyFile"] = file } });

        var html = await server.Client.GetStringAsync("privacy");

        Assert.Contains("<h1>Our privacy policy</h1>", html);
        Assert.Contains("<title>Our privacy policy</title>", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public async Task The_teams_manifest_links_to_the_served_pages()
    {
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "teams", "manifest.json")))!;
        Assert.EndsWith(Pages.PrivacyRoute, (string?)manifest["developer"]!["privacyUrl"]);
        Assert.EndsWith(Pages.TermsRoute, (string?)manifest["developer"]!["termsOfUseUrl"]);
    }
}
