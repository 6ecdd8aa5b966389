using System.CommandLine;
using System.Text.Json;
using ChatBot.Core.Feedback;
using ChatBot.Http;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>`feedback report [--top N] [--json]`: the answers people rated worst, most 👎 first.</summary>
public static class FeedbackCommand
{
    public static Command Create()
    {
        var top = new Option<int>("--top") { Description = "How many questions to show (1–1000).", DefaultValueFactory = _ => 10 };
        top.Validators.Add(r =>
        {
            // A token that is not a number is already a parse error; only range-check real numbers.
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, out var n) && n is < 1 or > 1000) r.AddError("--top must be between 1 and 1000.");
        });
        var json = new Option<bool>("--json") { Description = "Print the report as a JSON array." };
        var report = new Command("report", "The worst-rated answers, grouped by question, with 👎/👍 counts.") { top, json };
        report.SetAction((parse, ct) => CliHost.RunAsync<FeedbackReportHandler>(parse, parse.GetValue(json), handler => handler.ReportAsync(parse.GetValue(top), parse.GetValue(json), ct)));
        return new Command("feedback", "Answer feedback (👍/👎) from every surface.") { report };
    }
}

/// <summary>Prints the worst-rated answers.</summary>
public sealed class FeedbackReportHandler(IFeedbackReport feedback)
{
    public async Task<int> ReportAsync(int top, bool json, CancellationToken ct)
    {
        var rows = await feedback.WorstRatedAsync(top, ct);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(rows.ToList(), ApiJsonContext.Readable.ListFeedbackReportRow));
            return ExitCodes.Ok;
        }
        if (rows.Count == 0)
        {
            Console.Out.WriteLine("No feedback recorded yet.");
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("👎", "👍", "Question", "Latest answer", "Sources");
        foreach (var r in rows)
        {
            var answer = r.LatestAnswer.ReplaceLineEndings(" ");
            table.AddRow(r.NotHelpful.ToString(), r.Helpful.ToString(), Markup.Escape(r.Question),
                Markup.Escape(answer.Length > 80 ? answer[..80] + "…" : answer), Markup.Escape(string.Join(", ", r.CitationSources)));
        }
        ChatBotCli.HumanConsole().Write(table);
        return ExitCodes.Ok;
    }
}
