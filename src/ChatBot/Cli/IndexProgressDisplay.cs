using System.Diagnostics;
using ChatBot.Core.Search;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>
/// Shows index building: live progress bars for `index` on a terminal; otherwise one line on stderr
/// naming the stages as they start ("Indexing the corpus: reading corpus, building BM25 index (58),
/// … — done in 2.1 s.", or ending in "…" when it fails and the error follows), so stdout stays the
/// command's output and an up-to-date index prints nothing.
/// </summary>
public static class IndexProgressDisplay
{
    /// <summary>Loads the index, saying so on stderr only if it has to be built first.</summary>
    public static Task<IndexSnapshot> EnsureReadyAsync(CorpusIndex index, CancellationToken ct) =>
        RunAsync(p => index.EnsureReadyAsync(p, ct), liveBars: false);

    public static async Task<T> RunAsync<T>(Func<IProgress<IndexProgress>, Task<T>> work, bool liveBars)
    {
        if (liveBars && !Console.IsOutputRedirected && !Console.IsErrorRedirected) return await WithBarsAsync(work);

        var line = new StageLine(Console.Error);
        try
        {
            var result = await work(line);
            line.Finish(" — done in {0:0.0} s.");
            return result;
        }
        catch
        {
            line.Finish("…"); // the error follows on its own line
            throw;
        }
    }

    private static async Task<T> WithBarsAsync<T>(Func<IProgress<IndexProgress>, Task<T>> work)
    {
        T result = default!;
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async ctx =>
        {
            var tasks = new Dictionary<string, ProgressTask>();
            result = await work(new SyncProgress(p =>
            {
                if (!tasks.TryGetValue(p.Stage, out var task)) tasks[p.Stage] = task = ctx.AddTask(Markup.Escape(Capitalized(p.Stage)), maxValue: Math.Max(1, p.Total));
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
            }));
            foreach (var t in tasks.Values) t.Value = t.MaxValue;
        });
        return result;
    }

    private static string Capitalized(string stage) => stage.Length == 0 ? stage : char.ToUpperInvariant(stage[0]) + stage[1..];

    /// <summary>One line, written as stages start; reports arrive on the indexing thread, in order.</summary>
    private sealed class StageLine(TextWriter writer) : IProgress<IndexProgress>
    {
        private readonly Stopwatch _elapsed = new();
        private string? _stage;

        public void Report(IndexProgress value)
        {
            if (value.Stage == _stage) return;
            writer.Write(_stage is null ? "Indexing the corpus: " : ", ");
            if (_stage is null) _elapsed.Start();
            _stage = value.Stage;
            var label = value.Stage.Length == 0 ? value.Stage : char.ToLowerInvariant(value.Stage[0]) + value.Stage[1..];
            writer.Write(value.Total > 1 ? $"{label} ({value.Total})" : label);
            writer.Flush();
        }

        public void Finish(string format)
        {
            if (_stage is null) return;
            writer.WriteLine(format, _elapsed.Elapsed.TotalSeconds);
        }
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post late, after the work is done).</summary>
    private sealed class SyncProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }
}
