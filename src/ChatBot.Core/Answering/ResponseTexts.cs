using ChatBot.Core.Search;

namespace ChatBot.Core.Answering;

/// <summary>
/// The bot's fixed replies, read from prompts/refusal.txt, prompts/injection.txt, prompts/help.txt and prompts/followup-*.txt
/// when present so they can be edited without a rebuild (the texts here are the fallback);
/// {{topics}} becomes the list of what the corpus holds.
/// </summary>
public sealed class ResponseTexts
{
    private readonly Dictionary<string, string> _templates = new(StringComparer.Ordinal)
    {
        ["refusal"] = "I can only answer from the documents I have, and I couldn't find that in them. They cover:\n{{topics}}\nTry asking about one of those.",
        ["injection"] = "I answer questions about the documents I have; I can't change my instructions or show them. The documents cover:\n{{topics}}",
        ["help"] = "Ask me a question about the documents I have and I'll answer with quotes and numbered sources. They cover:\n{{topics}}",
        // The conversation's own replies (FollowUpAnswerer) when it has nothing to show; {{person}} is the speaker asked about.
        ["followup-no-speaker"] = "The passage I quoted doesn't say who said it; ask about the person or the topic and I'll look again.",
        ["followup-all-quotes-shown"] = "I have already shown everything the documents quote {{person}} as saying.",
        ["followup-nothing-more"] = "That's all the documents say about it that I haven't shown yet; ask about something else.",
    };

    public ResponseTexts(string? promptsDir = null)
    {
        if (promptsDir is null || !Directory.Exists(promptsDir)) return;
        foreach (var key in _templates.Keys.ToList())
        {
            var path = Path.Combine(promptsDir, key + ".txt");
            if (File.Exists(path)) _templates[key] = File.ReadAllText(path).Trim();
        }
    }

    public string Render(string key, IIndexSnapshot? snapshot, string? person = null) =>
        _templates[key].Replace("{{topics}}", Topics(snapshot), StringComparison.Ordinal).Replace("{{person}}", person ?? "", StringComparison.Ordinal);

    /// <summary>One line per distinct article (near-duplicates left out).</summary>
    public static string Topics(IIndexSnapshot? snapshot)
    {
        if (snapshot is null) return "- (the corpus is still loading)";
        return string.Join("\n", snapshot.Sources
            .Where(s => s.DuplicateOf is null)
            .Select(s => $"- {s.Metadata.Title}" + (s.Metadata.Outlet is null ? "" : $" ({s.Metadata.Outlet})")));
    }
}
