using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ChatBot.Core.Answering;
using ChatBot.Core.Search;

namespace ChatBot.Core.Conversations;

/// <summary>
/// Resolves follow-ups without a model. A question is a follow-up when there is history and it
/// opens with a connective ("and …", "what about …"), or leans on a pronoun ("that", "they", "he",
/// "it", …) without naming anything itself, or is too short to stand alone ("Why?", "When exactly?").
/// With the corpus at hand, a short question that names its own subject — a content word the corpus
/// has, and no pronoun ("how many reading rooms are there?") — stands alone: it is short because it is
/// plain, not because it leans on what came before.
/// The previous standalone question's salient terms — capitalised names, numbers, key nouns — are then
/// appended in parentheses, which is what retrieval needs. Names or numbers the follow-up brings itself
/// replace the previous ones ("what about in 2017?" drops 2016; "what about Norway?" drops Finland).
/// </summary>
public sealed partial class HeuristicFollowUpRewriter(CorpusIndex? index = null) : IFollowUpRewriter
{
    /// <summary>Most terms carried over.</summary>
    public const int MaxCarriedTerms = 8;

    private static readonly string[] Connectives =
        ["and ", "but ", "so ", "also ", "then ", "what about ", "how about ", "what else", "and what", "same for ", "or "];

    private static readonly FrozenSet<string> Anaphora = FrozenSet.ToFrozenSet(
        ["that", "this", "those", "these", "they", "them", "their", "theirs", "he", "him", "his", "she", "her", "hers",
         "it", "its", "there", "then", "such", "same", "former", "latter", "one", "ones"], StringComparer.Ordinal);

    // Words that open a question capitalised but are not names (beyond the stop words).
    private static readonly FrozenSet<string> QuestionWords = FrozenSet.ToFrozenSet(
        ["many", "much", "long", "often", "else", "exactly", "really", "kind", "sort", "please", "since", "tell", "explain",
         "describe", "give", "list", "show", "name", "besides", "later", "earlier", "anything", "anyone", "whose", "ok", "okay",
         "yes", "thanks", "now", "still", "again"], StringComparer.Ordinal);

    public Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default) =>
        Task.FromResult(index is { IsReady: true } && IsNewUnknownTopic(FollowUpReader.WithoutConnective(question), index.Snapshot)
            ? question
            : Rewrite(question, history, index is { IsReady: true } ? KnownBy(index.Snapshot) : null));

    /// <summary>Whether a word of a question is one the corpus has (after analysis: "locations" → locat), for <see cref="Rewrite"/>.</summary>
    public static Func<string, bool> KnownBy(IndexSnapshot snapshot)
    {
        var vocabulary = CorpusVocabulary.For(snapshot);
        return word => SearchAnalyzer.Shared.Terms(word).Any(vocabulary.Knows);
    }

    /// <summary>
    /// The standalone form of <paramref name="question"/>. <paramref name="known"/> says whether a word is one the
    /// corpus has; without it, a short question without names counts as a follow-up.
    /// </summary>
    public static string Rewrite(string question, IReadOnlyList<ConversationTurn> history, Func<string, bool>? known = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (history is null || history.Count == 0) return question;
        if (SummaryOfShown(question, history) is { } summary) return summary;
        if (Reframed(question, history[^1].StandaloneQuestion) is { } reframed) return reframed;
        // "that year" is the year the conversation was just about.
        if (ThatYear(question, history) is { } dated)
        {
            if (!Analyse(dated).HasAnaphora) return dated;
            question = dated;
        }
        // "he", "she", "his", "her" become the person the conversation is about, when the question names nobody itself.
        if (history[^1].Person is { } person && Analyse(question).Names.Count == 0 && PersonPronoun().IsMatch(question))
        {
            var resolved = PersonPronoun().Replace(question, m => m.Groups["poss"].Success || m.Groups["her"].Success && m.Groups["next"].Success
                ? person + "'s" + (m.Groups["next"].Success ? " " + m.Groups["next"].Value : "")
                : person);
            // Nothing else to resolve ("what did he say?"): the name is all retrieval needs; else carry the rest over too.
            if (!Analyse(PersonPronoun().Replace(question, "")).HasAnaphora) return resolved;
            question = resolved;
        }
        // "it", "that", "that version" become the thing the conversation is about; the same, when nothing else is left to resolve.
        if (history[^1].Focus is { } focus && ThingFocus.Resolve(question, focus) is { } thing)
        {
            if (!Analyse(thing).HasAnaphora) return thing;
            question = thing;
        }
        // "those variables" after an answer about environment variables: the noun as the conversation last named it.
        if (Demonstrative(question, history) is { } named)
        {
            if (!Analyse(named).HasAnaphora) return named;
            question = named;
        }
        var current = Analyse(question);
        if (!IsFollowUp(question, current, known)) return question;
        return CarryOver(question, current, history);
    }

    /// <summary>
    /// "what was the budget that year?" after a turn about 2019 → "what was the budget in 2019?": "that year", "the same year" and
    /// "that same year" are the one year the previous question named in its own words, else the one year the last answer led with,
    /// else the one year its sentences name; null when the question has no such phrase or no single year stands out (two years
    /// named leave it open, and the words are carried as they are).
    /// </summary>
    private static string? ThatYear(string question, IReadOnlyList<ConversationTurn> history)
    {
        var m = ThatYearPhrase().Match(question);
        if (!m.Success) return null;
        var last = history.LastOrDefault(t => t.Answer is { Answered: true })?.Answer;
        var year = OneYear(WithoutCarried(history[^1].StandaloneQuestion))
            ?? (last?.Lead is { } lead ? OneYear(lead) : null)
            ?? (last is null ? null : OneYear(string.Join(' ', last.Evidence.Select(e => e.Text))));
        return year is null ? null : question[..m.Index] + "in " + year + question[(m.Index + m.Length)..];

        static string? OneYear(string text) =>
            Year().Matches(text).Select(y => y.Value).Distinct().ToList() is [var only] ? only : null;
    }

    // "that year", "the same year", "in that same year"; a year given as the time of the question, so "in" is put before it.
    [GeneratedRegex(@"\b(in\s+|during\s+)?(that|the\s+same|that\s+same)\s+year\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThatYearPhrase();

    // A year of the last three centuries, as a number of its own ("2024"; not part of "12024" or of an amount such as "2,024").
    [GeneratedRegex(@"(?<![\d,.])\b(1[89]\d\d|20\d\d)\b(?![\d,])")]
    private static partial Regex Year();

    /// <summary>
    /// "summarize that article", "summarize it", "what is that report about?" after an answer: the summary of the document the last
    /// answer cited first, named by its file name ("summarize ferry-timetable"); null for any other question. Alone, "this" and "it"
    /// in a summary request mean the whole collection; in a conversation, the document just quoted.
    /// </summary>
    private static string? SummaryOfShown(string question, IReadOnlyList<ConversationTurn> history)
    {
        if (!SummaryOfIt().IsMatch(FollowUpReader.WithoutConnective(question))
            || history.LastOrDefault(t => t.Answer is { Answered: true, Citations.Count: > 0 })?.Answer is not { } last)
            return null;
        return $"summarize {Path.GetFileNameWithoutExtension(last.Citations[0].Source)}";
    }

    // "summarize it", "sum up that article", "give me a summary of this piece", "what is that report about?"; not "what is this about?"
    // (the whole collection) nor "what is it about?" (the thing in focus).
    [GeneratedRegex(@"^(please\s+)?((can|could)\s+you\s+)?(summari[sz]e|sum\s+up|recap|give\s+me\s+(a|the)\s+(summary|gist)\s+of|(a\s+)?summary\s+of|(the\s+)?gist\s+of|tl;?dr\s+of)\s+(it|that|this)(\s+(article|document|doc|story|piece|page|file|report|post|one))?(\s+for\s+me)?(\s+please)?\s*[?.!]*\s*$|^what\s*('s|’s|\s+is|\s+was)\s+(that|this|the)\s+(article|document|doc|story|piece|page|file|report|post)\s+(all\s+)?about\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SummaryOfIt();

    /// <summary>
    /// <paramref name="question"/> with "that/this/those/these &lt;noun&gt;" replaced by the noun with the word before it where the
    /// last answer's sentences, or else the previous question, name it with one ("what do those variables look like?" after a
    /// sentence about environment variables → "what do environment variables look like?"); null when there is no such
    /// reference or nothing names its noun with a modifier. (A reference to the thing in focus is <see cref="ThingFocus"/>'s.)
    /// </summary>
    private static string? Demonstrative(string question, IReadOnlyList<ConversationTurn> history)
    {
        var m = DemonstrativeNoun().Match(question);
        if (!m.Success) return null;
        var noun = m.Groups["noun"].Value;
        var lower = noun.ToLowerInvariant();
        // "that comes", "this means": after a singular demonstrative a word in -s is a verb, the demonstrative a pronoun.
        if (ContentWords.IsStopWord(lower) || QuestionWords.Contains(lower) || Anaphora.Contains(lower)
            || m.Groups["one"].Success && lower.EndsWith('s') && !lower.EndsWith("ss", StringComparison.Ordinal))
            return null;
        var nounTerms = SearchAnalyzer.Shared.Terms(noun);
        if (nounTerms.Count == 0) return null;
        // What the user read last: the answer's sentences, then the passages its citations quote around them.
        var last = history.LastOrDefault(t => t.Answer is { Answered: true })?.Answer;
        var shown = last is null ? [] : last.Evidence.Select(e => e.Text).Concat(last.Citations.Select(c => c.Quote));
        foreach (var text in shown.Append(WithoutCarried(history[^1].StandaloneQuestion)))
        {
            var words = Word().Matches(text).Select(w => w.Value).ToList();
            for (var i = 1; i < words.Count; i++)
            {
                var modifier = words[i - 1].ToLowerInvariant();
                if (modifier.Any(char.IsDigit) || ContentWords.IsStopWord(modifier) || Anaphora.Contains(modifier) || Determiners.Contains(modifier)
                    || !SearchAnalyzer.Shared.Terms(words[i]).Any(nounTerms.Contains))
                    continue;
                return question[..m.Index] + words[i - 1] + " " + noun + question[(m.Index + m.Length)..];
            }
        }
        return null;
    }

    [GeneratedRegex(@"\b(?:(?<one>that|this)|those|these)\s+(?<noun>[a-z][\w-]{2,})\b", RegexOptions.IgnoreCase)]
    private static partial Regex DemonstrativeNoun();

    /// <summary>
    /// "how much is a ferry return?" then "and what was it before April?" or just "and before 2019?": the previous question asked
    /// again of another time or place, its own frame kept ("how much is a ferry return before April?") so that the follow-up
    /// asks for the same kind of thing; null when the follow-up is neither "what was it" with a qualifier nor a bare time
    /// qualifier naming its time (a number or a name: "and before that?" is an ellipsis), or the previous question was a yes/no
    /// one. A time the previous question named in the same way ("in 2019" of "how many were there in 2019?") gives way to the new one.
    /// </summary>
    private static string? Reframed(string question, string previous)
    {
        var core = FollowUpReader.WithoutConnective(question);
        var m = WhatWasIt().Match(core);
        if (!m.Success && BareTime().Match(core) is { Success: true } bare && bare.Groups["time"].Value.Any(c => char.IsDigit(c) || char.IsUpper(c))) m = bare;
        var asked = Carried().Replace(previous, "").Trim().TrimEnd('?', '.', '!').TrimEnd();
        if (!m.Success || !WhQuestion().IsMatch(asked)) return null;
        var rest = m.Groups["rest"].Value.Trim().TrimEnd('?', '.', '!').TrimEnd();
        if (rest.Any(char.IsDigit)) asked = NumberedTime().Replace(asked, "");
        return $"{asked} {rest}?";
    }

    // "before 2024?", "after March?", "in 1987?": a time qualifier alone, the question it qualifies left to the conversation.
    [GeneratedRegex(@"^((what|how)\s+about\s+)?(?<rest>(before|after|until|since|during|prior\s+to)\s+(?<time>[^?]+?)|(in|by)\s+(?<time>\d{4}\b[^?]*?))\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex BareTime();

    // A time the question names with a number ("in 2019", "before 2024-25"), given way to the follow-up's own.
    [GeneratedRegex(@"\s+\b(in|before|after|until|since|during|by)\s+\d[\d,./–-]*\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberedTime();

    [GeneratedRegex(@"^what\s+(is|was|are|were)\s+(it|that|they|those)\s+(?<rest>(before|after|in|on|during|until|since|by|at|for)\s+[^?]+?)\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex WhatWasIt();

    [GeneratedRegex(@"^\s*(how|what|which|who|whom|when|where)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhQuestion();

    /// <summary>
    /// <paramref name="standalone"/> (a follow-up already rewritten) with the previous question's terms carried over as well: a
    /// second reading for a follow-up refused as rewritten, whose pronoun was resolved but whose other words still lean on the
    /// previous question ("who did the job before him?" → "who did the job before Ana Ortiz? (release, manager)"). The
    /// question itself when nothing is left to carry.
    /// </summary>
    public static string WithPreviousTerms(string standalone, IReadOnlyList<ConversationTurn> history)
    {
        ArgumentNullException.ThrowIfNull(standalone);
        if (history is null || history.Count == 0 || Carried().IsMatch(standalone)) return standalone;
        return CarryOver(standalone, Analyse(standalone), history);
    }

    /// <summary>
    /// <paramref name="standalone"/> with the words of the sentence the last answer led with carried over: a third reading for a
    /// follow-up refused as rewritten that asks about what was just shown rather than about what was asked ("since which
    /// version?" after "the web UI is available in German and Spanish" → "since which version? (web, available, German,
    /// Spanish)", which finds that sentence again and reads its version from the heading above it). The question itself when
    /// there is no answered turn or nothing new to carry.
    /// </summary>
    public static string WithPreviousAnswer(string standalone, IReadOnlyList<ConversationTurn> history)
    {
        ArgumentNullException.ThrowIfNull(standalone);
        if (history is null || history.LastOrDefault(t => t.Answer is { Answered: true, Evidence.Count: > 0 }) is not { Answer: { } last }) return standalone;
        var own = Carried().Replace(standalone, "");
        var current = Analyse(own);
        var shown = Analyse(last.Evidence[0].Text);
        var terms = new List<string>();
        terms.AddRange(shown.Names);
        if (current.Numbers.Count == 0) terms.AddRange(shown.Numbers);
        terms.AddRange(shown.KeyWords);
        var read = WithCarried(own, terms);
        return ReferenceEquals(read, own) ? standalone : read;
    }

    /// <summary>
    /// Whether <paramref name="question"/> is about something of its own the corpus never mentions ("what's the capital of
    /// france?") without pointing back at the conversation: it is a new question, not a follow-up, and carrying the previous
    /// question's words into it would only make it look answerable.
    /// </summary>
    public static bool IsNewUnknownTopic(string question, IndexSnapshot snapshot) =>
        !Analyse(question).HasAnaphora && UnknownWords(question, snapshot).Count > 0;

    /// <summary>
    /// Whether <paramref name="question"/> asks how someone took what was just said, its verb of reaction left without an object
    /// ("does the board agree?", "did the union respond?"): what they agree with is the conversation's last answer.
    /// </summary>
    public static bool IsBareReaction(string question) => BareReaction().IsMatch(FollowUpReader.WithoutConnective(question));

    [GeneratedRegex(@"^\s*(do|does|did|has|have|had|will|would|is|are|was|were)\b[^?]*\b(?<verb>agree|agrees|agreed|disagree|disagrees|disagreed|accept|accepts|accepted|dispute|disputes|disputed|deny|denies|denied|confirm|confirms|confirmed|respond|responded|react|reacted|reply|replied|object|objected|concur|concurred|agreeing|disputing|denying|responding)\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex BareReaction();

    /// <summary>
    /// The unit of time of a follow-up that asks the previous question again at a time counted from the one it asked about ("and a
    /// year earlier?", "the quarter before?", "what about the previous month?" → "year", "quarter", "month"); null for any other
    /// question. A sentence comparing the two times ("… $12 million, up from $9 million a year ago") answers it.
    /// </summary>
    public static string? TimeShiftUnit(string question) =>
        TimeShift().Match(FollowUpReader.WithoutConnective(question)) is { Success: true } m ? m.Groups["unit"].Value.ToLowerInvariant() : null;

    [GeneratedRegex(@"^((what|how)\s+about\s+)?(in\s+)?((a|an|one|two|three|the|\d+)\s+)?(?<unit>year|quarter|month|week|day|season)s?\s+(earlier|before|ago|prior|previously|later|after|on)\s*[?.!]*\s*$|^((what|how)\s+about\s+)?(in\s+|for\s+)?(the\s+)?(previous|prior|preceding|next|following|last)\s+(?<unit>year|quarter|month|week|day|season)\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TimeShift();

    /// <summary>
    /// Whether <paramref name="question"/> asks for the name of someone related to the person it is about ("what's his daughter's
    /// name?", "who is her husband?", "what are their children called?"): answered only by a sentence naming someone new.
    /// </summary>
    public static bool AsksForRelativesName(string question)
    {
        var core = FollowUpReader.WithoutConnective(question);
        return RelativeOf().IsMatch(core) && (NameAsked().IsMatch(core) || core.StartsWith("who", StringComparison.OrdinalIgnoreCase));
    }

    // A relation of a person named by a possessive ("his daughter", "her husband's", "Ana Ortiz's son"): someone the question does not name.
    [GeneratedRegex(@"(\b(his|her|their)|['’]s)\s+(wife|husband|spouse|partner|son|daughter|child|children|kids?|mother|father|parents?|brother|sister|siblings?|grandson|granddaughter|grandchildren|uncle|aunt|cousin|nephew|niece|fianc[eé]e?|girlfriend|boyfriend)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeOf();

    [GeneratedRegex(@"\bnamed?s?\b|\bcalled\b", RegexOptions.IgnoreCase)]
    private static partial Regex NameAsked();

    /// <summary>
    /// Whether <paramref name="question"/> brings nothing of its own beyond function words ("and before that?", "since when?",
    /// "why?"): all its content is the previous question's, so it asks about the same thing that question did.
    /// </summary>
    public static bool IsEllipsis(string question)
    {
        var analysis = Analyse(FollowUpReader.WithoutConnective(question));
        return analysis.Names.Count == 0 && analysis.KeyWords.Count == 0 && analysis.Numbers.Count == 0;
    }

    /// <summary>
    /// Whether <paramref name="question"/>, naming nothing of its own (no name, no number), asks about a thing it calls "the …" or
    /// "my …" ("how long does the certificate take?", "how do I move my data over?"): a subject the corpus knows, so the question
    /// stands alone, but in a conversation most often the thing just talked about, which the article takes as known.
    /// </summary>
    public static bool PointsBack(string question)
    {
        var core = FollowUpReader.WithoutConnective(question);
        var analysis = Analyse(core);
        return analysis.Names.Count == 0 && analysis.Numbers.Count == 0 && analysis.PhraseWords.Count > 0 && Definite().IsMatch(core);
    }

    // A noun phrase the speaker takes as known: opened by the definite article or a possessive of the asker's.
    [GeneratedRegex(@"\b(the|my|our|your)\s+\w", RegexOptions.IgnoreCase)]
    private static partial Regex Definite();

    private static string CarryOver(string question, Analysis current, IReadOnlyList<ConversationTurn> history)
    {
        var previous = Analyse(history[^1].StandaloneQuestion);
        var replacesNames = current.Names.Count > 0 && !current.HasAnaphora;
        var terms = new List<string>();
        if (!replacesNames) terms.AddRange(previous.Names);
        if (current.Numbers.Count == 0) terms.AddRange(previous.Numbers);
        terms.AddRange(previous.KeyWords);
        return WithCarried(question, terms);
    }

    /// <summary>The question with the terms it does not already hold appended in brackets (at most <see cref="MaxCarriedTerms"/>); the same instance when there are none.</summary>
    private static string WithCarried(string question, IEnumerable<string> terms)
    {
        var carried = terms
            .Where(term => question.IndexOf(term, StringComparison.OrdinalIgnoreCase) < 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxCarriedTerms)
            .ToList();
        return carried.Count == 0 ? question : $"{question.TrimEnd()} ({string.Join(", ", carried)})";
    }

    /// <summary>
    /// The words naming what <paramref name="question"/> is about — its names, and the key words of its noun phrases (after an
    /// article, possessive, quantifier or preposition) — that the corpus never uses and that are no misspelling or acronym of
    /// words it does ("which ones are in asia?", "what's the population today?" over a corpus that never says either): a
    /// follow-up about them asks for something the conversation's documents cannot hold. Verbs are left out: "who talked
    /// about it?" asks what "said" answers.
    /// </summary>
    public static IReadOnlyList<string> UnknownWords(string question, IndexSnapshot snapshot)
    {
        var vocabulary = CorpusVocabulary.For(snapshot);
        var own = Carried().Replace(question, "");
        // "does the board agree?": the verb of reaction ends the question, it is no word of the phrase "the board".
        var core = FollowUpReader.WithoutConnective(own);
        if (BareReaction().Match(core) is { Success: true } reaction) own = core[..reaction.Groups["verb"].Index];
        var analysis = Analyse(own);
        return analysis.Names.SelectMany(n => n.Split(' ')).Concat(analysis.ThingWords)
            .Where(w => SearchAnalyzer.Shared.Terms(w) is { Count: > 0 } terms && !terms.Any(vocabulary.Knows)
                && vocabulary.Corrections(w).Count == 0 && vocabulary.Expansions(w).Count == 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    // Prepositions that open a phrase naming a thing ("in asia", "about plans"); not "to", which opens verbs too.
    private static readonly FrozenSet<string> Prepositions = FrozenSet.ToFrozenSet(
        ["in", "of", "about", "on", "at", "from", "for", "with", "into", "near", "by", "during", "under", "between"], StringComparer.Ordinal);

    /// <summary>Whether <paramref name="question"/> refers back at all: a follow-up, or a pronoun beside names of its own ("what did he tell the Gazette?").</summary>
    public static bool LeansOnConversation(string question, Func<string, bool>? known = null) => IsFollowUp(question, known) || Analyse(question).HasAnaphora;

    /// <summary>Whether <paramref name="question"/> needs the conversation to be understood (given there is one); <paramref name="known"/> as for <see cref="Rewrite"/>.</summary>
    public static bool IsFollowUp(string question, Func<string, bool>? known = null) => IsFollowUp(question, Analyse(question), known);

    private static bool IsFollowUp(string question, Analysis analysis, Func<string, bool>? known)
    {
        var lower = question.TrimStart().ToLowerInvariant();
        if (Connectives.Any(c => lower.StartsWith(c, StringComparison.Ordinal)) || IsBareReaction(question)) return true;
        if (analysis.Names.Count > 0 || analysis.HasAnaphora) return analysis.Names.Count == 0;
        // Short and without a pronoun: a follow-up only when it introduces no subject the corpus knows, a noun
        // phrase opened by an article, possessive or quantifier ("how many reading rooms are there?" stands alone;
        // "when exactly?", "what happens if I go over?" lean on the conversation).
        if (known is not null && analysis.PhraseWords.Any(known)) return false;
        return analysis.KeyWords.Count + analysis.Numbers.Count <= 2;
    }

    /// <summary>
    /// PhraseWords: the key words of the noun phrases the text opens with a <see cref="Determiners">determiner</see> (a subject the
    /// question introduces itself). ThingWords: every content word, lower-cased, of the noun phrases a determiner or a
    /// <see cref="Prepositions">preposition</see> opens (what the question is about, for <see cref="UnknownWords"/>: "in asia").
    /// </summary>
    private sealed record Analysis(List<string> Names, List<string> Numbers, List<string> KeyWords, List<string> PhraseWords, List<string> ThingWords, bool HasAnaphora);

    // Words that open a noun phrase: what follows them is a thing the question names itself ("the schedule", "many reading rooms").
    private static readonly FrozenSet<string> Determiners = FrozenSet.ToFrozenSet(
        ["a", "an", "the", "my", "our", "your", "many", "much", "any", "some", "each", "every"], StringComparer.Ordinal);

    private static Analysis Analyse(string text)
    {
        var names = new List<string>();
        var numbers = new List<string>();
        var keyWords = new List<string>();
        var phraseWords = new List<string>();
        var thingWords = new List<string>();
        // Words in the open noun phrase, -1 outside one: a determiner's phrase, and a determiner's or preposition's.
        var (determined, opened) = (-1, -1);
        var hasAnaphora = false;
        var name = new List<string>();

        void EndName()
        {
            if (name.Count > 0) names.Add(string.Join(' ', name));
            name.Clear();
        }

        var matches = Word().Matches(text);
        var words = matches.Select(m => m.Value).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            // Punctuation between two words ("Ruiz, UNESCO") or a full stop ends a name.
            if (i > 0)
            {
                var gapStart = matches[i - 1].Index + matches[i - 1].Length;
                if (text.AsSpan(gapStart, matches[i].Index - gapStart).Trim().Length > 0 || (words[i - 1].EndsWith('.') && !IsAcronym(words[i - 1])))
                    EndName();
            }
            var word = words[i].TrimEnd('.') is { Length: > 0 } trimmed && !IsAcronym(words[i]) ? trimmed : words[i];
            var lower = word.ToLowerInvariant().Replace('’', '\'');
            var stop = ContentWords.IsStopWord(lower) || QuestionWords.Contains(lower);
            // A noun phrase runs from the word that opens it to the first function word, at most ThingFocus.MaxPhraseWords
            // words; a number is passed over in a determiner's phrase ("the 3 rooms") and ends a thing phrase.
            var digit = char.IsDigit(word[0]);
            if (!digit) determined = Advance(determined, Determiners.Contains(lower), lower);
            opened = Advance(opened, Determiners.Contains(lower) || Prepositions.Contains(lower), lower);
            if (opened > 0) thingWords.Add(lower);
            if (digit)
            {
                EndName();
                numbers.Add(word);
                continue;
            }
            if (Anaphora.Contains(lower) && !(lower == "there" && Existential(words, i))) hasAnaphora = true;
            if (char.IsUpper(word[0]) && !(stop && (i == 0 || name.Count == 0)) && word != "I")
            {
                name.Add(word);
                continue;
            }
            EndName();
            if (!stop && !Anaphora.Contains(lower) && word.Length >= 4)
            {
                keyWords.Add(lower);
                if (determined >= 0) phraseWords.Add(lower);
            }
        }
        EndName();
        return new Analysis(names, numbers, keyWords, phraseWords, thingWords, hasAnaphora);

        // The open phrase's length after this word (-1 outside a phrase, 0 at the word that opens it).
        static int Advance(int length, bool opens, string lower)
        {
            if (opens) return 0;
            if (length < 0) return -1;
            return ContentWords.IsStopWord(lower) || QuestionWords.Contains(lower) || Anaphora.Contains(lower) || char.IsDigit(lower[0]) || length + 1 > ThingFocus.MaxPhraseWords ? -1 : length + 1;
        }
    }

    // "he"/"him"/"she" stand for the person; "his" (and "her" before a noun: "her job") for the person's.
    [GeneratedRegex(@"\b(?<poss>his)\b|\b(?<her>her)\b(\s+(?<next>(?!(about|to|for|from|with|in|on|at|say|said|do|did|and|or|now|then|so)\b)[a-z][\w'-]*))?|\b(he|him|she)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PersonPronoun();

    private static readonly FrozenSet<string> Be = FrozenSet.ToFrozenSet(["is", "are", "was", "were", "be", "been", "isn't", "aren't", "wasn't", "weren't"], StringComparer.OrdinalIgnoreCase);

    /// <summary>"there" of "is there", "are there", "there are": it says something exists, it points nowhere.</summary>
    private static bool Existential(List<string> words, int i) =>
        (i > 0 && Be.Contains(words[i - 1].Replace('’', '\''))) || (i + 1 < words.Count && Be.Contains(words[i + 1].Replace('’', '\'')));

    private static bool IsAcronym(string word) => word.Length > 2 && word.Count(c => c == '.') >= 2; // U.K.

    /// <summary>The terms a rewrite carried over into <paramref name="question"/> (the text in parentheses at its end); empty when none.</summary>
    public static string CarriedPart(string question) => Carried().Match(question) is { Success: true } m ? m.Value.Trim().Trim('(', ')') : "";

    /// <summary><paramref name="question"/> without the terms a rewrite carried over in parentheses at its end (its own words and frame).</summary>
    public static string WithoutCarried(string question) => Carried().Replace(question, "");

    // The terms a rewrite carried over, in parentheses at the end.
    [GeneratedRegex(@"\s*\([^()]*\)\s*$")]
    private static partial Regex Carried();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*|[\p{L}][\p{L}\p{Mn}\p{N}'’.\-]*")]
    private static partial Regex Word();
}
