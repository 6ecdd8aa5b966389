using System.Text.RegularExpressions;

namespace ChatBot.Core.Conversations;

/// <summary>What a follow-up asks of the conversation itself, beyond a question that can be rewritten to stand alone.</summary>
public enum FollowUpIntent
{
    /// <summary>A question: answered by the engine (rewritten first when it leans on the conversation).</summary>
    None,
    /// <summary>"who said that?": the speaker of the quote just shown.</summary>
    WhoSaid,
    /// <summary>"what else did he say?": that speaker's other quotes not yet shown.</summary>
    WhatElseSaid,
    /// <summary>"tell me more": the next most relevant passage not yet shown.</summary>
    TellMore,
    /// <summary>"which article is that from?", "who wrote it?": the source of what was just shown.</summary>
    WhichSource,
    /// <summary>"what did X say about Y?", "what does he think of Y?": the quote of that speaker about Y.</summary>
    SaidAbout,
    /// <summary>"did anyone dispute that?", "was that challenged?": the reply to what was just shown, reported after it.</summary>
    Disputed,
}

/// <summary>
/// Reads what a follow-up asks of the conversation, by English frames only ("who said that", "what else
/// did she say", "tell me more", "which document is that from", "who wrote it"). A leading connective
/// ("and", "ok so", "but then") is dropped first: people open follow-ups with them.
/// </summary>
public static partial class FollowUpReader
{
    /// <summary>The question without the connectives it opens with ("ok, so what else…" → "what else…"); the question itself when nothing else is left.</summary>
    public static string WithoutConnective(string question)
    {
        var stripped = LeadingConnective().Replace(question.Trim(), "");
        return stripped.Any(char.IsLetterOrDigit) ? stripped : question.Trim();
    }

    /// <summary>What <paramref name="question"/> asks of the conversation, and for "what else did X say" the X it names (null for a pronoun).</summary>
    public static (FollowUpIntent Intent, string? Named) Read(string question)
    {
        var (intent, named, _) = ReadWithTopic(question);
        return (intent, named);
    }

    /// <summary>As <see cref="Read"/>, with the Y of "what did X say about Y?" (<see cref="FollowUpIntent.SaidAbout"/>; null otherwise).</summary>
    public static (FollowUpIntent Intent, string? Named, string? Topic) ReadWithTopic(string question)
    {
        var q = WithoutConnective(question);
        if (WhoSaid().IsMatch(q)) return (FollowUpIntent.WhoSaid, null, null);
        if (WhatElseSaid().Match(q) is { Success: true } m)
        {
            var who = m.Groups["who"].Value;
            return (FollowUpIntent.WhatElseSaid, Pronoun().IsMatch(who) ? null : who, null);
        }
        if (TellMore().IsMatch(q)) return (FollowUpIntent.TellMore, null, null);
        if (WhichSource().IsMatch(q) || Author().IsMatch(q)) return (FollowUpIntent.WhichSource, null, null);
        if (Disputed().IsMatch(q)) return (FollowUpIntent.Disputed, null, null);
        if (SaidAbout().Match(q) is { Success: true } about)
        {
            var who = about.Groups["who"].Value;
            return (FollowUpIntent.SaidAbout, Pronoun().IsMatch(who) ? null : who, about.Groups["topic"].Value);
        }
        return (FollowUpIntent.None, null, null);
    }

    /// <summary>
    /// Whether <paramref name="question"/> asks who wrote what was shown ("who wrote it?", "who prepared them?", "who is the
    /// author?"): its answer names a person, the one "she" stands for next.
    /// </summary>
    public static bool AsksForAuthor(string question) =>
        WithoutConnective(question) is var q && Author().IsMatch(q) && q.StartsWith("who", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="words"/> is a person pronoun or a phrase standing for the person in focus ("she", "him", "that man").</summary>
    public static bool IsPersonPronoun(string words) => Pronoun().IsMatch(words.Trim());

    /// <summary>
    /// Whether <paramref name="question"/> asks for things beyond those already given ("what else came in that release?",
    /// "what other meetings are there?", "which other agencies…", "anything besides…"): the sentences the conversation showed
    /// are not its answer.
    /// </summary>
    public static bool AsksForOthers(string question) => Others().IsMatch(WithoutConnective(question));

    [GeneratedRegex(@"\b(what|which|who|where|when|how)\s+else\b|\b(what|which|any|some)\s+other\b|\banother\b|\bbesides\b", RegexOptions.IgnoreCase)]
    private static partial Regex Others();

    [GeneratedRegex(@"^\s*((and|but|so|ok|okay|alright|right|well|then|also|now|hmm+|oh)\b[\s,;:.!-]*)+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingConnective();

    [GeneratedRegex(@"^(he|she|they|him|her|them|that\s+(person|man|woman|guy)|the\s+same\s+(person|speaker))$", RegexOptions.IgnoreCase)]
    private static partial Regex Pronoun();

    // "who said that?", "who says so", "who was that?", "whose words are those?", "who is that quote from?", "who is quoted there?"
    [GeneratedRegex(@"^(who|whom)\s+(said|says|say|stated|states|told\s+(them|us|him|her|reporters)|tweeted|claimed|claims)\s+(that|this|it|so|those\s+words|these\s+words|the\s+quote|that\s+quote|this\s+quote|that\s+remark|that\s+comment)\b(?!\s+(article|document|piece|story|report))\s*[?.!]*\s*$|^who\s+(was|is)\s+(that|this|it)\s*(quote\s*)?[?.!]*\s*$|^(who|whom)\s+(is|was)\s+(that|this|the)\s+(quote|remark|comment|statement)\s+(from|by)\s*[?.!]*\s*$|^whose\s+(words|quote|remark|comment|statement|line)s?\s+(is|was|are|were)\s+(that|this|it|those|these)\s*[?.!]*\s*$|^who\s+(is|was)\s+(being\s+)?(quoted|speaking|talking)\b|^(who|whom)\s+(is|was)\s+(that|this|it)\s+from\s*[?.!]*\s*$|^(who|whom)\s+did\s+(they|you)\s+quote\b|^who\s+said\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex WhoSaid();

    // "what else did he say?", "did she say anything else?", "anything else from him?", "other quotes from them?", "more from Ruiz"
    [GeneratedRegex(@"^what\s+else\s+(did|does|has|had|do|would)\s+(?<who>.+?)\s+(say|said|tell|told|add|added|mention|mentioned|think|argue|claim|note|quote|comment)\b|^(did|does|has|had)\s+(?<who>.+?)\s+(say|said|add|added|mention|mentioned|tell|told)\s+anything\s+else\b|^(anything|something)\s+else\s+(from|by)\s+(?<who>.+?)\s*[?.!]*$|^(any\s+)?(other|more)\s+(quotes|things|remarks|comments)\s+(from|by)\s+(?<who>.+?)\s*[?.!]*$|^more\s+from\s+(?<who>.+?)\s*[?.!]*$|^what\s+other\s+things?\s+did\s+(?<who>.+?)\s+say\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhatElseSaid();

    // "what did ana ortiz say about her?", "what does he think of the plan?", "how did she feel about the decision?"
    [GeneratedRegex(@"^(what|how)\s+(did|does|do|has|had|would|will)\s+(?<who>[\p{L}][\p{L}'’.\- ]*?)\s+(say|said|think|thought|feel|felt|write|wrote|argue|argued|mean)\s+(about|of|on|regarding)\s+(?<topic>[^?.!]+?)\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SaidAbout();

    // "did anyone dispute that?", "has anybody challenged this claim?", "was that questioned?", "who disputed it?", "did anyone
    // disagree with him?". A named subject ("did the union dispute that?") is a question for the engine: its words find it.
    [GeneratedRegex(@"^((did|does|has|have|had)\s+(any\s*one|any\s*body|some\s*one|some\s*body)|who(\s+(has|had))?)\s+(dispute[sd]?|question(s|ed)?|challenge[sd]?|den(y|ies|ied)|contradict(s|ed)?|contest(s|ed)?|reject(s|ed)?|rebut(s|ted)?|criti(ci[sz]e[sd]?)|disagree[sd]?(\s+with)?|push(es|ed)?\s+back\s+on)\s+(that|this|it|him|her|them|those|these|the\s+(claim|account|figure|number|statement|view))(\s+(claim|account|figure|number|statement|view))?\s*[?.!]*\s*$|^(was|is|were|has|had)\s+(that|this|it|the\s+(claim|account|figure|number|statement))\s+(been\s+)?(disputed|questioned|challenged|denied|contradicted|contested|rejected|rebutted|criticised|criticized)(\s+by\s+(any\s*one|any\s*body))?\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Disputed();

    // "tell me more", "more", "go on", "what else?", "anything else?", "can you elaborate?", "more details please"
    [GeneratedRegex(@"^((please\s+)?(tell|show|give)\s+me\s+more(\s+(about\s+(that|this|it)|on\s+(that|this|it)|details|info|information))?|more(\s+(please|details|info|information))?|go\s+on|continue|keep\s+going|what\s+else(\s+(is\s+there|do\s+(they|the\s+\w+)\s+say))?|anything\s+else|(can|could|would)\s+you\s+(please\s+)?(tell\s+me\s+more|say\s+more|elaborate|expand(\s+on\s+(that|this|it))?|go\s+on|continue)|elaborate|expand\s+on\s+(that|this|it)|(any|some)\s+more(\s+(details|info|information))?|and\s+then)\s*(please)?\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TellMore();

    // "which article is that from?", "which document says that?", "what's the source?", "where is that from?"; not "which newspaper's reporting does it cite?"
    [GeneratedRegex(@"^(which|what)\s+(\w+\s+)?(article|document|doc|source|story|piece|page|file|paper|newspaper|outlet|publication|report|site|website)s?\b(?!')(?!’)(\s+(is|was|are|were)\s+(that|this|it|those|these)(\s+(from|in))?|\s+(says|said|say|reports|reported|mentions|mentioned|has|had|is\s+it|was\s+it|does\s+(that|this|it)\s+come\s+from|did\s+(that|this|it)\s+come\s+from)(\s+(that|this|it|so))?|\s+(is|was)\s+(that|this|it)\s+(in|from))\s*[?.!]*\s*$|^where\s+(is|was|did|does)\s+(that|this|it)\s+(come\s+)?from\s*[?.!]*\s*$|^where\s+(did|do|does)\s+(you|they)\s+(get|read|find)\s+(that|this|it)\b|^(what|which)\s*('s|’s|\s+is|\s+was|\s+are|\s+were)\s+(the|your|its|that's|that)\s+sources?(\s+(of|for)\s+(that|this|it))?\s*[?.!]*\s*$|^(the\s+)?sources?\s*[?!]+\s*$|^(in|from)\s+which\s+(article|document|source|story|report)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhichSource();

    // "who wrote it?", "who wrote that article?", "who reported that?", "who prepared them?", "who is the author?", "who was it written by?",
    // "when was it published?" (the source's label carries its date). Not "when was it released?": that is a product's release.
    [GeneratedRegex(@"^when\s+(was|were)\s+(it|this|that|they|these|those|the\s+(article|piece|story|document|report|doc|notes|notices|minutes|page))\s+(published|written|posted|dated)\s*[?.!]*\s*$|^who\s+(wrote|authored|penned|published|reported|prepared|compiled|drafted)\s+(it|this|that|them|these|those|the\s+(article|piece|story|document|report|doc))(\s+(article|piece|story|document|report|doc))?\s*[?.!]*\s*$|^who\s*('s|’s|\s+is|\s+was)\s+(the|its|the\s+article's|the\s+document's)\s+(author|writer|reporter)\b|^who\s+(was|is)\s+(it|that|this)\s+(written|published|reported)\s+by\s*[?.!]*\s*$|^(what|which)\s+outlet\s+(published|ran|printed)\s+(it|this|that)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Author();
}
