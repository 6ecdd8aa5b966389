using System.CommandLine;
using ChatBot.Core.Embeddings;
using Microsoft.Extensions.AI;

namespace ChatBot.Cli;

/// <summary>`embed "<text>" [--query] --json`: the configured embedding model's vector for a text.</summary>
public static class EmbedCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("text") { Description = "The text to embed; '-' reads it from standard input (any length: the local model reads its first 512 tokens)." };
        var query = new Option<bool>("--query") { Description = "Embed the text as a search query (the local model prefixes its query instruction); default: as a document (a passage)." };
        var json = new Option<bool>("--json") { Description = "Print {\"model\", \"dimensions\", \"embedding\"} as JSON (the default output)." };
        var command = new Command("embed", "Print the embedding of a text (the local neural model unless Embeddings is configured otherwise).") { text, query, json };
        command.SetAction((parse, ct) => CliHost.RunAsync<EmbedHandler>(parse, true, async handler =>
        {
            var input = parse.GetValue(text) ?? "";
            if (input == "-") input = await Console.In.ReadToEndAsync(ct);
            if (string.IsNullOrWhiteSpace(input)) throw new InvalidDataException("Give a text to embed, e.g. chatbot embed \"border security\" --json (or '-' to read standard input).");
            return await handler.EmbedAsync(input, parse.GetValue(query) ? EmbeddingRole.Query : EmbeddingRole.Document, ct);
        }));
        return command;
    }
}

/// <summary>Prints one embedding as JSON.</summary>
public sealed class EmbedHandler(IEmbeddingGenerator<string, Embedding<float>> generator, IEmbeddingModelInfo info)
{
    public async Task<int> EmbedAsync(string text, EmbeddingRole role, CancellationToken ct)
    {
        var result = await generator.GenerateAsync([text], EmbeddingRoles.For(role), ct);
        var vector = result[0].Vector.ToArray();
        Console.Out.WriteLine(CliJson.Serialize(new EmbedOutput(info.Model, vector.Length, vector, role == EmbeddingRole.Query ? "query" : "document", result.Usage?.InputTokenCount)));
        return ExitCodes.Ok;
    }
}
