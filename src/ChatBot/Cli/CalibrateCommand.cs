using System.CommandLine;
using ChatBot.Core;
using ChatBot.Core.Answering;
using ChatBot.Core.Evaluation;
using ChatBot.Core.Search;
using ChatBot.Core.Search.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Cli;

/// <summary>
/// `calibrate --train FILE=CORPUS [--train …] [--out DIR]`: refits answering's weights (the sentence
/// ranker and the refusal model) on training question files, each over its own corpus, for the configured
/// embedding model and for the lexical fallback, and writes one JSON file per model (docs/retrieval.md).
/// </summary>
public static class CalibrateCommand
{
    public static Command Create()
    {
        var train = new Option<string[]>("--train")
        {
            Description = "A training question file and the corpus folder it is about, as FILE=CORPUS (repeatable). Never a test file.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string?>("--out") { Description = "Where to write the calibration files (default: src/ChatBot.Core/Answering/Calibration of this checkout)." };
        var lexicalOnly = new Option<bool>("--lexical-only") { Description = "Fit only the lexical fallback (no embedding model)." };
        var dumpDir = new Option<string?>("--dump") { Description = "Also write the fitting data (features and labels, one JSON line each) to this folder." };
        var refusalOnly = new Option<bool>("--refusal-only") { Description = "Keep the current sentence ranker; refit only the refusal model." };
        var command = new Command("calibrate", "Refit the answer ranker and the refusal model on training questions.") { train, output, lexicalOnly, dumpDir, refusalOnly };
        command.SetAction((parse, ct) => ChatBotCli.Guard(false, ChatBotCli.Settings(parse).Verbose, async () =>
        {
            var settings = ChatBotCli.Settings(parse);
            var pairs = parse.GetValue(train)!.Select(Parse).ToList();
            var outDir = parse.GetValue(output) ?? DefaultOutput();
            Directory.CreateDirectory(outDir);
            foreach (var dense in parse.GetValue(lexicalOnly) ? new[] { false } : [true, false])
            {
                var hosts = new List<IHost>();
                try
                {
                    var sets = new List<CalibrationSet>();
                    string? modelId = null;
                    for (var i = 0; i < pairs.Count; i++)
                    {
                        var (file, corpus) = pairs[i];
                        var dataDir = Path.Combine(Path.GetFullPath(settings.DataDir ?? ".data"), "calibrate", $"{i}-{Path.GetFileName(Path.GetFullPath(corpus))}");
                        var host = CliHost.Build(settings with { CorpusDir = corpus, DataDir = dataDir }, builder =>
                        {
                            if (!dense) builder.Services.PostConfigure<RetrievalOptions>(o => o.Mode = RetrievalMode.Lexical);
                        });
                        hosts.Add(host);
                        await IndexProgressDisplay.EnsureReadyAsync(host.Services.GetRequiredService<CorpusIndex>(), ct);
                        var engine = host.Services.GetRequiredService<AnswerEngine>();
                        var snapshot = await host.Services.GetRequiredService<CorpusIndex>().EnsureReadyAsync(cancellationToken: ct);
                        if (dense && !engine.UsesDense(snapshot)) throw new InvalidDataException("No embedding model is configured; use --lexical-only.");
                        modelId ??= dense ? host.Services.GetRequiredService<AnswerModels>().ModelId : AnswerCalibration.LexicalId;
                        sets.Add(new CalibrationSet(Path.GetFileName(file), EvalQuestion.Load(file), engine, host.Services.GetRequiredService<ExtractiveAnswerer>(), snapshot));
                    }
                    var id = modelId ?? AnswerCalibration.LexicalId;
                    Console.Error.WriteLine($"Fitting the calibration for {id}…");
                    var start = hosts[0].Services.GetRequiredService<AnswerModels>().For(dense);
                    using var dump = parse.GetValue(dumpDir) is { } d
                        ? new StreamWriter(Path.Combine(Directory.CreateDirectory(d).FullName, Path.GetFileNameWithoutExtension(AnswerCalibration.FileNameFor(id)) + ".jsonl"))
                        : null;
                    var fitted = await Calibrator.FitAsync(id, dense, sets, start, Console.Error.WriteLine, dump, ct, parse.GetValue(refusalOnly));
                    foreach (var (set, n) in sets.Select((s, i) => (s, i + 1)))
                    {
                        var (right, answerable, refused, unanswerable) = await Calibrator.ScoreAsync(set, fitted, ct);
                        // Keyed by the set's place in "training", not its file name: file names name the corpus.
                        fitted.TrainFigures[$"training {n}:answered_right"] = answerable == 0 ? 0 : Math.Round((double)right / answerable, 4);
                        fitted.TrainFigures[$"training {n}:refused_right"] = unanswerable == 0 ? 0 : Math.Round((double)refused / unanswerable, 4);
                        Console.Out.WriteLine($"{id} on {set.Name}: answerable {right}/{answerable} right, unanswerable {refused}/{unanswerable} refused.");
                    }
                    var path = Path.Combine(outDir, AnswerCalibration.FileNameFor(id));
                    await File.WriteAllTextAsync(path, fitted.ToJson() + "\n", ct);
                    Console.Out.WriteLine($"Wrote {path}");
                }
                finally
                {
                    foreach (var h in hosts) h.Dispose();
                }
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static (string File, string Corpus) Parse(string value)
    {
        var at = value.LastIndexOf('=');
        if (at <= 0 || at == value.Length - 1) throw new InvalidDataException($"--train takes FILE=CORPUS, got '{value}'.");
        var (file, corpus) = (value[..at], value[(at + 1)..]);
        if (!File.Exists(file)) throw new FileNotFoundException($"Training file '{file}' does not exist.", file);
        if (!Directory.Exists(corpus)) throw new InvalidDataException($"Corpus folder '{corpus}' does not exist.");
        return (file, corpus);
    }

    private static string DefaultOutput() =>
        PathResolver.FindUp("src") is { } src && Directory.Exists(Path.Combine(src, "ChatBot.Core", "Answering", "Calibration"))
            ? Path.Combine(src, "ChatBot.Core", "Answering", "Calibration")
            : Directory.GetCurrentDirectory();
}
