using ChatBot.Core.Answering;
using ChatBot.Core.Search;
using ChatBot.Discord.Model;

namespace ChatBot.Discord.Rendering;

/// <summary>
/// Turns answers into Discord messages that respect every documented limit: the answer text (with its [n]
/// markers) as content split on paragraphs into messages of ≤ 2,000 characters, and one "Sources" embed on the
/// last message. Every message carries allowed_mentions {"parse": []} so corpus text never pings anyone.
/// Pure: no I/O, no clock.
/// </summary>
public static class DiscordAnswerRenderer
{
    public const int SourcesColor = 0x2B6CB0;
    private const int MinQuote = 40;

    /// <summary>Messages for one answer, in order: the first edits the deferred reply, the rest are follow-ups.</summary>
    /// <param name="answerKey">Key of the cached answer the buttons refer to; no buttons when null.</param>
    public static IReadOnlyList<MessagePayload> RenderAnswer(Answer answer, string? answerKey)
    {
        var text = string.IsNullOrWhiteSpace(answer.Text) ? "(no answer text)" : answer.Text.Trim();
        var messages = TextFitting.SplitOnParagraphs(text).Select(c => new MessagePayload { Content = c }).ToList();
        var last = messages[^1];
        if (answer.Answered && answer.Citations.Count > 0) last.Embeds = [SourcesEmbed(answer.Citations)];
        if (answerKey is not null)
        {
            var buttons = new List<Component>();
            if (answer.Citations.Count > 0) buttons.Add(Component.Button(ComponentIds.Passages(answerKey), "Show passages", "📖"));
            buttons.Add(Component.Button(ComponentIds.FeedbackUp(answerKey), null, "👍"));
            buttons.Add(Component.Button(ComponentIds.FeedbackDown(answerKey), null, "👎"));
            last.Components = [Component.Row([.. buttons])];
        }
        return messages;
    }

    /// <summary>
    /// One embed listing the sources as fields: "[n] title", then outlet · url and the quote. When several
    /// citations quote one document (a summary cites three of its sentences), only its first field repeats
    /// the outlet and link, leaving the 6,000-character budget to the quotes.
    /// </summary>
    public static Embed SourcesEmbed(IReadOnlyList<Citation> citations)
    {
        var shown = citations.Take(DiscordLimits.EmbedFields).ToList();
        var embed = new Embed
        {
            Title = "Sources",
            Color = SourcesColor,
            Footer = citations.Count > shown.Count ? new EmbedFooter { Text = $"{citations.Count - shown.Count} more source(s) not shown." } : null,
        };
        var described = new HashSet<string>(StringComparer.Ordinal);
        var fields = shown.Select(c => new FieldParts(
            $"[{c.N}] {OneLine(c.Title)}",
            described.Add(c.Source) ? string.Join(" · ", new[] { c.Outlet, SafeUrl(c.Url) }.Where(s => !string.IsNullOrWhiteSpace(s))) : "",
            OneLine(c.Quote))).ToList();
        embed.Fields = FitFields(fields, DiscordLimits.EmbedTotal - (embed.Title.Length + (embed.Footer?.Text.Length ?? 0)), quoted: true);
        return embed;
    }

    /// <summary>The ephemeral "Show passages" message: one embed per quote (title, link, outlet), within the limits.</summary>
    public static MessagePayload RenderPassages(IReadOnlyList<Citation> citations)
    {
        if (citations.Count == 0) return MessagePayload.Text("This answer quoted no passages.", ephemeral: true);
        var shown = citations.Take(DiscordLimits.EmbedsPerMessage).ToList();
        var embeds = shown.Select(c => new Embed
        {
            Title = TextFitting.Truncate($"[{c.N}] {OneLine(c.Title)}", DiscordLimits.EmbedTitle),
            Url = SafeUrl(c.Url),
            Footer = string.IsNullOrWhiteSpace(c.Outlet) ? null : new EmbedFooter { Text = TextFitting.Truncate(c.Outlet, 200) },
            Color = SourcesColor,
        }).ToList();
        var fixedLength = TextFitting.EmbedTextLength(embeds);
        var allowances = TextFitting.ShareBudget(shown.Select(c => c.Quote.Length).ToList(), DiscordLimits.EmbedTotal - fixedLength, DiscordLimits.EmbedDescription);
        for (var i = 0; i < embeds.Count; i++) embeds[i].Description = TextFitting.Truncate(shown[i].Quote.Trim(), allowances[i]);
        var content = citations.Count > shown.Count
            ? $"The passages this answer quoted (first {shown.Count} of {citations.Count}):"
            : "The passages this answer quoted:";
        return new MessagePayload { Content = content, Embeds = embeds, Flags = MessageFlags.Ephemeral };
    }

    /// <summary>The /sources listing: one field per corpus file.</summary>
    public static MessagePayload RenderSources(IReadOnlyList<SourceInfo> sources, bool ephemeral = true)
    {
        if (sources.Count == 0) return MessagePayload.Text("The corpus is empty.", ephemeral);
        var shown = sources.Take(DiscordLimits.EmbedFields).ToList();
        var embed = new Embed
        {
            Title = $"Corpus: {sources.Count} document(s)",
            Color = SourcesColor,
            Footer = sources.Count > shown.Count ? new EmbedFooter { Text = $"{sources.Count - shown.Count} more not shown." } : null,
        };
        var fields = shown.Select(s => new FieldParts(
            OneLine(s.Metadata.Title),
            string.Join(" · ", new[] { s.Metadata.Outlet, s.Metadata.Author, s.Metadata.Date, SafeUrl(s.Metadata.Url), $"`{s.Source}`" }
                .Where(x => !string.IsNullOrWhiteSpace(x))),
            s.DuplicateOf is null ? "" : $"largely repeats {s.DuplicateOf}")).ToList();
        embed.Fields = FitFields(fields, DiscordLimits.EmbedTotal - (embed.Title.Length + (embed.Footer?.Text.Length ?? 0)), quoted: false);
        return new MessagePayload { Embeds = [embed], Flags = ephemeral ? MessageFlags.Ephemeral : null };
    }

    private sealed record FieldParts(string Name, string Meta, string Body);

    /// <summary>
    /// Builds fields whose names and values stay within their limits and whose total stays within
    /// <paramref name="budget"/>: bodies (quotes) share what names and meta lines leave; when even that is
    /// not enough, names and meta lines are shortened, and as a last resort trailing fields are dropped.
    /// </summary>
    private static List<EmbedField> FitFields(List<FieldParts> parts, int budget, bool quoted)
    {
        for (var nameCap = DiscordLimits.FieldName; ; nameCap = Math.Max(16, nameCap / 2))
        {
            var metaCap = Math.Min(400, nameCap * 2);
            var names = parts.Select(p => TextFitting.Truncate(p.Name, nameCap)).ToList();
            var metas = parts.Select(p => p.Meta.Length <= metaCap ? p.Meta : TextFitting.Truncate(p.Meta, metaCap)).ToList();
            // Quote lines carry "> " and a newline after the meta line.
            var overhead = parts.Select((p, i) => names[i].Length + metas[i].Length + (metas[i].Length > 0 && p.Body.Length > 0 ? 1 : 0) + (quoted && p.Body.Length > 0 ? 2 : 0)).ToList();
            var left = budget - overhead.Sum();
            var minBodies = parts.Sum(p => Math.Min(p.Body.Length, MinQuote));
            if (left >= minBodies || nameCap == 16)
            {
                if (left < minBodies && parts.Count > 1)
                    return FitFields(parts.Take(parts.Count - 1).ToList(), budget, quoted);
                var caps = overhead.Select((o, i) => DiscordLimits.FieldValue - (o - names[i].Length)).ToList();
                var allowances = TextFitting.ShareBudget(parts.Select(p => p.Body.Length).ToList(), Math.Max(0, left), DiscordLimits.FieldValue);
                return parts.Select((p, i) =>
                {
                    var body = p.Body.Length == 0 ? "" : TextFitting.Truncate(p.Body, Math.Min(allowances[i], caps[i]));
                    var value = metas[i];
                    if (body.Length > 0) value = (value.Length > 0 ? value + "\n" : "") + (quoted ? "> " : "") + body;
                    if (value.Length == 0) value = "\u200b"; // a field value may not be empty
                    return new EmbedField { Name = names[i].Length == 0 ? "\u200b" : names[i], Value = TextFitting.Truncate(value, DiscordLimits.FieldValue) };
                }).ToList();
            }
        }
    }

    private static string OneLine(string? text) => string.Join(' ', (text ?? "").Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Only absolute http(s) URLs: Discord rejects the whole message for an invalid embed URL.</summary>
    private static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) && url!.Length <= 512 ? url : null;
}
