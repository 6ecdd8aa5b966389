using System.Text.RegularExpressions;
using ChatBot.Core.Search;

namespace ChatBot.Core.Answering;

/// <summary>What kind of thing a question asks for.</summary>
public enum AnswerType { Any, Person, Number, Date, Place, Organization, Statement, Definition, Age, Version, Time, Tally }

public static class AnswerTypes
{
    /// <summary>Types an answer can lead with: one item of the asked kind that the question does not already name.</summary>
    public static bool IsItem(this AnswerType type) =>
        type is AnswerType.Person or AnswerType.Number or AnswerType.Date or AnswerType.Place or AnswerType.Organization or AnswerType.Age
            or AnswerType.Version or AnswerType.Time or AnswerType.Tally;
}

/// <summary>What kind of answer a question wants (issue 15): one fact, a description, a summary, an overview, a yes or no, two facts.</summary>
public enum QuestionKind
{
    /// <summary>One fact: who / what / when / where / how many / which / why.</summary>
    Factoid,
    /// <summary>"Who is X?": the sentences that describe a person (appositives, roles).</summary>
    WhoIs,
    /// <summary>"What is X?", "X?": the sentences that define a term, organisation or acronym.</summary>
    WhatIs,
    /// <summary>"Is / was / did …?": the sentence that settles it.</summary>
    YesNo,
    /// <summary>"When and where …", "… and how many …": answered part by part.</summary>
    TwoPart,
    /// <summary>"What do the articles say about X", "tell me about X": several sentences across documents.</summary>
    Overview,
    /// <summary>"Summarize article 004": the central sentences of one document.</summary>
    Summary,
    /// <summary>"What is this about?": the central sentences of the whole corpus.</summary>
    CorpusSummary,
}

/// <summary>What a question may ask about a document itself rather than its text: who wrote it, when, and where it ran.</summary>
public enum DocumentField
{
    Author,
    Date,
    Outlet,
}

/// <summary>
/// The measure a number question asks for: <see cref="Measure"/> when it names one (money, a percentage, a size),
/// <see cref="CountOf"/> (an analysed noun) for "how many X". Both null: any number.
/// </summary>
public sealed record AskedMeasure(Measure? Measure, string? CountOf)
{
    /// <summary>"How often": a span of time the sentence says recurs ("every 5 minutes").</summary>
    public bool Interval { get; init; }

    public static readonly AskedMeasure Unspecified = new(null, null);
}

/// <summary>One part of a two-part question, with the type it asks for, its own terms, and (with the model) its own query vector.</summary>
public sealed record QuestionPart(string Text, AnswerType Type, IReadOnlyList<string> Terms)
{
    public ReadOnlyMemory<float>? Vector { get; init; }
}

/// <summary>
/// A question taken apart: its kind, the type of thing it asks for, its content terms (frame words
/// such as "who", "tell me", "the articles" left out), the names and numbers it mentions, and for
/// descriptions, overviews and summaries the subject or document it is about.
/// </summary>
public sealed record QuestionAnalysis(
    string Text,
    AnswerType Type,
    IReadOnlyList<string> Terms,
    IReadOnlySet<string> NameTerms,
    IReadOnlyList<string> SalientWords,
    bool IsInjection,
    bool IsSmallTalk)
{
    public QuestionKind Kind { get; init; } = QuestionKind.Factoid;

    /// <summary>Who or what a who-is / what-is / overview question is about ("Harriet Quillon", "dredging windows").</summary>
    public string? Subject { get; init; }

    /// <summary>"What does X stand for / mean": the answer must spell the acronym out.</summary>
    public bool AsksExpansion { get; init; }

    /// <summary>The analysed terms of <see cref="Subject"/>.</summary>
    public IReadOnlyList<string> SubjectTerms { get; init; } = [];

    /// <summary>For a summary, or a question about a document's author, date or outlet: the words that name the document ("article 2", "the Gazette article").</summary>
    public string? DocumentReference { get; init; }

    /// <summary>"Who wrote article 2?", "when was the Gazette piece published?": the manifest field asked for; null for other questions.</summary>
    public DocumentField? AsksDocumentField { get; init; }

    /// <summary>For a two-part question: its parts, in order.</summary>
    public IReadOnlyList<QuestionPart> Parts { get; init; } = [];

    /// <summary>The question embedded as a query, when an embedding model is configured (computed once per question).</summary>
    public ReadOnlyMemory<float>? Vector { get; init; }

    /// <summary>Terms the corpus does not have, replaced by the corpus term they are a misspelling of ("quilon" → "quillon").</summary>
    public IReadOnlyDictionary<string, string> Corrections { get; init; } = new Dictionary<string, string>();

    /// <summary>Acronyms the corpus never writes, with the terms of the name they stand for ("nha" → northshir, harbour, author).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Expansions { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Acronyms of the question the corpus writes and spells out ("rfb" → regional, flood, board): a sentence with the full name covers the acronym.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Aliases { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Job titles the question names, with the other forms of each the corpus writes ("cfo" → chief financial officer): <see cref="RoleTitles"/>.</summary>
    public IReadOnlyList<TitleForms> Titles { get; init; } = [];

    /// <summary>Sentences (source, unit index) not to answer with: in a conversation, those the last answer just showed.</summary>
    public IReadOnlySet<(string Source, int Unit)> Shown { get; init; } = new HashSet<(string, int)>();

    public bool HasContent => Terms.Count > 0;

    /// <summary>
    /// The terms the passage search looks for: the question's own, and the words of every other form of a job title it names
    /// that the corpus writes ("cfo" also finds "chief financial officer"). Weights and coverage stay on <see cref="Terms"/>.
    /// </summary>
    public IReadOnlyList<string> SearchTerms => Titles.Count == 0 ? Terms : Terms.Concat(Titles.SelectMany(t => t.Others.SelectMany(f => f))).Distinct().ToList();

    /// <summary>
    /// The question asks for a value as it was before a change ("what port did it use before 4.0?", "the old
    /// default", "originally"): a value the corpus says was replaced is then the answer, not one to pass over.
    /// </summary>
    public bool AsksForOld { get; } = QuestionAnalyzer.AsksForOld(Text);

    /// <summary>The question asks when something will happen ("when will it open?", "what year will the line be finished?").</summary>
    public bool AsksFuture { get; } = QuestionAnalyzer.AsksFuture(Text);

    /// <summary>Years the question fixes what it asks about to ("which month of 2032"): <see cref="QuestionAnalyzer.FixedYears"/>.</summary>
    public IReadOnlyList<int> FixedYears { get; } = QuestionAnalyzer.FixedYears(Text);

    /// <summary>
    /// The question asks about conditions at the moment it is asked ("what's the weather like today?", "is traffic bad right
    /// now?"), which a collection of documents, each written at its own date, cannot know.
    /// </summary>
    public bool AsksLive => QuestionAnalyzer.AsksLive(Text);

    /// <summary>"Where did she work before?", "where was he employed?": the question asks for an employer.</summary>
    public bool AsksEmployer { get; } = QuestionAnalyzer.AsksEmployer(Text);

    /// <summary>The measure a number question asks for ("how much does it cost": money; "how many hours": a count of hours).</summary>
    public AskedMeasure Measure { get; init; } = AskedMeasure.Unspecified;

    /// <summary>The question asks for one kind of item (a person, a number, ...) that an answer can lead with.</summary>
    public bool AsksForItem => Type.IsItem();
}

/// <summary>
/// Reads a question by general English cues only. The kind comes from its frame ("who is X", "what do
/// the articles say about X", "summarize …", an auxiliary verb first, "… and when …"); the answer type
/// from its wh-word and head noun ("who" → a person, "how many" → a number, "which agency" → an
/// organisation, "what did X say" → a statement). Terms are the analysed content words minus the
/// question's frame words. Nothing here knows any corpus: names are resolved against the corpus later.
/// </summary>
public static partial class QuestionAnalyzer
{
    /// <summary>
    /// English words that shape a question rather than say what it is about (analysed forms): wh-words,
    /// auxiliaries and pronouns the stop list keeps, request phrases ("can you tell me"), and the words
    /// people use for the collection itself ("the articles", "the docs").
    /// </summary>
    private static readonly HashSet<string> FrameTerms = new(StringComparer.Ordinal)
    {
        "who", "whom", "whose", "what", "which", "when", "where", "why", "how", "did", "doe", "do", "done", "ha", "have", "had",
        "i", "me", "my", "you", "your", "we", "our", "us", "can", "could", "would", "should", "shall", "mai", "might", "must",
        "am", "been", "being", "he", "she", "him", "her", "hi", "it", "its", "them", "thei", "what'", "who'", "whats", "wat",
        "sai", "said", "tell", "know", "pleas", "give", "mention", "describ", "explain", "kind", "sort",
        "articl", "corpu", "doc", "stori", "piec",
        "some", "ani", "anyth", "someth", "thing", "about", "also", "just", "realli", "actual", "exactli", "roughli", "approxim",
        "like", "want", "happen", "mani", "much",
    };

    /// <summary>
    /// English function words Lucene's short stop list keeps (analysed forms): auxiliaries ("were", "being", "get"),
    /// indefinite pronouns ("anyone"), quantifiers, "per" and "via", conjunctions and adverbs of degree or time ("because",
    /// "so", "ever", "again", "yet"), negated auxiliaries ("doesn't"), and request nouns ("info on", "details about"). They
    /// say how a question is put, not what it is about, yet with the idf of a rare word they weighed in its coverage: "has the
    /// loan been approved yet?" counted "yet" against the sentence saying it was not. Prepositions stay terms: leaving them
    /// out lost four train questions ("where is it coming from" over "… from X", "take over", "while it stays down").
    /// </summary>
    private static readonly IReadOnlySet<string> FunctionWords = SearchAnalyzer.Shared.Terms(
        "were being been am get gets got gotten getting become becomes became becoming " +
        "anyone anybody everyone everybody everything someone somebody nobody nothing none each every either neither other others another " +
        "more most few both same per via " +
        "because so too very ever yet still already again only even whether however else here " +
        "info details detail doesn't don't didn't isn't wasn't aren't weren't won't can't cannot couldn't shouldn't wouldn't hasn't haven't hadn't")
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Analysed nouns that name the kind of value a question asks for rather than what it is about: an amount ("cost",
    /// "price", "fee", "salary"), a time or duration ("time", "often", "long", "limit"), a share ("percentage", "rate"), a
    /// count ("total", "amount"), a date ("date", "year"), a vote ("vote", "tally", "margin"), money itself ("how much money"), the
    /// dimension of "how high / deep / far / old" (a sentence giving "7.9 metres" rarely says "high"), a version (a changelog
    /// entry under "4.1.0" does not say "version"); and the kind of organisation or
    /// place "which …" asks for ("agency", "think tank", "newspaper", "city"): a sentence naming the thing rarely repeats its kind.
    /// </summary>
    public static readonly IReadOnlySet<string> MeasureNouns = SearchAnalyzer.Shared.Terms(
        "cost costs price fee fees salary wage wages stipend pay paid charge worth money cash time often frequently long limit duration " +
        "high deep tall wide far heavy big large old " +
        "percentage percent proportion rate total amount date year vote tally margin version " +
        "party agency organisation organization group department ministry company firm bureau newspaper outlet institution " +
        "think tank university network channel country city town region place").ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// "Who runs / heads / leads / chairs X?": the analysed terms of the verb that asks for X's head, or empty. A sentence
    /// names the head by a title ("A. Okoro, director of X"), rarely with the verb.
    /// </summary>
    public static IReadOnlyList<string> LeadershipTerms(string question) =>
        LeadershipQuestion().Match(NormalizeFrame(question)) is { Success: true } m ? SearchAnalyzer.Shared.Terms(m.Groups["v"].Value) : [];

    [GeneratedRegex(@"\bwho\s+(?:is\s+|was\s+|currently\s+|now\s+)?(?<v>runs|ran|running|heads|headed|heading|leads|led|leading|manages|managed|managing|directs|directed|chairs|chaired|chairing|oversees|oversaw)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LeadershipQuestion();

    /// <summary>
    /// Words that name the head of a body, in general English ("director", "chief executive", "chair", "president"): a sentence
    /// holding one with a name answers "who runs X?" (<see cref="LeadershipTerms"/>).
    /// </summary>
    [GeneratedRegex(@"\b(" + HeadTitleWords + @")\b", RegexOptions.IgnoreCase)]
    public static partial Regex HeadTitle();

    private const string HeadTitleWords = "director|head|chief|chair|chairman|chairwoman|chairperson|president|leader|manager|executive|ceo|gm|commissioner|superintendent|principal|dean|convenor|convener|coordinator|governor|mayor";

    /// <summary>The analysed terms of <see cref="HeadTitle"/>'s words: where a sentence names the head it answers "who runs X?".</summary>
    public static readonly IReadOnlySet<string> HeadTitleTerms = SearchAnalyzer.Shared.Terms(HeadTitleWords.Replace('|', ' ')).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether a question asks for an employer (see <see cref="QuestionAnalysis.AsksEmployer"/>).</summary>
    public static bool AsksEmployer(string question) => EmployerQuestion().IsMatch(NormalizeFrame(question));

    /// <summary>
    /// The words of an employer question that say it asks about a career (analysed forms): "work", "worked", "employed",
    /// "job", "before", "previously". A sentence telling where someone worked says so with its own words ("joined from").
    /// </summary>
    public static readonly IReadOnlySet<string> CareerTerms = SearchAnalyzer.Shared.Terms(
        "work worked working works employed employer job career before previously prior earlier").ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether a question asks about live conditions (see <see cref="QuestionAnalysis.AsksLive"/>).</summary>
    public static bool AsksLive(string question) => LiveConditions().IsMatch(question);

    // Weather, a forecast, the temperature outside, traffic, or the time, asked of now: "today", "tonight", "tomorrow", "right now",
    // "at the moment", "this weekend"; and "what time is it".
    [GeneratedRegex(@"\b(weather|forecast|temperature\s+outside|traffic)\b[^?.!]*\b(today|tonight|tomorrow|right\s+now|now|at\s+the\s+moment|currently|this\s+(morning|afternoon|evening|weekend))\b|\b(today|tonight|tomorrow|right\s+now)\b[^?.!]*\b(weather|forecast)\b|^\s*what\s+time\s+is\s+it\b", RegexOptions.IgnoreCase)]
    private static partial Regex LiveConditions();

    /// <summary>Whether a question asks for a value as it was before a change (see <see cref="QuestionAnalysis.AsksForOld"/>).</summary>
    public static bool AsksForOld(string question) => OldValueQuestion().IsMatch(question);

    /// <summary>Whether a question asks when something will happen (see <see cref="QuestionAnalysis.AsksFuture"/>).</summary>
    public static bool AsksFuture(string question) => FutureWhen().IsMatch(question);

    // "when will …", "by when will …", "what date will …", "when is it expected to / due to / going to …".
    [GeneratedRegex(@"\b(when|(what|which)\s+(date|day|month|year))\s+will\b|\bwhen\s+(is|are)\b[^?]*\b(going|due|expected|scheduled|set|planned)\s+to\b", RegexOptions.IgnoreCase)]
    private static partial Regex FutureWhen();

    /// <summary>
    /// Years the question fixes what it asks about to ("which month of 2032", "when in 2032 was it closed", "during 2030"):
    /// a year after "in", "of", "during" or "throughout", not one that only names a thing ("the 2030 survey").
    /// </summary>
    public static IReadOnlyList<int> FixedYears(string question)
    {
        if (!question.AsSpan().ContainsAnyInRange('0', '9')) return [];
        return FixedYear().Matches(question).Select(m => int.Parse(m.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    [GeneratedRegex(@"\b(in|of|during|throughout)\s+((early|late|mid)[\s\-]+)?(?<y>(1[6-9]|20)\d{2})(?![\d\-–/]|\.\d)", RegexOptions.IgnoreCase)]
    private static partial Regex FixedYear();

    [GeneratedRegex(@"\b(old|older|previous|previously|before|formerly|former|originally|original|earlier|prior|used\s+to|until|pre-\w+|changed?\s+from|replaced)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OldValueQuestion();

    /// <summary>
    /// The analysed noun that names the kind of item asked for: "port" in "what port does it use", "release" in
    /// "which release added it"; null when the wh-word is followed by a verb or a frame word ("what is"). Not after
    /// "how many / how much": the counted noun is often a compound whose first word names something else
    /// ("how much disk space" is not asked of the item nearest "disk").
    /// </summary>
    public static string? HeadNoun(string question)
    {
        var m = HeadNounPattern().Match(question);
        if (!m.Success) return null;
        var terms = SearchAnalyzer.Shared.Terms(m.Groups["h"].Value);
        return terms is [var t] && !FrameTerms.Contains(t) ? t : null;
    }

    [GeneratedRegex(@"\b(what|which)\s+(?<h>[\p{L}][\p{L}\-]*)", RegexOptions.IgnoreCase)]
    private static partial Regex HeadNounPattern();

    /// <summary>
    /// The measure a number question names: money ("how much does it cost", "what is the fee", "how much money"),
    /// a percentage ("what percentage", "an election's turnout"), a size ("size limit", "max upload"; not "how big", said of trade and
    /// teams as much as of files), or "how many X" (a count of X).
    /// "How much" before a verb asks an amount of money ("how much will the scheme give out"); before a noun, an
    /// amount of that thing ("how much disk space"), which names no measure here.
    /// </summary>
    public static AskedMeasure MeasureAsked(string question)
    {
        if (PercentAsked().IsMatch(question)) return new(Measure.Percent, null);
        // "How much will fares go up?", "how much did turnout fall?": a change, said as an amount or a share alike ("by $5", "9.5 per cent").
        if (ChangeAsked().IsMatch(question) && !ExplicitMoney().IsMatch(question)) return AskedMeasure.Unspecified;
        if (MoneyAsked().IsMatch(question) || PayQuestion().IsMatch(question)) return new(Measure.Money, null);
        // "How often …": an interval ("every 5 minutes", "30m"), not a count of something else ("five locations").
        if (HowOften().IsMatch(question)) return new(Measure.Time, null) { Interval = true };
        if (SizeAsked().IsMatch(question)) return new(Measure.Size, null);
        // "How long does it wait / take / last …": a span of time ("30 seconds"), not a count of retries ("3 or 4").
        if (HowLongFor().IsMatch(question)) return new(Measure.Time, null);
        var many = HowManyNoun().Match(question);
        if (many.Success && SearchAnalyzer.Shared.Terms(many.Groups["n"].Value) is [var t] && !FrameTerms.Contains(t)) return new(null, t);
        return AskedMeasure.Unspecified;
    }

    // An interest, inflation or unemployment rate is a share ("3.5%"), unlike a pay rate or a bare "rate" ("£21.40 an hour").
    // A turnout is not always one: a vote's is a share, a meeting's a head count ("41 in the room").
    [GeneratedRegex(@"\b(percentage|percent|per\s+cent|proportion|turnout\b[^?]*\b(election|vote|poll|ballot|referendum)|(election|vote|poll|ballot|referendum)\w*\s+turnout|(interest|inflation|unemployment|vacancy)\s+rates?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PercentAsked();

    [GeneratedRegex(@"\bhow\s+much\s+(money|cash|(is|are|was|were|does|do|did|will|would|can|could|should|has|have|had|it|they|we|you|i)\b)|\b(cost|costs|price|prices|priced|fee|fees|salary|wage|wages|stipend|pay|paid|charge|charged|budget|grant)\b.*\bhow\s+much\b|\bhow\s+much\b.*\b(cost|costs|price|fee|fees|salary|wage|stipend|pay|paid|charge|charged|spend|spent|earn|earns|worth|budget|grant|give|gives|given|raise|raised|owe)\b|\b(what|which)\b.*\b(price|cost|fee|salary|wage|stipend|pay\s+rate|hourly\s+rate)\b|^(?!\s*(who|whom|when|where|why|how|is|are|was|were|do|does|did|can|could|should|will|would)\b)[^?]{0,60}\b(price|cost|fee|salary|wage|stipend|budget|deposit)s?\s*\?+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex MoneyAsked();

    [GeneratedRegex(@"\b(size|payload|file|upload|attachment|message|body|request|disk|storage|memory)\s+(limit|size|cap|maximum|max)\b|\bmax(imum)?\s+(size|payload|upload)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SizeAsked();

    // "What did students pay for …", "what does the Pro plan cost", "what is the director paid": an amount of money.
    [GeneratedRegex(@"^\s*what\s+(did|does|do|will|would|should|can)\b[^?]*\b(pay|cost|charge|earn|spend|owe)\b|^\s*what(\s*['’]s|s|\s+(is|was|are|were))\s+[^?]*\b(paid|charged)\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PayQuestion();

    [GeneratedRegex(@"\bhow\s+much\b[^?]*?\b(go(es)?\s+(up|down)|went\s+(up|down)|gone\s+(up|down)|rise|rises|rose|risen|increase|increases|increased|grow|grows|grew|grown|fall|falls|fell|fallen|drop|drops|dropped|climb|climbs|climbed|jump|jumped|shrink|shrank|decrease|decreases|decreased)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeAsked();

    [GeneratedRegex(@"\b(money|cash|dollars?|pounds?|euros?|cost|costs|price|prices|fee|fees|salary|wage|wages|pay|paid|spend|spent)\b|[$£€]", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitMoney();

    // "how long does it wait", "how long will the work take", "how long is the link valid": the verb says the length is one of time.
    [GeneratedRegex(@"\bhow\s+long\b[^?]*\b(wait|waits|waited|take|takes|took|last|lasts|lasted|stay|stays|keep|keeps|kept|retain|retains|retained|valid|delay|delays|pause|pauses|sleep|sleeps)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HowLongFor();

    [GeneratedRegex(@"\bhow\s+(often|frequently)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HowOften();

    [GeneratedRegex(@"\bhow\s+many\s+(?<n>\p{L}[\p{L}\-]*)", RegexOptions.IgnoreCase)]
    private static partial Regex HowManyNoun();

    public static QuestionAnalysis Analyze(string question)
    {
        // "and who is X?", "ok so what …": the connective a follow-up opens with is not part of the question's frame.
        var text = Conversations.FollowUpReader.WithoutConnective(question);
        // A follow-up's carried terms ("what is she paid? (board, director)") are retrieval's, not part of a frame the follow-up
        // has of its own; an ellipsis ("and before that? (fee, paid)") has none, and is read with them as before.
        var own = Conversations.HeuristicFollowUpRewriter.WithoutCarried(text);
        var normalized = NormalizeFrame(own.Length < text.Length && WhOpening().IsMatch(own) ? own : text);
        var terms = ContentTerms(PoliteWrapper().Replace(FixFrameTypos(text), ""));
        var names = new HashSet<string>(StringComparer.Ordinal);
        var salient = new List<string>();
        foreach (Match m in CapitalisedWord().Matches(text))
        {
            if (IsSentenceInitial(text, m.Index) || QuestionWords().IsMatch(m.Value)) continue; // a capital at a sentence start says nothing
            salient.Add(m.Value);
            foreach (var t in SearchAnalyzer.Shared.Terms(m.Value)) names.Add(t);
        }
        foreach (Match m in Number().Matches(text)) salient.Add(m.Value.TrimEnd('.', ','));

        var analysis = new QuestionAnalysis(text, TypeOf(normalized), terms, names, salient, Injection().IsMatch(text), IsSmallTalkText(text));
        analysis = Classify(analysis, normalized);
        return analysis.Type == AnswerType.Number && analysis.Kind != QuestionKind.TwoPart ? analysis with { Measure = MeasureAsked(normalized) } : analysis;
    }

    /// <summary>Analysed content terms of a text (frame words left out), in order, without duplicates.</summary>
    public static List<string> ContentTerms(string text) =>
        SearchAnalyzer.Shared.Terms(text).Where(t => !FrameTerms.Contains(t) && !FunctionWords.Contains(t)).Distinct().ToList();

    /// <summary>
    /// The question with common misspellings of its frame words fixed ("wich" → "which") and a
    /// polite wrapper removed ("can you tell me who …" → "who …"), so the frame rules see its core.
    /// </summary>
    public static string NormalizeFrame(string text)
    {
        var t = FixFrameTypos(text).Replace("’", "'", StringComparison.Ordinal);
        // A question after a statement ("I read about X. What reason did they give?") is framed by its last sentence.
        var sentences = QuestionSentence().Matches(t).Select(m => m.Value.Trim()).Where(s => s.Length > 0).ToList();
        var core = sentences.Count > 1 && sentences[^1].EndsWith('?') && WhWord().IsMatch(sentences[^1]) ? sentences[^1] : t;
        core = PoliteWrapper().Replace(core, "");
        return core.Trim();
    }

    private static string FixFrameTypos(string text) =>
        FrameTypos().Replace(text, m => m.Groups["w"].Value.ToLowerInvariant() switch
        {
            "wich" or "whcih" or "wihch" => "which",
            "whats" or "wats" or "wat's" => "what is",
            "wat" => "what",
            "hw" => "how",
            "wen" => "when",
            "whos" => "who is",
            "wher" or "whre" => "where",
            _ => m.Value,
        });

    public static AnswerType TypeOf(string question)
    {
        var q = NamedKind(question.Trim());
        if (StatementQuestion().IsMatch(q)) return AnswerType.Statement;
        if (AgeQuestion().IsMatch(q)) return AnswerType.Age;
        if (VersionQuestion().IsMatch(q)) return AnswerType.Version;
        if (TallyQuestion().IsMatch(q)) return AnswerType.Tally;
        if (TimeQuestion().IsMatch(q)) return AnswerType.Time;
        if (NumberQuestion().IsMatch(q) || QuantityNoun().IsMatch(q) || PayQuestion().IsMatch(q)) return AnswerType.Number;
        if (DateQuestion().IsMatch(q) || DateNoun().IsMatch(q)) return AnswerType.Date;
        if (OrganizationQuestion().IsMatch(q) || EmployerQuestion().IsMatch(q)) return AnswerType.Organization;
        if (PlaceQuestion().IsMatch(q)) return AnswerType.Place;
        // "Who can join?", "who gets to moor for free?": a group or a condition answers ("students in their first year"),
        // not a person's name.
        if (EligibilityQuestion().IsMatch(q)) return AnswerType.Any;
        if (PersonQuestion().IsMatch(q)) return AnswerType.Person;
        return AnswerType.Any;
    }

    [GeneratedRegex(@"^\s*(and\s+)?who\s+(can|may|gets?\s+to|is\s+eligible|are\s+eligible|qualifies|qualify|is\s+allowed|are\s+allowed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EligibilityQuestion();

    [GeneratedRegex(@"^(eligible|allowed|able|entitled|qualified|responsible|in\s+charge|required|expected|supposed|involved|affected|covered|exempt|liable)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StateWord();

    private static QuestionAnalysis Classify(QuestionAnalysis a, string q)
    {
        if (a.IsInjection || a.IsSmallTalk) return a;

        // Summaries: "summarize …", "tl;dr of …", "what is this about?", "give me an overview of the whole collection".
        var summary = SummaryRequest().Match(q);
        if (summary.Success && summary.Groups["target"].Value.Trim().TrimEnd('?', '.', '!').Length == 0 && TrailingSummary().IsMatch(q)) summary = Match.Empty;
        var about = summary.Success ? Match.Empty : AboutWhat().Match(q);
        if (!summary.Success && !about.Success) about = ContentsOf().Match(q);
        if (!summary.Success && !about.Success) about = TrailingSummary().Match(q);
        // "what does the Gazette piece say?": what a named document says, with no topic, is its summary.
        if (!summary.Success && !about.Success && DocumentSays().Match(q) is { Success: true } says && DocumentNoun().IsMatch(says.Groups["target"].Value)) about = says;
        // "what was said on the spring planning call?", "what was decided at the May meeting?": what a named document holds.
        if (!summary.Success && !about.Success && SaidAt().Match(q) is { Success: true } said && DocumentNoun().IsMatch(said.Groups["target"].Value)) about = said;
        if (summary.Success || about.Success)
        {
            var target = (summary.Success ? summary.Groups["target"].Value : about.Groups["target"].Value).Trim();
            if (summary.Success && summary.Groups["overview"].Success && !WholeCorpus().IsMatch(target) && !DocumentNoun().IsMatch(target))
                return Topic(a, target);
            if (WholeCorpus().IsMatch(target) || target.Length == 0) return a with { Kind = QuestionKind.CorpusSummary };
            return a with { Kind = QuestionKind.Summary, DocumentReference = target };
        }

        // A document's author, date or outlet ("who wrote article 2?"): answered from its metadata when the words name a document.
        if (DocumentFieldRequest(q) is { } fact) return a with { AsksDocumentField = fact.Field, DocumentReference = fact.Document };

        // Topic overviews: "what do the articles say about X", "tell me about X".
        var overview = OverviewRequest().Match(q);
        if (overview.Success) return Topic(a, overview.Groups["topic"].Value);

        // Two parts joined by "and" + a second question word: "when and where …", "… and how many …".
        var parts = SplitParts(q);
        if (parts.Count == 2)
        {
            var built = parts.Select(p => new QuestionPart(p.Text, p.Type, ContentTerms(p.Text))).ToList();
            // "Who is X and what does she do?": a description answers both.
            var describe = Describe(a, parts[0].Text);
            if (describe is not null && built[1].Type is AnswerType.Any or AnswerType.Organization) return describe;
            return a with { Kind = QuestionKind.TwoPart, Parts = built, Type = built[0].Type };
        }

        if (Describe(a, q) is { } description) return description;

        if (YesNoQuestion().IsMatch(q)) return a with { Kind = QuestionKind.YesNo, Type = AnswerType.Any };
        return a;
    }

    private static QuestionAnalysis Topic(QuestionAnalysis a, string topic)
    {
        topic = topic.Trim().TrimEnd('?', '.', '!').Trim();
        var terms = ContentTerms(topic);
        return terms.Count == 0 ? a with { Kind = QuestionKind.CorpusSummary } : a with { Kind = QuestionKind.Overview, Subject = topic, SubjectTerms = terms };
    }

    /// <summary>"who is X", "what is X", "what does X stand for", "X?" (a bare name): a description of X, unless X is a role ("who is the release manager") — that is a factoid.</summary>
    private static QuestionAnalysis? Describe(QuestionAnalysis a, string q)
    {
        // "webhook payload limit?", "what is the GTA rate?": a quantity, not a term to define.
        if (a.Type == AnswerType.Number) return null;
        var m = DescriptionRequest().Match(q);
        string subject;
        bool person;
        var expansion = false;
        if (m.Success)
        {
            subject = m.Groups["x"].Value.Trim().TrimEnd('?', '.', '!').Trim();
            person = m.Groups["wh"].Value.StartsWith("who", StringComparison.OrdinalIgnoreCase);
            // "What does X stand for", "what does X mean", "what is the acronym X": asks for X spelled out.
            var acronymWord = Regex.Match(subject, @"^(the\s+)?(acronym|abbreviation)\s+", RegexOptions.IgnoreCase);
            if (acronymWord.Success) subject = subject[acronymWord.Length..];
            expansion = (acronymWord.Success || Regex.IsMatch(q, @"\b(stand|stands)\s+for\b|\bmean\b", RegexOptions.IgnoreCase)) && Acronym().IsMatch(subject) && subject.All(ch => !char.IsLower(ch));
        }
        else if (BareSubject().Match(q) is { Success: true } bare && !WhWord().IsMatch(q) && !YesNoQuestion().IsMatch(q))
        {
            subject = bare.Groups["x"].Value.Trim();
            person = false;
            var words = subject.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 3) return null;
            return a with { Kind = QuestionKind.WhatIs, Type = AnswerType.Definition, Subject = subject, SubjectTerms = ContentTerms(subject) };
        }
        else return null;

        if (subject.Length == 0 || subject.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 6) return null;
        // "Who is eligible for the bursary?", "who is responsible for backups?": a condition or a duty, asked of whoever fits it.
        if (person && StateWord().IsMatch(subject)) return null;
        // A determiner or possessive makes it a role or property ("the head of sales", "Veltia's harbour master",
        // "the KHA's budget"), a verb makes it an action ("training border police"): those ask for one fact.
        var det = Determiner().Match(subject);
        if (det.Success)
        {
            var rest = subject[det.Length..].Trim();
            if (!Acronym().IsMatch(rest)) return null;
            subject = rest;
        }
        if (subject.Contains("'s ", StringComparison.Ordinal) || subject.Contains("s' ", StringComparison.Ordinal)) return null;
        var first = subject.Split(' ')[0];
        // A name or a term, not a clause: "who was arrested in X and later extradited" asks for one fact.
        // ("Mooring Basics", every word capitalised and none a function word, is a name, not an action.)
        var titled = subject.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } parts && parts.All(p => char.IsUpper(p[0]) && !ContentWords.IsStopWord(p.ToLowerInvariant()));
        if (first.EndsWith("ing", StringComparison.OrdinalIgnoreCase) && first.Length > 5 && !titled || WhWord().IsMatch(subject) || ClauseWord().IsMatch(subject)) return null;
        var terms = ContentTerms(subject);
        if (terms.Count == 0) return null;
        return a with
        {
            Kind = person ? QuestionKind.WhoIs : QuestionKind.WhatIs,
            Type = AnswerType.Definition,
            Subject = subject,
            SubjectTerms = terms,
            AsksExpansion = expansion,
        };
    }

    /// <summary>Splits "A and B" where B opens with its own question word; "when and where X" becomes two parts over X.</summary>
    public static IReadOnlyList<(string Text, AnswerType Type)> SplitParts(string q)
    {
        var joined = JoinedWhWords().Match(q);
        if (joined.Success)
        {
            var rest = q[joined.Length..];
            return [(joined.Groups["a"].Value + rest, TypeOf(joined.Groups["a"].Value + rest)), (joined.Groups["b"].Value + rest, TypeOf(joined.Groups["b"].Value + rest))];
        }
        var split = SecondQuestion().Match(q);
        if (!split.Success || !WhWord().IsMatch(q[..split.Index]))
        {
            // "What are the acknowledgement times for P1 and P2 incidents?": one frame over two codes, asked of each.
            var pair = SharedFramePair().Match(q);
            if (!pair.Success || !WhWord().IsMatch(q[..pair.Index])) return [];
            var a = q[..pair.Index] + pair.Groups["a"].Value + q[(pair.Index + pair.Length)..];
            var b = q[..pair.Index] + pair.Groups["b"].Value + q[(pair.Index + pair.Length)..];
            return [(a, TypeOf(a)), (b, TypeOf(b))];
        }
        var first = q[..split.Index].Trim().TrimEnd(',');
        var second = q[(split.Index + split.Length)..].Trim();
        second = split.Groups["wh"].Value + " " + second;
        return [(first, TypeOf(first)), (second.Trim(), TypeOf(second))];
    }

    private static bool IsSentenceInitial(string text, int index)
    {
        var before = text[..index].TrimEnd(' ', '"', '“', '\'', '(');
        return before.Length == 0 || before.EndsWith('.') || before.EndsWith('?') || before.EndsWith('!') || before.EndsWith(':');
    }

    private static bool IsSmallTalkText(string text)
    {
        if (!SocialWord().IsMatch(text) || text.Contains('?') || WhWord().IsMatch(text) || Request().IsMatch(text)) return false;
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 12;
    }

    [GeneratedRegex(@"\b(?<w>wich|whcih|wihch|whats|wats|wat's|wat|hw|wen|whos|wher|whre)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FrameTypos();

    [GeneratedRegex(@"[^.?!]+[.?!]*")]
    private static partial Regex QuestionSentence();

    [GeneratedRegex(@"^\s*((hi|hello|hey|ok|okay|so|and|please|quick question)[,!:]?\s+)*((can|could|would|will)\s+you\s+(please\s+)?(tell|show|give)\s+me\s+|(please\s+)?tell\s+me\s+(?=(who|what|when|where|which|how|why|whether|if)\b)|i\s+(would|'d)\s+like\s+to\s+know\s+|i\s+want\s+to\s+know\s+|do\s+you\s+know\s+)", RegexOptions.IgnoreCase)]
    private static partial Regex PoliteWrapper();

    [GeneratedRegex(@"\b(who|whom|whose|what|which|when|where|why|how)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhWord();

    [GeneratedRegex(@"^\s*(who|whom|whose|what|which|when|where|why|how)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhOpening();

    // A preposition, conjunction or auxiliary inside a who-is subject makes it a clause, not a name or term.
    [GeneratedRegex(@"\b(in|on|at|to|from|by|with|after|before|into|during|than|and|or|but|if|when|while|because|is|are|was|were|has|have|had|did|does|do|will|would|can|could)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseWord();

    // "what did X say …", "according to X, what …"; "what did X add about Y" (with "about": "what did the 4.2 release add?" asks for features).
    [GeneratedRegex(@"^\s*(what|how)\s+(did|does|do|has|have|had|would|will)\b.*\b(say|said|think|thinks|believe|argue|warn|claim|tell|told|predict|describe|call)\b(?!\s+(it|him|her|them|the))|^\s*what\s+(did|does|has|had)\b.*\badd(ed)?\s+(about|regarding)\b|\baccording to\b.*\bwhat\b|\bwhat\b.*\bopinion\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatementQuestion();

    // "which version added …", "what release fixed …", "what's the latest version".
    [GeneratedRegex(@"\b(which|what)\s+(\w+\s+)?(version|release)s?\b|\b(what|which)\s*('s|\s+is|\s+was)\s+the\s+(\w+\s+)?(version|release)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VersionQuestion();

    [GeneratedRegex(@"\bhow\s+old\b|\b(what|which)\s+age\b|\bat\s+what\s+age\b|\bage\s+of\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgeQuestion();

    [GeneratedRegex(@"\bhow\s+(many|much|large|big|long|far|often|strong|quickly|soon|early|fast|high|tall|deep|wide|heavy)\b|\b(what|which)\s+(\w+\s+)?(share|percentage|percent|proportion|number|amount|size|price|cost|fee|port|uid|id)\b|\bat\s+how\s+many\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberQuestion();

    // "what was the turnout", "what is the GTA rate", "webhook payload limit?": a noun that names a quantity, asked for by
    // "what / which" a few words before it or alone at the end of a bare question.
    [GeneratedRegex(@"^\s*(what|which)\b[^?,;]{0,40}?\b(turnout|rate|salary|wage|stipend|budget|limit|maximum|minimum|total|capacity|quota|threshold|deposit|timeout|fee|price|cost|size)s?\b(?=\s*([?.!]|$|(of|for|in|on|at|as|before|after|until|since|to|per|when|during|is|was|are|were|will|does|do|did|and|or|now|today|currently|nowadays|these\s+days|this\s+year)\b))|^(?!\s*(who|whom|what|when|where|which|why|how|is|are|was|were|do|does|did|can|could|should|will|would)\b)[^?]{0,60}\b(limit|size|price|cost|fee|timeout|rate|turnout|salary|wage|stipend|budget|deposit|capacity)\s*\?+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex QuantityNoun();

    // "what was the council's vote on X?", "how did the board vote?", "by what margin did it pass?": a tally ("7-4", "unanimous").
    [GeneratedRegex(@"\b(what|how)\s+(was|were|is)\s+the\s+([\w\-]+'s\s+|final\s+)?(vote|tally|margin|vote\s+count)\b|\bhow\s+did\s+(the\s+)?[\w\-]+(\s+[\w\-]+)?\s+vote\b(?!\s+(for|on)\s+(who|which|whom))|\bby\s+(what|how\s+big\s+a|how\s+wide\s+a)\s+(margin|majority|vote)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TallyQuestion();

    // "what time does the first train run?", "at what time?", "how early does it open?": a time of day ("6:30 a.m."), not a date.
    [GeneratedRegex(@"\b(what|which)\s+time\b(?!\s+(zone|frame|period|limit))|\bat\s+what\s+(time|hour)\b|\bhow\s+(early|late)\s+(does|do|did|is|are|was|will|can)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimeQuestion();

    [GeneratedRegex(@"^\s*when\b|\b(opening|office|business|closing|visiting|open)\s+(hours|times)\b|\b(what|which)\s+(week)?days?\s+(of\s+the\s+week\s+)?(do|does|did|is|are|will)\b|\b(what|which)\s+(year|date|month|day|weekday|decade|century)\b|\bin\s+which\s+year\b|\bsince\s+when\b|\buntil\s+when\b|\bwhen\s+(did|was|were|is|will|does|do)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateQuestion();

    /// <summary>
    /// "What is the name of the regional newspaper that …", "whats the name of X's lawyer", "the name of the Health
    /// Ministry spokeswoman quoted …": asks what "which newspaper", "which lawyer", "which spokeswoman" asks. The kind
    /// is the noun phrase's head: its last word before a relative word, a preposition or a verb of quoting.
    /// </summary>
    private static string NamedKind(string q)
    {
        // "what's his daughter's name?", "what is the firm's name": the noun before "'s name" is the kind named.
        if (PossessiveName().Match(q) is { Success: true } p) return q[..p.Index] + "which " + p.Groups["head"].Value + q[(p.Index + p.Length)..];
        var m = NameOf().Match(q);
        if (!m.Success) return q;
        var rest = q[(m.Index + m.Length)..];
        Match? head = null;
        foreach (var w in PhraseWord().Matches(rest).Take(5))
        {
            if (NounPhraseEnd.Contains(w.Value.ToLowerInvariant())) break;
            head = w;
        }
        return head is null ? q : q[..m.Index] + "which " + head.Value + rest[(head.Index + head.Length)..];
    }

    private static readonly HashSet<string> NounPhraseEnd = new(StringComparer.Ordinal)
    {
        "that", "who", "whom", "which", "whose", "where", "when", "in", "at", "of", "for", "from", "on", "with", "by", "to",
        "about", "quoted", "mentioned", "named", "cited", "interviewed", "said", "is", "was", "are", "were", "does", "did", "do",
    };

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-]*")]
    private static partial Regex PhraseWord();

    // "what's his daughter's name", "what was the ship's name", "what is Ann Lee's son's name": the head noun before "'s name" is the kind.
    [GeneratedRegex(@"\b(what|which)(\s+(is|was|are|were)|['’]s)\s+(the|his|her|their|its|this|that|(\p{Lu}[\w\-]*\s+){0,2}\p{Lu}[\w\-]*['’]s)\s+([\w\-]+\s+){0,2}(?<head>[\w\-]+)['’]s?\s+names?\b", RegexOptions.IgnoreCase)]
    private static partial Regex PossessiveName();

    // "what is the name of the …", "what's the name of his …" (a possessive dropped: the noun after it is what is named).
    [GeneratedRegex(@"\b(what|which)(\s+(is|was|are|were)|['’]s)?\s+the\s+names?\s+of\s+((the|a|an|this|that|his|her|their|its)\s+)?([\w\-]+['’]s?\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex NameOf();

    // "the founder's birth date", "submission deadline?": a bare question ending in a word that names a date.
    [GeneratedRegex(@"^(?!\s*(who|whom|what|when|where|which|why|how|is|are|was|were|do|does|did|can|could|should|will|would)\b)[^?]{0,60}\b(date|deadline|birthday)s?\s*\?*\s*$|\b(what|which)\s+(is|was|are|were)\s+the\s+([\w\-]+\s+)?(date|deadline)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateNoun();

    // Up to two words before the noun naming the kind asked ("which electric bike company", "what small coastal town"); the
    // second no determiner, preposition or auxiliary, so "what does the company make" names no kind.
    private const string KindModifiers = @"([\w\-]+\s+)?((?!(the|a|an|this|that|these|those|his|her|its|their|of|in|at|for|to|on|is|are|was|were|do|does|did|will|would|can|could|has|have|had)\b)[\w\-]+\s+)?";

    [GeneratedRegex(@"\b(which|what)\s+" + KindModifiers + @"(party|parties|agency|agencies|organi[sz]ation|organi[sz]ations|group|groups|department|departments|ministry|company|companies|firm|bureau|newspaper|paper|outlet|institution|institutions|cartel|body|bodies|think\s+tank|university|team|network|channel)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrganizationQuestion();

    // "where did she work before?", "where was he employed?": an employer ("Quenby Freight"), not a town.
    [GeneratedRegex(@"\bwhere\s+(did|does|do|has|had|was|is|were|are)\s+[\w\-'’]+(\s+[\w\-'’]+){0,2}\s+(work|worked|working|employed|study|studied|train|trained|intern|interned)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EmployerQuestion();

    [GeneratedRegex(@"^\s*where\b|\bwhere\s+(did|was|were|is|are|does|do)\b|\b(which|what)\s+" + KindModifiers + @"(country|countries|city|cities|state|place|town|region|border|continent|airport|port\s+city)\b|\bin\s+which\s+(country|city|place|town)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceQuestion();

    [GeneratedRegex(@"^\s*(who|whom|whose)\b|\b(who|whom)\s+(did|does|do|is|was|should|will|can)\b|\b(which|what)\s+" + KindModifiers + @"(person|people|official|minister|president|leader|man|woman|expert|senator|ambassador|spokes(man|woman|person)|manager|officer|engineer|founder|lawyer|attorney|judge|journalist|reporter|photographer|author|writer|director|chair|professor|lecturer|supervisor|researcher|presenter|winner|daughter|son|wife|husband|mother|father|brother|sister|spouse)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PersonQuestion();

    // Summary requests: a summarising verb or noun and what it is of; "overview of X" may be a topic.
    [GeneratedRegex(@"\b(summari[sz]e|summary\s+of|summary|sum\s+up|recap|tl;?dr(\s+of)?|gist\s+of|main\s+points\s+of|key\s+points\s+of|synopsis\s+of|(?<overview>(overview|run-?down|outline|highlights)\s+of))\s*(?<target>[^?!]*)", RegexOptions.IgnoreCase)]
    private static partial Regex SummaryRequest();

    // "what is this about?", "what's article 002 about", "what are the docs about".
    [GeneratedRegex(@"^\s*what(\s*['’]s|s|\s+is|\s+are|\s+was|\s+were)\s+(?<target>[^?]*?)\s+(all\s+)?about\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AboutWhat();

    // "what's in the troubleshooting notes?", "what does the FAQ cover?": the contents of a named document; a pronoun
    // ("what's in it?") points back into the conversation instead.
    [GeneratedRegex(@"^\s*what(\s*['’]s|s|\s+is|\s+are)\s+(in|inside|covered\s+(in|by))\s+(?!(it|this|that|them|there|these|those|here)\b)(?<target>[^?]+?)\s*[?.!]*\s*$|^\s*what\s+(does|do)\s+(?!(it|this|that|they|he|she|you|i|we)\b)(?<target>[^?]+?)\s+(cover|contain)\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ContentsOf();

    // "what does the Gazette piece say", "what did article 2 report": a document's whole message (no "about").
    [GeneratedRegex(@"^\s*what\s+(does|do|did)\s+(?!(it|this|that|they|he|she|you|i|we)\b)(?<target>[^?]+?)\s+(say|report|tell\s+us)\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentSays();

    // "getting started guide tldr", "pricing page in a nutshell", "troubleshooting notes summary": the request after its object.
    [GeneratedRegex(@"^(?!\s*(who|whom|what|when|where|which|why|how|is|are|was|were|do|does|did|can|could|should|will|would)\b)\s*(?<target>[^?]+?)\s*[,:\-–—]?\s+(tl;?dr|summary|in\s+brief|in\s+a\s+nutshell|overview|run-?down)\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingSummary();

    [GeneratedRegex(@"^(the\s+)?(whole\s+|entire\s+)?(this|these|that|those|it|all|everything|collection|corpus|articles|documents|docs|sources|texts|stories|pages|files)\b|\b(whole|entire)\s+(collection|corpus|set)\b|\ball\s+(the\s+)?(articles|documents|docs|sources|stories|pages|files)\b|\b(the|this|your)\s+(collection|corpus|articles|documents|docs|sources|stories|pages|files)\b\s*(in\s+.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex WholeCorpus();

    [GeneratedRegex(@"\b(article|document|doc|story|piece|page|file|report|post|text|handbook|guide|manual|notes|faq|changelog|minutes|log|newsletter|readme|transcript|memo|call|meeting|\d{1,3})\b", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentNoun();

    // "what was said on the planning call", "what got decided at the May meeting": no topic ("… about X" is one), the whole record.
    [GeneratedRegex(@"^\s*what\s+(was|were|got|has\s+been)\s+(said|discussed|decided|announced|agreed)\s+(on|in|at|during)\s+(?<target>(?:(?!\babout\b)[^?])+?)\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SaidAt();

    /// <summary>
    /// "Who wrote / is the author of X", "when was X published", "which outlet published X", where X has a document noun
    /// or number ("the Gazette article", "article 2"): otherwise "who wrote the letter?" is a question about the text.
    /// </summary>
    internal static (DocumentField Field, string Document)? DocumentFieldRequest(string q)
    {
        foreach (var (field, pattern) in new[] { (DocumentField.Author, AuthorOf()), (DocumentField.Date, DateOf()), (DocumentField.Outlet, OutletOf()) })
        {
            var m = pattern.Match(q);
            // "Who wrote the Gazette piece and when was it published?" is two questions, answered part by part.
            if (m.Success && DocumentNoun().IsMatch(m.Groups["doc"].Value) && !SecondQuestion().IsMatch(m.Groups["doc"].Value)) return (field, m.Groups["doc"].Value.Trim());
        }
        return null;
    }

    [GeneratedRegex(@"^(who|which\s+(journalist|reporter|writer|author))\s+(wrote|authored|penned)\s+(?<doc>.+?)\s*[?.!]*$|^who\s*('s|’s|\s+is|\s+was)\s+the\s+(author|writer|reporter)\s+of\s+(?<doc>.+?)\s*[?.!]*$|^who\s+(was|is)\s+(?<doc>.+?)\s+(written|authored)\s+by\s*[?.!]*$|^(the\s+)?(author|writer)\s+of\s+(?<doc>.+?)\s*[?.!]*$", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorOf();

    [GeneratedRegex(@"^when\s+(was|were)\s+(?<doc>.+?)\s+(published|written|posted|released|printed|dated)\s*[?.!]*$|^(what|which)\s*('s|’s|\s+is|\s+was)\s+the\s+(publication\s+)?date\s+of\s+(?<doc>.+?)\s*[?.!]*$|^(what|which)\s+date\s+(was|is)\s+(?<doc>.+?)\s+(published|written|posted|dated)\s*[?.!]*$", RegexOptions.IgnoreCase)]
    private static partial Regex DateOf();

    [GeneratedRegex(@"^(which|what)\s+(outlet|newspaper|paper|publication|site|website|magazine)\s+(published|ran|printed|carried)\s+(?<doc>.+?)\s*[?.!]*$|^who\s+published\s+(?<doc>.+?)\s*[?.!]*$|^where\s+(was|is)\s+(?<doc>.+?)\s+published\s*[?.!]*$", RegexOptions.IgnoreCase)]
    private static partial Regex OutletOf();

    [GeneratedRegex(@"^\s*((what|how)\s+(do|does|did|can)\s+(the\s+|your\s+|these\s+|this\s+)?([\w\-]+\s+){0,3}?(articles?|documents?|docs|documentation|sources?|corpus|texts?|papers?|stories|story|pages?|files?|collection|handbook|guide|manual|notes|faq|changelog|minutes|policy|policies|it|they|you)\s+(say|tell|report|mention|write|cover|know|have|explain|state)(\s+(us|me))?\s+(about|on|regarding|of|concerning)|(tell|teach|show)\s+me\s+(more\s+|something\s+|everything\s+|all\s+)?(about|on)|(tell|show|give)\s+me\s+(everything|all|whatever)\s+(that\s+)?(the\s+|your\s+)?(articles?|documents?|docs|documentation|sources?|texts?|pages?|files?|handbook|guide|notes)\s+(say|says|mention|mentions|report|reports|have|has|cover|covers)\s+(about|on|regarding|concerning)|what\s+(is|are)\s+(known|said|written|reported)\s+(about|on)|^\s*(everything|all|whatever)\s+(that\s+)?(the\s+|your\s+)?(articles?|documents?|docs|documentation|sources?|texts?|pages?|files?|handbook|guide|notes)\s+(say|says|mention|mentions|report|reports|have|has|cover|covers)\s+(about|on|regarding|concerning)|what\s+do\s+(you|we)\s+know\s+about|(anything|info|information|background|details)\s+(on|about))\s+(?<topic>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex OverviewRequest();

    // "who is X", "who's X", "who was X", "what is X", "what are X", "what does X stand for / mean", "define X", "meaning of X",
    // "who X is" (after a polite wrapper was removed: "tell me who Edda Moravec is").
    [GeneratedRegex(@"^\s*(?<wh>who|what)\s*('s|\s+is|\s+are|\s+was|\s+were)\s+(?<x>[^?]+?)\s*[?.!]*\s*$|^\s*(?<wh>what)\s+(does|do|did)\s+(?<x>.+?)\s+(stand\s+for|mean|do)\s*[?.!]*\s*$|^\s*(?<wh>what)\s+is\s+meant\s+by\s+(?<x>.+?)[?.!]*$|^\s*(define|explain)\s+(what\s+)?(a\s+|an\s+)?(?<x>.+?)(\s+is|\s+are|\s+means)?\s*[?.!]*\s*$|^\s*(?<wh>who)\s+(?<x>[^?]+?)\s+(is|was)\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DescriptionRequest();

    // "kha?", "ana ortiz?", "dredging windows?": a bare name or term, one to three words.
    [GeneratedRegex(@"^\s*(?<x>[\p{L}\p{N}][\p{L}\p{N}’'.\-]*(\s+[\p{L}\p{N}][\p{L}\p{N}’'.\-]*){0,2})\s*\?+\s*$")]
    private static partial Regex BareSubject();

    [GeneratedRegex(@"^(the|a|an|this|that|these|those|his|her|their|its|my|your|our)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Determiner();

    [GeneratedRegex(@"^(\p{Lu}{2,8}|\p{Lu}[\p{Ll}]+)$")]
    private static partial Regex Acronym();

    [GeneratedRegex(@"^\s*(is|are|was|were|am|do|does|did|can|could|will|would|has|have|had|should|shall|may|might|must|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|can't|won't|hasn't|haven't)\b", RegexOptions.IgnoreCase)]
    private static partial Regex YesNoQuestion();

    // "when and where …", "how and why …".
    [GeneratedRegex(@"^\s*(?<a>when|where|why|how|who)\s+and\s+(?<b>when|where|why|how|who)\b", RegexOptions.IgnoreCase)]
    private static partial Regex JoinedWhWords();

    // "P1 and P2", "v3 and v4", "API and SDK": two codes (letters with a digit, or two to five capitals; not two years) joined by "and" share the question's frame.
    [GeneratedRegex(@"(?<!\b(between|from)\s+)(?<![\w.])(?<a>(?=[\w.\-]*\d)(?=[\w.\-]*\p{L})[\p{L}\d][\w.\-]{0,7}|\p{Lu}{2,5})\s+and\s+(?<b>(?=[\w.\-]*\d)(?=[\w.\-]*\p{L})[\p{L}\d][\w.\-]{0,7}|\p{Lu}{2,5})(?![\w.])")]
    private static partial Regex SharedFramePair();

    // ", and when …", " and how many …", " and in what year", " and on what date", " and until when".
    [GeneratedRegex(@",?\s+and\s+(?<wh>(in|on|at|for|since|until)\s+(what|which)|(since|until|till)\s+when|what|which|when|where|who|whom|why|how)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecondQuestion();

    // Attempts to steer the bot away from the corpus or to make it reveal its setup: answered with a refusal, never obeyed.
    [GeneratedRegex(@"\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|prompts?|rules?|guidelines?|previous|above|restrictions?)\b|\b(system|your|hidden|initial)\s+prompt\b|\b(print|output|reveal|show|dump|display|leak|list|give\s+me|tell\s+me|send|read\s+out)\b.{0,40}\b(your\s+(prompt|instructions|configuration|config|settings|secrets?)|api\s+keys?|passwords?|secrets?|credentials|access\s+tokens?|environment\s+variables|contents\s+of|appsettings|\.env\b|config(uration)?\s+files?)|\b(environment\s+variables?|env\s+vars?|secrets?|credentials|keys|tokens)\s+(that\s+)?you\s+(can\s+)?(see|read|access|have|hold|know)\b|\bsystem\s+override\b|\b(admin|developer|god|debug|sudo)\s+mode\b|\byou\s+are\s+now\b|\bpretend\s+(to\s+be|you)\b|\bjailbreak\b|\bact\s+as\b" +
        // A message dressed as the bot's own input ("SYSTEM: …", "</context> …"), or one that asks it to leave the documents
        // ("forget the documents and …", "answer from your own knowledge"): the same steering in other clothes.
        @"|^\W*(system|admin|administrator|developer|assistant)\s*:|</?\s*(context|system|instructions?|documents?|prompt)\s*>" +
        @"|\b(ignore|disregard|forget)\s+(about\s+)?(all\s+)?(the|these|those|your)\s+(documents?|sources?|articles|context|corpus|docs)\b(?!\s+(folder|directory|dir|file|path)s?\b)" +
        @"|\b(from|with|using|use|on)\s+your\s+own\s+(knowledge|training|opinions?|views?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Injection();

    // Greetings, thanks, praise and acknowledgements.
    [GeneratedRegex(@"^\s*(hi|hello|hey|yo|sup|hiya|howdy|greetings|good\s+(morning|afternoon|evening|night|day)|thanks?|thank\s+you|thx|ty|cheers|bye|goodbye|see\s+you|ok|okay|k|cool|nice|great|awesome|perfect|lol|haha|wow|you('re|\s+are)\s+(awesome|great|amazing|the\s+best|helpful)|that\s+helped|got\s+it)\b|\b(thanks|thank\s+you|thx)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SocialWord();

    [GeneratedRegex(@"\b(tell|explain|summari[sz]e|describe|list|show|give|find|define|compare)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Request();

    [GeneratedRegex(@"\b[A-Z][\p{L}’'\-]*[\p{L}]\b")]
    private static partial Regex CapitalisedWord();

    [GeneratedRegex(@"^(Who|Whom|Whose|What|Which|When|Where|Why|How|Is|Are|Was|Were|Did|Does|Do|Can|Could|Should|Would|Will|According|And|But|The|A|An|In|I|I'm|I'd|If|Please|Tell|Give|Summarize|Summarise|Explain|Define|Describe|List)$")]
    private static partial Regex QuestionWords();

    [GeneratedRegex(@"\b\d[\d,.]*\b")]
    private static partial Regex Number();
}
