using Microsoft.AspNetCore.Builder;

namespace ChatBot.Hosting;

/// <summary>What the `serve` command passes to <see cref="ServeHost"/>.</summary>
public sealed record ServeSettings
{
    /// <summary>Where Kestrel listens (`serve --urls`); several URLs separated by ';', port 0 lets the OS pick one. Null: Server:Urls.</summary>
    public string? Urls { get; init; }

    /// <summary>Overrides ChatBot:DataDir (the CLI's --data-dir).</summary>
    public string? DataDir { get; init; }

    /// <summary>Overrides ChatBot:CorpusDir (the CLI's --corpus).</summary>
    public string? CorpusDir { get; init; }

    /// <summary>Debug logs and stack traces (the CLI's --verbose).</summary>
    public bool Verbose { get; init; }

    /// <summary>Extra registrations after the standard ones (chat adapters; tests).</summary>
    public Action<WebApplicationBuilder>? ConfigureBuilder { get; init; }

    /// <summary>Extra endpoints or middleware after the standard ones (e.g. MapDiscordInteractions).</summary>
    public Action<WebApplication>? ConfigureApp { get; init; }
}
