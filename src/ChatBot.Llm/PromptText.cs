using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Core.Search;

namespace ChatBot.Llm;

/// <summary>Builds the variable values the prompts receive: fenced user text and numbered passages.</summary>
public static partial class PromptText
{
    /// <summary>
    /// Makes <paramref name="text"/> safe to place inside &lt;tag&gt;…&lt;/tag&gt;: any opening or closing
    /// tag of that name inside it becomes [tag] / [/tag], so the text cannot end its fence early.
    /// (Semantic Kernel already encodes variable values, so no &lt;message&gt; can be injected either.)
    /// </summary>
    public static string Fence(string text, string tag)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        var pattern = new Regex(@"<\s*(/?)\s*" + Regex.Escape(tag) + @"\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return pattern.Replace(text, m => $"[{m.Groups[1].Value}{tag}]");
    }

    /// <summary>
    /// The passages as the answer prompt shows them: "[n] Title (Outlet, Date)" then the text, one
    /// block per passage in the draft's order, so [n] in the answer is draft.Passages[n-1].
    /// </summary>
    public static string NumberedPassages(IReadOnlyList<RetrievedPassage> passages)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < passages.Count; i++)
        {
            var passage = passages[i];
            var meta = passage.Document.Metadata;
            if (i > 0) builder.Append("\n\n");
            builder.Append('[').Append(i + 1).Append("] ").Append(OneLine(meta.Title));
            var source = string.Join(", ", new[] { meta.Outlet, meta.Date }.Where(s => !string.IsNullOrWhiteSpace(s)));
            if (source.Length > 0) builder.Append(" (").Append(OneLine(source)).Append(')');
            builder.Append('\n').Append(Fence(passage.Chunk.Text.Trim(), "passages"));
        }
        return builder.ToString();
    }

    private static string OneLine(string text) => Whitespace().Replace(Fence(text, "passages"), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
