using System.Text;
using ChatBot.Discord.Model;

namespace ChatBot.Discord.Rendering;

/// <summary>Pure helpers that cut text to Discord's limits without breaking words or surrogate pairs where avoidable.</summary>
public static class TextFitting
{
    private const string Ellipsis = "…";

    /// <summary>The text cut to at most <paramref name="max"/> UTF-16 units (Discord counts no more than that), ending in "…" when cut.</summary>
    public static string Truncate(string? text, int max)
    {
        text ??= "";
        if (text.Length <= max) return text;
        if (max <= Ellipsis.Length) return SafeCut(text, Math.Max(0, max));
        var cut = SafeCut(text, max - Ellipsis.Length);
        var space = cut.LastIndexOf(' ');
        if (space > cut.Length * 2 / 3) cut = cut[..space];
        return cut.TrimEnd() + Ellipsis;
    }

    /// <summary>Splits text into pieces of at most <paramref name="limit"/>, on paragraph boundaries first, then lines, sentences, words.</summary>
    public static IReadOnlyList<string> SplitOnParagraphs(string text, int limit = DiscordLimits.Content)
    {
        var pieces = new List<string>();
        var current = new StringBuilder();
        foreach (var paragraph in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var part in paragraph.Length <= limit ? [paragraph] : SplitLong(paragraph, limit))
            {
                if (current.Length > 0 && current.Length + 2 + part.Length > limit)
                {
                    pieces.Add(current.ToString());
                    current.Clear();
                }
                if (current.Length > 0) current.Append("\n\n");
                current.Append(part);
            }
        }
        if (current.Length > 0) pieces.Add(current.ToString());
        return pieces;
    }

    private static IEnumerable<string> SplitLong(string text, int limit)
    {
        var rest = text;
        while (rest.Length > limit)
        {
            var window = rest[..limit];
            var at = LastBreak(window, "\n", limit / 2);
            if (at < 0) at = LastBreak(window, ". ", limit / 2, keep: 1);
            if (at < 0) at = LastBreak(window, " ", limit / 2);
            if (at < 0) at = SafeCut(rest, limit).Length;
            yield return rest[..at].TrimEnd();
            rest = rest[at..].TrimStart();
        }
        if (rest.Length > 0) yield return rest;
    }

    private static int LastBreak(string window, string separator, int notBefore, int keep = 0)
    {
        var i = window.LastIndexOf(separator, StringComparison.Ordinal);
        return i >= notBefore ? i + keep : -1;
    }

    private static string SafeCut(string text, int length)
    {
        if (length >= text.Length) return text;
        if (length > 0 && char.IsHighSurrogate(text[length - 1])) length--;
        return text[..length];
    }

    /// <summary>Counted text of embeds as Discord counts it towards the 6,000 total.</summary>
    public static int EmbedTextLength(IEnumerable<Embed> embeds) => embeds.Sum(e =>
        (e.Title?.Length ?? 0) + (e.Description?.Length ?? 0) + (e.Footer?.Text.Length ?? 0)
        + (e.Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0));

    /// <summary>
    /// Shares <paramref name="budget"/> characters among texts, fairly: short texts keep all they have and
    /// what they leave over goes to the longer ones. Returns the allowance per text, each at most <paramref name="cap"/>.
    /// </summary>
    public static int[] ShareBudget(IReadOnlyList<int> wanted, int budget, int cap)
    {
        var allowance = new int[wanted.Count];
        var order = Enumerable.Range(0, wanted.Count).OrderBy(i => wanted[i]).ToArray();
        var remaining = Math.Max(0, budget);
        for (var k = 0; k < order.Length; k++)
        {
            var i = order[k];
            var fair = remaining / (order.Length - k);
            allowance[i] = Math.Min(Math.Min(wanted[i], cap), fair);
            remaining -= allowance[i];
        }
        return allowance;
    }
}
