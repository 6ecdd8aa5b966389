using System.CommandLine;
using System.Text.Json;
using ChatBot.Core.Quiz;
using ChatBot.Http;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>
/// `quiz`: questions from the corpus, answered on standard input, graded with the source quoted and the
/// score and streak shown after each answer (kept in the data dir, per user). `--article` keeps to one
/// article or topic; `--json` prints one question.
/// </summary>
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
        var json = new Option<bool>("--json") { Description = "Print one question as JSON (with its kind, answer and citation) and exit." };
        var article = new Option<string?>("--article", "-a") { Description = "Only this article or topic: a file number or name (004, faq.html), words of a title, or a topic." };
        var user = new Option<string?>("--user") { Description = "Whose score and review queue to use (default: your login name)." };
        var command = new Command("quiz", "Quiz yourself on the corpus: questions built from the documents, graded with the source quoted.") { count, seed, json, article, user };
        command.SetAction((parse, ct) => CliHost.RunAsync<QuizHandler>(parse, parse.GetValue(json), handler =>
        {
            var scope = parse.GetValue(article);
            if (parse.GetValue(json)) return handler.PrintOneAsync(parse.GetValue(seed) ?? Random.Shared.Next(0, int.MaxValue / 2), scope, ct);
            var who = new QuizUser("cli", string.IsNullOrWhiteSpace(parse.GetValue(user)) ? Environment.UserName : parse.GetValue(user)!.Trim());
            return handler.RunInteractiveAsync(who, parse.GetValue(seed), scope, parse.GetValue(count), ct);
        }));
        return command;
    }
}

/// <summary>Quizzes on the console, or prints one question as JSON; a scope that matches nothing is bad input.</summary>
public sealed class QuizHandler(IQuizService quiz)
{
    public async Task<int> PrintOneAsync(int seed, string? scope, CancellationToken ct)
    {
        var question = await quiz.QuestionForSeedAsync(seed, scope, ct);
        Console.Out.WriteLine(JsonSerializer.Serialize(QuizQuestionWire.From(question), ApiJsonContext.Readable.QuizQuestionWire));
        return ExitCodes.Ok;
    }

    public async Task<int> RunInteractiveAsync(QuizUser user, int? firstSeed, string? scope, int count, CancellationToken ct)
    {
        if (firstSeed is { } first) quiz.StartSession(user, first);
        var console = ChatBotCli.HumanConsole();
        int right = 0, answered = 0;
        QuizGrade? last = null;
        for (var n = 1; n <= count && !ct.IsCancellationRequested; n++)
        {
            var question = await quiz.NextQuestionAsync(user, scope, ct);
            var format = question.Type switch
            {
                QuizQuestionType.MultipleChoice => "multiple choice",
                QuizQuestionType.TrueFalse => "true or false",
                _ => "short answer",
            };
            console.MarkupLine($"[bold]Question {n}/{count}[/] [grey]({question.Difficulty.ToString().ToLowerInvariant()}, {format})[/]");
            console.MarkupLine(Markup.Escape(question.Question));
            if (question.Type == QuizQuestionType.MultipleChoice && question.Choices is { } choices)
                for (var i = 0; i < choices.Count; i++) console.MarkupLine($"  {(char)('A' + i)}) {Markup.Escape(choices[i])}");
            Console.Out.Write(question.Type == QuizQuestionType.TrueFalse ? "True or false? " : "Your answer: ");
            var line = Console.In.ReadLine();
            if (line is null) { Console.Out.WriteLine(); break; }
            last = await quiz.GradeAsync(user, question.Id, line, ct);
            answered++;
            if (last.Correct) right++;
            console.MarkupLine(last.Correct ? "[green]✔ Right![/]" : "[red]✘ Wrong.[/]");
            console.MarkupLine(Markup.Escape(last.Feedback));
            var again = !last.Correct && last.ReviewIn is { } r ? $" · it comes back in {r} questions" : "";
            console.MarkupLine(Markup.Escape($"Score: {last.Score}/{last.Answered} · streak {last.Streak} (best {last.BestStreak}){again}"));
            console.WriteLine();
        }
        if (last is null) console.MarkupLine("[grey]No answers given.[/]");
        else console.MarkupLine($"[bold]This session: {right}/{answered}.[/] All time: {last.Score}/{last.Answered} (best streak {last.BestStreak}).");
        return ExitCodes.Ok;
    }
}
