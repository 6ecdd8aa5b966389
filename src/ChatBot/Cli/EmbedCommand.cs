using System.CommandLine;
using ChatBot.Core.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Cli;

/// <summary>`embed [--query] --json TEXT`: the configured embedding model's vector for a text.</summary>
public static class EmbedCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("text") { Description = "The text to embed; '-' reads it from standard input (any length: the local model reads its first 512 tokens)." };
        var query = new Option<bool>("--query") { Description = "Embed the text as a search query (the local model prefixes its query instruction); default: as a document (a passage)." };
        var json = new Option<bool>("--json") { Description = "Print {\"model\", \"dimensions\", \"embedding\"} as JSON (the default output)." };
        var command = new Command("embed", "Print the embedding of a text (the local neural model unless Embeddings is configured otherwise).") { text, query, json };
        command.SetAction((parse, ct) => ChatBotCli.Guard(true, async () =>
        {
            var input = parse.GetValue(text) ?? "";
            if (input == "-") input = await Console.In.ReadToEndAsync(ct);
            if (string.IsNullOrWhiteSpace(input)) throw new InvalidDataException("Give a text to embed, e.g. chatbot embed \"border security\" --json (or '-' to read standard input).");
            var role = parse.GetValue(query) ? EmbeddingRole.Query : EmbeddingRole.Document;
            using var host = CliContext.BuildHost(ChatBotCli.Settings(parse));
            var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
            var info = host.Services.GetRequiredService<IEmbeddingModelInfo>();
            var result = await generator.GenerateAsync([input], EmbeddingRoles.For(role), ct);
            var vector = result[0].Vector.ToArray();
            Console.Out.WriteLine(CliJson.Serialize(new EmbedOutput(info.Model, vector.Length, vector, role == EmbeddingRole.Query ? "query" : "document", result.Usage?.InputTokenCount)));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
