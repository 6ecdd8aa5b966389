using System.CommandLine;
using ChatBot.Core.Search;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>`index` (build or refresh the indexes) and `sources` (what the corpus holds).</summary>
public static class CorpusCommands
{
    public static Command Index()
    {
        var force = new Option<bool>("--force") { Description = "Rebuild even if the corpus has not changed." };
        var command = new Command("index", "Build the indexes for the corpus (only when it changed, unless --force).") { force };
        command.SetAction((parse, ct) => ChatBotCli.Guard(false, async () =>
        {
            using var host = CliContext.BuildHost(ChatBotCli.Settings(parse));
            var index = host.Services.GetRequiredService<CorpusIndex>();
            var result = await WithProgressAsync(p => index.ReindexAsync(parse.GetValue(force), p, ct));
            Console.Out.WriteLine(result.Rebuilt
                ? $"Indexed {result.Documents} documents into {result.Chunks} passages in {result.Elapsed.TotalSeconds:0.0} s (corpus {result.CorpusHash[..12]})."
                : $"Index is up to date: {result.Documents} documents, {result.Chunks} passages (corpus {result.CorpusHash[..12]}).");
            foreach (var warning in index.Snapshot.Warnings) Console.Error.WriteLine("warning: " + warning);
            if (index.Snapshot.Documents.Count == 0) Console.Error.WriteLine("warning: the corpus has no readable documents, so every question will be refused.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Sources()
    {
        var json = new Option<bool>("--json") { Description = "Print the list as JSON." };
        var command = new Command("sources", "List the articles the bot knows, with their metadata and passage counts.") { json };
        command.SetAction((parse, ct) => ChatBotCli.Guard(parse.GetValue(json), async () =>
        {
            using var host = CliContext.BuildHost(ChatBotCli.Settings(parse));
            var snapshot = await host.Services.GetRequiredService<CorpusIndex>().EnsureReadyAsync(cancellationToken: ct);
            if (parse.GetValue(json))
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
        }));
        return command;
    }

    /// <summary>Loads the index, showing progress (on stderr) only if it has to be built first.</summary>
    public static Task EnsureIndexAsync(IServiceProvider services, CancellationToken ct) =>
        WithProgressAsync(p => services.GetRequiredService<CorpusIndex>().EnsureReadyAsync(p, ct), toStderr: true);

    /// <summary>A live progress display on a terminal; one line per stage when output is redirected.</summary>
    public static async Task<T> WithProgressAsync<T>(Func<IProgress<IndexProgress>, Task<T>> work, bool toStderr = false)
    {
        if (Console.IsErrorRedirected || Console.IsOutputRedirected || toStderr)
        {
            var last = "";
            return await work(new SyncProgress(p =>
            {
                if (p.Stage == last) return;
                last = p.Stage;
                Console.Error.WriteLine($"{p.Stage}…");
            }));
        }
        T result = default!;
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var tasks = new Dictionary<string, ProgressTask>();
            result = await work(new SyncProgress(p =>
            {
                if (!tasks.TryGetValue(p.Stage, out var task)) tasks[p.Stage] = task = ctx.AddTask(p.Stage, maxValue: Math.Max(1, p.Total));
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
            }));
            foreach (var t in tasks.Values) t.Value = t.MaxValue;
        });
        return result;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post late, after the work is done).</summary>
    private sealed class SyncProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }
}
