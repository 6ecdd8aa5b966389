using System.CommandLine;
using ChatBot.Core.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Cli;

/// <summary>`embed "<text>" --json`: the configured embedding model's vector for a text.</summary>
public static class EmbedCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("text") { Description = "The text to embed." };
        var json = new Option<bool>("--json") { Description = "Print {\"model\", \"dimensions\", \"embedding\"} as JSON (the default output)." };
        var command = new Command("embed", "Print the embedding of a text (the local neural model unless Embeddings is configured otherwise).") { text, json };
        command.SetAction((parse, ct) => ChatBotCli.Guard(true, async () =>
        {
            var input = parse.GetValue(text) ?? "";
            if (string.IsNullOrWhiteSpace(input)) throw new InvalidDataException("Give a text to embed, e.g. chatbot embed \"border security\" --json");
            using var host = CliContext.BuildHost(ChatBotCli.Settings(parse));
            var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            var info = host.Services.GetRequiredService<IEmbeddingModelInfo>();
            var vector = await generator.GenerateVectorAsync(input, cancellationToken: ct);
            Console.Out.WriteLine(CliJson.Serialize(new EmbedOutput(info.Model, vector.Length, vector.ToArray())));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
