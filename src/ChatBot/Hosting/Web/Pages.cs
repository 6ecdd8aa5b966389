using System.Net;
using ChatBot.Core;
using Markdig;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Hosting.Web;

/// <summary>
/// The `Pages` section: the privacy statement and terms of use served at /privacy and /terms (the
/// Teams app manifest links to both). Markdown files the operator edits; by default
/// prompts/pages/privacy.md and terms.md.
/// </summary>
public sealed class PagesOptions
{
    public const string Section = "Pages";

    /// <summary>Markdown file of the privacy statement; default prompts/pages/privacy.md.</summary>
    public string? PrivacyFile { get; set; }

    /// <summary>Markdown file of the terms of use; default prompts/pages/terms.md.</summary>
    public string? TermsFile { get; set; }
}

internal sealed class PagesOptionsValidator : IValidateOptions<PagesOptions>
{
    public ValidateOptionsResult Validate(string? name, PagesOptions options)
    {
        var errors = new List<string>();
        foreach (var (key, file) in new[] { (nameof(PagesOptions.PrivacyFile), options.PrivacyFile), (nameof(PagesOptions.TermsFile), options.TermsFile) })
            if (!string.IsNullOrWhiteSpace(file) && !File.Exists(file)) errors.Add($"Pages:{key} names a file that does not exist ({file}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Renders the pages: Markdown (raw HTML in it is not passed through) in a small HTML page styled like the chat page.</summary>
public sealed class Pages(IOptions<PagesOptions> pages, IOptions<ChatBotOptions> chatbot)
{
    public const string PrivacyRoute = "/privacy";
    public const string TermsRoute = "/terms";

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().DisableHtml().Build();

    /// <summary>The file for <paramref name="page"/> ("privacy" or "terms"): configured, else under prompts/pages/.</summary>
    public string? FileFor(string page)
    {
        var configured = page == "privacy" ? pages.Value.PrivacyFile : pages.Value.TermsFile;
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var prompts = PathResolver.FindUp("prompts", chatbot.Value.CorpusDir);
        return prompts is null ? null : Path.Combine(prompts, "pages", page + ".md");
    }

    /// <summary>Read on every request, so an edited file shows without a restart; the files are small.</summary>
    public async Task<IResult> RenderAsync(string page, CancellationToken cancellationToken)
    {
        var file = FileFor(page);
        if (file is null || !File.Exists(file))
            return Results.Problem($"No {page} page is set up: put it in prompts/pages/{page}.md or name a file in Pages:{(page == "privacy" ? "PrivacyFile" : "TermsFile")}.", statusCode: StatusCodes.Status404NotFound);
        var markdown = await File.ReadAllTextAsync(file, cancellationToken);
        var title = markdown.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..] ?? page;
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{WebUtility.HtmlEncode(title)}</title>
              <link rel="icon" href="data:,">
              <link rel="stylesheet" href="/app.css">
            </head>
            <body>
              <main class="page">
            {Markdig.Markdown.ToHtml(markdown, Markdown)}
                <p><a href="/">Back to the chat</a></p>
              </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}

public static class PagesExtensions
{
    public static IServiceCollection AddChatBotPages(this IServiceCollection services)
    {
        services.AddOptions<PagesOptions>().BindConfiguration(PagesOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PagesOptions>, PagesOptionsValidator>());
        services.TryAddSingleton<Pages>();
        return services;
    }

    /// <summary>GET /privacy and GET /terms.</summary>
    public static IEndpointRouteBuilder MapChatBotPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Pages.PrivacyRoute, (Pages pages, CancellationToken ct) => pages.RenderAsync("privacy", ct));
        endpoints.MapGet(Pages.TermsRoute, (Pages pages, CancellationToken ct) => pages.RenderAsync("terms", ct));
        return endpoints;
    }
}
