using System.CommandLine;
using ChatBot.Core.Embeddings;
using Microsoft.Extensions.AI;

namespace ChatBot.Cli;

/// <summary>`embed "<text>" --json`: the configured embedding model's vector for a text.</summary>
public static class EmbedCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("text") { Description = "The text to embed." };
        var json = new Option<bool>("--json") { Description = "Print {\"model\", \"dimensions\", \"embedding\"} as JSON (the default output)." };
        var command = new Command("embed", "Print the embedding of a text (the local neural model unless Embeddings is configured otherwise).") { text, json };
        command.SetAction((parse, ct) =>
        {
            var input = parse.GetValue(text) ?? "";
            return string.IsNullOrWhiteSpace(input)
                ? ChatBotCli.Guard(true, false, () => throw new InvalidDataException("Give a text to embed, e.g. chatbot embed \"border security\" --json"))
                : CliHost.RunAsync<EmbedHandler>(parse, true, handler => handler.EmbedAsync(input, ct));
        });
        return command;
    }
}

/// <summary>Prints one embedding as JSON.</summary>
public sealed class EmbedHandler(IEmbeddingGenerator<string, Embedding<float>> generator, IEmbeddingModelInfo info)
{
    public async Task<int> EmbedAsync(string text, CancellationToken ct)
    {
        var vector = await generator.GenerateVectorAsync(text, cancellationToken: ct);
        Console.Out.WriteLine(CliJson.Serialize(new EmbedOutput(info.Model, vector.Length, vector.ToArray())));
        return ExitCodes.Ok;
    }
}
