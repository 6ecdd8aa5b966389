using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatBot.Core.Answering;

namespace ChatBot.Teams.Rendering;

/// <summary>What a rendered answer carries; each part is optional so the size budget can shed them.</summary>
internal sealed record RenderedAnswer(string Text, JsonObject? CitationsEntity, JsonObject? Card);

/// <summary>
/// Renders an <see cref="Answer"/> for Teams: the text with its [n] markers, Teams' AI-generated-content
/// entity with the citations (what Teams turns into hoverable [n] references whose pop-up shows the whole
/// passage), and an Adaptive Card listing the sources with feedback buttons. Keeps the whole activity
/// under Teams' 28 KB limit by giving up, in turn, the passages in the pop-ups, length of the card's
/// quotes, card sources, the card, and last the length of the text.
/// </summary>
internal static partial class AnswerRenderer
{
    /// <summary>Teams refuses activities larger than this (413 RequestEntityTooLarge).</summary>
    public const int MaxActivityBytes = 28 * 1024;

    /// <summary>What we aim for, leaving room for fields the connector adds.</summary>
    public const int ActivityBudgetBytes = MaxActivityBytes - 1024;

    /// <summary>Teams shows at most this many citations.</summary>
    public const int MaxCitations = 10;

    public const string FeedbackAction = "chatbot.feedback";

    /// <summary>The field of a feedback button's data holding the answer's id (the only thing it carries besides 👍/👎).</summary>
    public const string AnswerIdField = "answer_id";
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    // Documented limits of citation.appearance: name ≤ 80, abstract ≤ 160, ≤ 3 keywords of ≤ 28.
    private const int MaxCitationName = 80;
    private const int MaxAbstract = 160;
    private const int MaxKeyword = 28;

    private static readonly int[] QuoteLimits = [600, 300, 160, 80, 0];

    /// <summary>Longest passage put in a citation's pop-up (the engine quotes at most 700 characters; an LLM's quotes may run longer).</summary>
    private const int MaxPassageChars = 2000;

    /// <summary>
    /// Builds the largest rendering of <paramref name="answer"/> for which <paramref name="wrap"/>
    /// (the activity around it) stays within the budget.
    /// </summary>
    public static JsonObject Fit(Answer answer, bool withFeedback, Func<RenderedAnswer, JsonObject> wrap, int budgetBytes = ActivityBudgetBytes)
    {
        var citations = answer.Answered ? answer.Citations : [];
        if (citations.Count == 0) return FitText(answer.Text, null, null, wrap, budgetBytes);

        // The pop-ups' passages go before the card's quotes are cut below 300 characters: the card is what everyone sees.
        var withPassages = CitationsEntity(citations, answer.Text, withPassages: true);
        var entity = CitationsEntity(citations, answer.Text);
        foreach (var (candidate, quoteLimit) in QuoteLimits.Take(2).Select(q => (withPassages, q)).Concat(QuoteLimits.Select(q => (entity, q))))
        {
            var activity = wrap(new RenderedAnswer(answer.Text, candidate, SourcesCard(answer, citations.Count, quoteLimit, withFeedback)));
            if (Size(activity) <= budgetBytes) return activity;
        }
        for (var shown = citations.Count - 1; shown >= 1; shown--)
        {
            var activity = wrap(new RenderedAnswer(answer.Text, entity, SourcesCard(answer, shown, 0, withFeedback)));
            if (Size(activity) <= budgetBytes) return activity;
        }
        return FitText(answer.Text, entity, null, wrap, budgetBytes);
    }

    /// <summary>Outgoing activities are written with this: non-ASCII text stays UTF-8 instead of 6-byte \u escapes.</summary>
    public static readonly JsonSerializerOptions WireOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize(JsonObject activity) => JsonSerializer.SerializeToUtf8Bytes(activity, WireOptions);

    public static int Size(JsonObject activity) => Serialize(activity).Length;

    private static JsonObject FitText(string text, JsonObject? entity, JsonObject? card, Func<RenderedAnswer, JsonObject> wrap, int budgetBytes)
    {
        var activity = wrap(new RenderedAnswer(text, entity, card));
        if (Size(activity) <= budgetBytes) return activity;
        // Shorten the text until it fits: binary search on its length.
        int low = 0, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Size(wrap(new RenderedAnswer(Truncate(text, mid), entity, card))) <= budgetBytes) low = mid;
            else high = mid - 1;
        }
        return wrap(new RenderedAnswer(Truncate(text, low), entity, card));
    }

    /// <summary>
    /// Teams' AI-generated-content message entity with up to 10 citations. With <paramref name="withPassages"/>,
    /// each citation's pop-up also shows its whole passage (appearance.text: a stringified Adaptive Card).
    /// </summary>
    public static JsonObject CitationsEntity(IReadOnlyList<Citation> citations, string answerText = "", bool withPassages = false)
    {
        var claims = new JsonArray();
        foreach (var citation in citations.Take(MaxCitations))
        {
            var appearance = new JsonObject
            {
                ["@type"] = "DigitalDocument",
                ["name"] = Truncate(citation.Title, MaxCitationName),
                ["abstract"] = Excerpt(citation.Quote, answerText, MaxAbstract),
            };
            if (IsWebUrl(citation.Url)) appearance["url"] = citation.Url;
            if (!string.IsNullOrWhiteSpace(citation.Outlet)) appearance["keywords"] = new JsonArray(Truncate(citation.Outlet, MaxKeyword));
            if (withPassages && !string.IsNullOrWhiteSpace(citation.Quote))
            {
                appearance["text"] = PassageCard(citation).ToJsonString(WireOptions);
                appearance["encodingFormat"] = AdaptiveCardContentType;
            }
            claims.Add(new JsonObject { ["@type"] = "Claim", ["position"] = citation.N, ["appearance"] = appearance });
        }
        return new JsonObject
        {
            ["type"] = "https://schema.org/Message",
            ["@type"] = "Message",
            ["@context"] = "https://schema.org",
            ["@id"] = "",
            ["additionalType"] = new JsonArray("AIGeneratedContent"),
            ["citation"] = claims,
        };
    }

    /// <summary>The card a citation's pop-up shows: the passage, then where it is from.</summary>
    private static JsonObject PassageCard(Citation citation) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = "1.5",
        ["body"] = new JsonArray(
            TextBlock(Truncate(citation.Quote, MaxPassageChars)),
            TextBlock(string.Join(" · ", new[] { citation.Outlet, citation.Source }.Where(s => !string.IsNullOrWhiteSpace(s))), ("isSubtle", true), ("size", "Small"))),
    };

    /// <summary>An Adaptive Card 1.5 listing the first <paramref name="shown"/> sources, quotes cut to <paramref name="quoteLimit"/> characters (0: none).</summary>
    public static JsonObject SourcesCard(Answer answer, int shown, int quoteLimit, bool withFeedback)
    {
        var body = new JsonArray { TextBlock("Sources", ("weight", "Bolder"), ("size", "Medium")) };
        var citations = answer.Citations;
        foreach (var citation in citations.Take(shown))
        {
            var items = new JsonArray { TextBlock($"[{citation.N}] {citation.Title}", ("weight", "Bolder")) };
            if (!string.IsNullOrWhiteSpace(citation.Outlet)) items.Add(TextBlock(citation.Outlet, ("isSubtle", true), ("spacing", "None")));
            if (quoteLimit > 0 && !string.IsNullOrWhiteSpace(citation.Quote)) items.Add(TextBlock($"“{Excerpt(citation.Quote, answer.Text, quoteLimit)}”"));
            var container = new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = items };
            if (IsWebUrl(citation.Url))
                items.Add(new JsonObject
                {
                    ["type"] = "ActionSet",
                    ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open the article", ["url"] = citation.Url }),
                });
            body.Add(container);
        }
        if (shown < citations.Count)
            body.Add(TextBlock($"{citations.Count - shown} more source(s) are cited in the message.", ("isSubtle", true)));

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (withFeedback && answer.AnswerId is not null) card["actions"] = new JsonArray(FeedbackButton(answer, true), FeedbackButton(answer, false));
        return new JsonObject { ["contentType"] = AdaptiveCardContentType, ["content"] = card };
    }

    /// <summary>
    /// Action.Submit whose data comes back as a message activity's `value` when pressed: the answer's id
    /// and 👍/👎 only. The server keeps the answer; a card echoing its text back could be edited by anyone.
    /// </summary>
    private static JsonObject FeedbackButton(Answer answer, bool helpful) => new()
    {
        ["type"] = "Action.Submit",
        ["title"] = helpful ? "👍 Helpful" : "👎 Not helpful",
        ["data"] = new JsonObject
        {
            ["action"] = FeedbackAction,
            ["helpful"] = helpful,
            [AnswerIdField] = answer.AnswerId,
        },
    };

    internal static JsonObject TextBlock(string text, params (string Key, JsonNode? Value)[] extra)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        foreach (var (key, value) in extra) block[key] = value;
        return block;
    }

    /// <summary>
    /// The sources as Markdown under the answer, for replies that cannot carry the citations entity (the
    /// outgoing webhook: Teams shows the reply's text and cards only): one line a source, "[n] Title — Outlet",
    /// the title a link to the original when it has a web address.
    /// </summary>
    public static string SourcesText(IReadOnlyList<Citation> citations)
    {
        var text = new StringBuilder("**Sources**");
        foreach (var citation in citations)
        {
            var title = EscapeMarkdown(string.IsNullOrWhiteSpace(citation.Title) ? citation.Source : citation.Title);
            text.Append("\n\n[").Append(citation.N).Append("] ");
            // A link target ends at the first ')': parentheses in the address are percent-encoded.
            text.Append(IsWebUrl(citation.Url) ? $"[{title}]({citation.Url!.Replace("(", "%28").Replace(")", "%29").Replace(" ", "%20")})" : title);
            if (!string.IsNullOrWhiteSpace(citation.Outlet)) text.Append(" — ").Append(EscapeMarkdown(citation.Outlet));
        }
        return text.ToString();
    }

    /// <summary>A title or outlet as literal text in Markdown: its brackets, emphasis and code marks escaped.</summary>
    private static string EscapeMarkdown(string text) => MarkdownSpecial().Replace(text.Trim(), @"\$0");

    [GeneratedRegex(@"[\\`*_\[\]<>#|~]")]
    private static partial Regex MarkdownSpecial();

    private static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>
    /// Up to <paramref name="max"/> characters of a quote, starting at the sentence that shares the
    /// most words with the answer: a passage's opening lines are often not the part the answer used.
    /// </summary>
    internal static string Excerpt(string quote, string answerText, int max)
    {
        quote = quote.Trim();
        if (quote.Length <= max || answerText.Length == 0) return Truncate(quote, max);
        var answerWords = Words(answerText);
        var best = 0;
        var bestScore = 0;
        foreach (var start in SentenceStarts(quote))
        {
            var end = quote.IndexOfAny(['.', '!', '?'], start);
            var sentence = quote[start..(end < 0 ? quote.Length : end + 1)];
            var score = Words(sentence).Count(answerWords.Contains);
            if (score > bestScore) (best, bestScore) = (start, score);
        }
        var excerpt = Truncate(quote[best..], max);
        return best > 0 && excerpt.Length < max ? "…" + excerpt : excerpt;
    }

    private static IEnumerable<int> SentenceStarts(string text)
    {
        yield return 0;
        foreach (Match match in SentenceBoundary().Matches(text)) yield return match.Index + match.Length;
    }

    private static HashSet<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length > 3).ToHashSet();

    [GeneratedRegex(@"[.!?][”""’']?\s+")]
    private static partial Regex SentenceBoundary();

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();

    /// <summary>Cuts at a word boundary when one is near, adding an ellipsis.</summary>
    internal static string Truncate(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max) return text;
        if (max <= 1) return max == 1 ? "…" : "";
        var cut = text[..(max - 1)];
        var space = cut.LastIndexOf(' ');
        if (space > max * 2 / 3) cut = cut[..space];
        if (char.IsHighSurrogate(cut[^1])) cut = cut[..^1];
        return cut.TrimEnd() + "…";
    }
}
