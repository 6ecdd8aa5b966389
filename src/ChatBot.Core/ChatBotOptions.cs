using Microsoft.Extensions.Options;

namespace ChatBot.Core;

/// <summary>The `ChatBot` configuration section: where the corpus is read from and where indexes live.</summary>
public sealed class ChatBotOptions
{
    public const string Section = "ChatBot";

    /// <summary>Where indexes, the vector store, feedback and the audit log live (env `ChatBot__DataDir`).</summary>
    public string DataDir { get; set; } = ".data";

    /// <summary>The corpus folder: the articles plus manifest.json.</summary>
    public string CorpusDir { get; set; } = "corpus";

    /// <summary>Longest question accepted, in characters.</summary>
    public int MaxQuestionLength { get; set; } = 2000;
}

/// <summary>Start-up checks of the `ChatBot` section; messages name the key.</summary>
internal sealed class ChatBotOptionsValidator : IValidateOptions<ChatBotOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatBotOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDir)) errors.Add("ChatBot:DataDir must be set.");
        if (string.IsNullOrWhiteSpace(options.CorpusDir)) errors.Add("ChatBot:CorpusDir must be set.");
        if (options.MaxQuestionLength is < 10 or > 100_000) errors.Add($"ChatBot:MaxQuestionLength must be between 10 and 100000 (got {options.MaxQuestionLength}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
