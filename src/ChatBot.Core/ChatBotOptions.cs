using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core;

/// <summary>The `ChatBot` configuration section: where the corpus is read from and where indexes live.</summary>
public sealed class ChatBotOptions
{
    public const string Section = "ChatBot";

    /// <summary>Where indexes, the vector store, feedback and the audit log live (env `ChatBot__DataDir`).</summary>
    [Required] public string DataDir { get; set; } = ".data";

    /// <summary>The corpus folder: the articles plus manifest.json.</summary>
    [Required] public string CorpusDir { get; set; } = "corpus";

    /// <summary>Longest question accepted, in characters.</summary>
    [Range(10, 100_000)] public int MaxQuestionLength { get; set; } = 2000;
}
