using System.CommandLine;
using System.Text.Json;
using ChatBot.Core.Quiz;
using ChatBot.Http;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>`quiz`: questions from the corpus, answered on standard input, with feedback and a score; `--json` prints one question.</summary>
public static class QuizCommand
{
    public const int MaxQuestions = 50;

    public static Command Create()
    {
        var count = new Option<int>("--count", "-n") { Description = $"How many questions to ask (1–{MaxQuestions}).", DefaultValueFactory = _ => 5 };
        count.Validators.Add(r =>
        {
            // A token that is not a number is already a parse error; only range-check real numbers.
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, out var n) && n is < 1 or > MaxQuestions) r.AddError($"--count must be between 1 and {MaxQuestions}.");
        });
        var seed = new Option<int?>("--seed") { Description = "Make the questions reproducible: the same seed gives the same questions for the same corpus." };
        var json = new Option<bool>("--json") { Description = "Print one question as JSON (with its answer and citation) and exit." };
        var command = new Command("quiz", "Quiz yourself on the corpus: questions built from the articles, graded with the source quoted.") { count, seed, json };
        command.SetAction((parse, ct) => ChatBotCli.Guard(parse.GetValue(json), async () =>
        {
            using var host = CliContext.BuildHost(ChatBotCli.Settings(parse));
            var quiz = host.Services.GetRequiredService<IQuizService>();
            var first = parse.GetValue(seed) ?? Random.Shared.Next(0, int.MaxValue / 2);
            if (parse.GetValue(json))
            {
                var question = await quiz.QuestionForSeedAsync(first, ct);
                Console.Out.WriteLine(JsonSerializer.Serialize(QuizQuestionWire.From(question), ApiJsonContext.Readable.GetTypeInfo(typeof(QuizQuestionWire))));
                return ExitCodes.Ok;
            }
            return await RunInteractiveAsync(quiz, first, parse.GetValue(count), ct);
        }));
        return command;
    }

    private static async Task<int> RunInteractiveAsync(IQuizService quiz, int firstSeed, int count, CancellationToken ct)
    {
        var console = ChatBotCli.HumanConsole();
        var user = $"cli:{Environment.UserName}:{Guid.NewGuid():N}";
        var asked = new HashSet<string>(StringComparer.Ordinal);
        QuizGrade? last = null;
        var seed = firstSeed;
        for (var n = 1; n <= count && !ct.IsCancellationRequested; n++)
        {
            // Skip seeds that land on a passage already asked about (the corpus has a few hundred facts).
            QuizQuestion question;
            var tries = 0;
            do question = await quiz.QuestionForSeedAsync(seed++, ct);
            while (!asked.Add(question.Citation.Quote) && ++tries < 100);

            var kind = question.Type == QuizQuestionType.MultipleChoice ? "multiple choice" : "short answer";
            console.MarkupLine($"[bold]Question {n}/{count}[/] [grey]({question.Difficulty.ToString().ToLowerInvariant()}, {kind})[/]");
            console.MarkupLine(Markup.Escape(question.Question));
            if (question.Choices is { } choices)
                for (var i = 0; i < choices.Count; i++) console.MarkupLine($"  {(char)('A' + i)}) {Markup.Escape(choices[i])}");
            Console.Out.Write("Your answer: ");
            var line = Console.In.ReadLine();
            if (line is null) { Console.Out.WriteLine(); break; }
            last = await quiz.GradeAsync(user, question.Id, line, ct);
            console.MarkupLine(last.Correct ? "[green]✔ Right![/]" : "[red]✘ Wrong.[/]");
            console.MarkupLine(Markup.Escape(last.Feedback));
            console.WriteLine();
        }
        if (last is null) console.MarkupLine("[grey]No answers given.[/]");
        else console.MarkupLine($"[bold]Score: {last.Score}/{last.Answered}[/] (best streak {last.BestStreak}).");
        return ExitCodes.Ok;
    }
}
