using System.CommandLine;
using ChatBot.Core.Evaluation;
using ChatBot.Core.Search;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>
/// `eval --questions FILE [--json]`: answer accuracy, refusal accuracy and retrieval figures;
/// `eval --conversations FILE [--json]`: conversations turn by turn, each turn scored by the same rule.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var questions = new Option<string>("--questions") { Description = "A JSON-lines question file (tests/fixtures/eval/README.md describes the format)." };
        var conversations = new Option<string>("--conversations")
        {
            Description = "A JSON-lines conversation file; conversations whose gold sources are not in this corpus are skipped (pick the corpus with --corpus).",
        };
        var json = new Option<bool>("--json") { Description = "One JSON line per question (or turn), then a {\"summary\": …} line." };
        var command = new Command("eval", "Run a question or conversation file and report answer quality.") { questions, conversations, json };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(questions) is null) == (result.GetValue(conversations) is null))
                result.AddError("eval needs exactly one of --questions FILE or --conversations FILE.");
        });
        command.SetAction((parse, ct) => parse.GetValue(conversations) is { } file
            ? CliHost.RunAsync<ConversationEvalHandler>(parse, parse.GetValue(json), handler => handler.RunAsync(file, parse.GetValue(json), ct))
            : CliHost.RunAsync<EvalHandler>(parse, parse.GetValue(json), handler => handler.RunAsync(parse.GetValue(questions)!, parse.GetValue(json), ct)));
        return command;
    }
}

/// <summary>Answers every question of a file and scores the answers and the retrieval.</summary>
public sealed class EvalHandler(CorpusIndex index, EvalRunner runner)
{
    public async Task<int> RunAsync(string questionFile, bool json, CancellationToken ct)
    {
        var file = EvalQuestion.Load(questionFile);
        await IndexProgressDisplay.EnsureReadyAsync(index, ct);
        var results = await runner.RunAsync(file, r =>
        {
            if (json)
                Console.Out.WriteLine(CliJson.Serialize(new EvalLine(r.Question.Id, r.Question.Question, r.Answer.Answered, r.Answer.Text,
                    r.Answer.Citations, r.Answer.ElapsedMs, r.Correct, r.GoldRank, r.Question.Answerable, r.Answer.Reason)));
        }, ct);
        var summary = EvalRunner.Summarize(results);
        if (json)
        {
            Console.Out.WriteLine(CliJson.Serialize(new EvalSummaryLine(summary)));
            return ExitCodes.Ok;
        }
        var console = ChatBotCli.HumanConsole();
        var table = new Table().AddColumns("id", "ok", "answered", "gold rank", "answer");
        foreach (var r in results)
        {
            var text = r.Answer.Text.ReplaceLineEndings(" ");
            table.AddRow(r.Question.Id, EvalCells.Verdict(r.Correct), r.Answer.Answered ? "yes" : "refused",
                r.GoldRank?.ToString() ?? "—", EvalCells.Answer(text));
        }
        console.Write(table);
        console.WriteLine($"Answerable: {summary.AnsweredCorrectly}/{summary.Answerable} right (accuracy {summary.AnswerAccuracy:P0}); " +
                          $"unanswerable: {summary.RefusedCorrectly}/{summary.Unanswerable} refused (accuracy {summary.RefusalAccuracy:P0}).");
        console.WriteLine("By kind: " + string.Join(", ", summary.Kinds.Select(k => $"{k.Key} {k.Value.Right}/{k.Value.Total}")) + ".");
        console.WriteLine($"Retrieval: recall@1 {summary.RecallAt1:0.000}, recall@3 {summary.RecallAt3:0.000}, recall@5 {summary.RecallAt5:0.000}, MRR {summary.Mrr:0.000}. Median answer time {summary.MedianMs:0.#} ms.");
        return ExitCodes.Ok;
    }
}

/// <summary>Runs every conversation of a file for this corpus, turn by turn, and scores each turn.</summary>
public sealed class ConversationEvalHandler(CorpusIndex index, ConversationEvalRunner runner)
{
    public async Task<int> RunAsync(string file, bool json, CancellationToken ct)
    {
        var conversations = EvalConversation.Load(file);
        await IndexProgressDisplay.EnsureReadyAsync(index, ct);
        var (results, skipped) = await runner.RunAsync(conversations, r =>
        {
            if (json)
                Console.Out.WriteLine(CliJson.Serialize(new ConversationEvalLine(r.Conversation.Id, r.Turn, r.Question.Question, r.Answer.Answered, r.Answer.Text,
                    r.Answer.Citations, r.Answer.ElapsedMs, r.Correct, r.Question.Answerable)));
        }, ct);
        var summary = ConversationEvalRunner.Summarize(results, skipped);
        if (json)
        {
            Console.Out.WriteLine(CliJson.Serialize(new ConversationEvalSummaryLine(summary)));
            return ExitCodes.Ok;
        }
        var console = ChatBotCli.HumanConsole();
        var table = new Table().AddColumns("id", "turn", "ok", "question", "answer");
        foreach (var r in results)
        {
            var text = r.Answer.Answered ? r.Answer.Text.ReplaceLineEndings(" ") : "(refused)";
            table.AddRow(r.Conversation.Id, r.Turn.ToString(System.Globalization.CultureInfo.InvariantCulture), EvalCells.Verdict(r.Correct),
                Markup.Escape(r.Question.Question), EvalCells.Answer(text));
        }
        console.Write(table);
        console.WriteLine($"Turns: {summary.Right}/{summary.Turns} right ({summary.Accuracy * 100:0.#} %); follow-ups (turn 2 on): {summary.FollowUpsRight}/{summary.FollowUps}. " +
                          $"Conversations: {summary.Conversations} run, {summary.Skipped} skipped (gold sources not in this corpus). Median answer time {summary.MedianMs:0.#} ms.");
        return ExitCodes.Ok;
    }
}

/// <summary>The table cells both eval reports share: the verdict, and the answer cut to one line.</summary>
internal static class EvalCells
{
    public static string Verdict(bool correct) => correct ? "[green]yes[/]" : "[red]NO[/]";

    public static string Answer(string text) => Markup.Escape(text.Length > 90 ? text[..90] + "…" : text);
}
