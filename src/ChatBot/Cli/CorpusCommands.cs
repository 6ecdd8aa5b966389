using System.CommandLine;
using ChatBot.Core.Search;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>`index` (build or refresh the indexes) and `sources` (what the corpus holds).</summary>
public static class CorpusCommands
{
    public static Command Index()
    {
        var force = new Option<bool>("--force") { Description = "Rebuild even if the corpus has not changed." };
        var command = new Command("index", "Build the indexes for the corpus (only when it changed, unless --force).") { force };
        command.SetAction((parse, ct) => CliHost.RunAsync<IndexHandler>(parse, false, handler => handler.IndexAsync(parse.GetValue(force), ct)));
        return command;
    }

    public static Command Sources()
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON." };
        var command = new Command("sources", "List the articles the bot knows, with their metadata and passage counts.") { json };
        command.SetAction((parse, ct) => CliHost.RunAsync<IndexHandler>(parse, parse.GetValue(json), handler => handler.SourcesAsync(parse.GetValue(json), ct)));
        return command;
    }
}

/// <summary>Builds the indexes and lists what they hold.</summary>
public sealed class IndexHandler(CorpusIndex index)
{
    public async Task<int> IndexAsync(bool force, CancellationToken ct)
    {
        var result = await IndexProgressDisplay.RunAsync(p => index.ReindexAsync(force, p, ct), liveBars: true);
        Console.Out.WriteLine(result.Rebuilt
            ? $"Indexed {result.Documents} documents into {result.Chunks} passages in {result.Elapsed.TotalSeconds:0.0} s (corpus {result.CorpusHash[..12]})."
            : $"Index is up to date: {result.Documents} documents, {result.Chunks} passages (corpus {result.CorpusHash[..12]}).");
        foreach (var warning in index.Snapshot.Warnings) Console.Error.WriteLine("warning: " + warning);
        if (index.Snapshot.Documents.Count == 0) Console.Error.WriteLine("warning: the corpus has no readable documents, so every question will be refused.");
        return ExitCodes.Ok;
    }

    public async Task<int> SourcesAsync(bool json, CancellationToken ct)
    {
        var snapshot = await IndexProgressDisplay.EnsureReadyAsync(index, ct);
        if (json)
        {
            Console.Out.WriteLine(CliJson.Serialize(snapshot.Sources));
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("Source", "Title", "Outlet", "Author", "Date", "Passages");
        foreach (var s in snapshot.Sources)
        {
            var passages = s.DuplicateOf is null ? s.Chunks.ToString() : $"{s.Chunks} (repeats {s.DuplicateOf})";
            table.AddRow(Markup.Escape(s.Source), Markup.Escape(s.Metadata.Title), Markup.Escape(s.Metadata.Outlet ?? "—"),
                Markup.Escape(s.Metadata.Author ?? "—"), Markup.Escape(s.Metadata.Date ?? "—"), Markup.Escape(passages));
        }
        ChatBotCli.HumanConsole().Write(table);
        return ExitCodes.Ok;
    }
}
