using System.Text.RegularExpressions;
using ChatBot.Core.Answering;

namespace ChatBot.Core.Conversations;

/// <summary>
/// The thing a conversation is about ("it", "that", "that version"), as <see cref="ConversationTurn.Person"/>
/// is the person ("he", "she"). Read by English frames only, without a model: the item an answer led with when
/// the question asked for a thing ("which version fixed X?" → "4.2.1"), else the noun phrase the question
/// introduced with an article or possessive ("how do I make a support bundle?" → "support bundle"), else the
/// subject of a what-is question; a question that introduces nothing keeps the thing it was about.
/// </summary>
public static partial class ThingFocus
{
    /// <summary>Most words of a noun phrase kept: longer runs without a function word are a clause, not a name.</summary>
    public const int MaxPhraseWords = 3;

    /// <summary>The thing in focus after a turn; <paramref name="previous"/> when the turn introduced none.</summary>
    public static string? After(string question, QuestionAnalysis analysis, Answer answer, string? previous)
    {
        // The question's own words, without the terms a rewrite carried over in parentheses.
        var own = HeuristicFollowUpRewriter.WithoutCarried(question);
        if (answer.Answered && answer.Lead is { Length: > 0 } lead
            && (analysis.Type is AnswerType.Version or AnswerType.Organization or AnswerType.Place || analysis.Type == AnswerType.Person && IsThing(answer)))
            return lead;
        if (Introduced(own) is { } phrase) return LongForm(phrase, answer);
        // A subject opening on a function word ("before 2019" of "and before 2019?") is no thing: the focus stays.
        if (analysis.Kind == QuestionKind.WhatIs && analysis.Subject is { Length: > 0 } subject && !OpensOnFunctionWord(subject)) return LongForm(subject, answer);
        return previous;
    }

    /// <summary>
    /// An acronym's name as the answer spells it out ("what is the NRA?" answered "… the Northern Rail Alliance said …": "it" is then
    /// the Northern Rail Alliance): the corpus may never write the acronym, and a follow-up asking with it again would find the
    /// answer only through the acronym's expansion. The phrase itself when it is no acronym or the answer does not spell it out.
    /// </summary>
    public static string LongForm(string phrase, Answer answer)
    {
        var acronym = phrase.Trim();
        if (!answer.Answered || acronym.Length is < 2 or > 8 || !acronym.All(char.IsUpper)) return phrase;
        foreach (var evidence in answer.Evidence)
            foreach (Match m in CapitalisedRun().Matches(evidence.Text))
            {
                var words = m.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).ToList();
                // The last capitalised words of the run begin with the acronym's letters, in order ("Dr Ana Lee of the Port Users Group").
                var start = words.Count - acronym.Length;
                if (start >= 0 && words.Skip(start).Select(w => w[0]).SequenceEqual(acronym))
                    return string.Join(' ', m.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => w != words[start]));
            }
        return phrase;
    }

    // Capitalised words with the small function words a name keeps between them ("Society of Zorbian Vintners").
    [GeneratedRegex(@"\p{Lu}[\p{L}'’\-]*(?:\s+(?:(?:of|and|for|the|on|in|de)\s+)?\p{Lu}[\p{L}'’\-]*)+")]
    private static partial Regex CapitalisedRun();

    /// <summary>
    /// <paramref name="question"/> with "it", a bare "that"/"this", or "that/this &lt;noun&gt;" naming the focus's
    /// own noun replaced by <paramref name="focus"/>; null when it has no such reference.
    /// </summary>
    public static string? Resolve(string question, string focus)
    {
        var focusWords = focus.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var replaced = false;
        var resolved = Reference().Replace(question, m =>
        {
            // "that law" is the focus only when the focus is a law (or an item the answer led with, "that version" → "4.2.1").
            if (m.Groups["noun"].Success && !focusWords.Contains(m.Groups["noun"].Value.ToLowerInvariant()) && focus.Any(char.IsLetter)) return m.Value;
            replaced = true;
            return focus;
        });
        return replaced ? resolved : null;
    }

    /// <summary>
    /// Whether <paramref name="answer"/>'s lead item is a thing rather than a person: it opens on a lower-case article, or the
    /// sentence it was drawn from gives it one ("the lead sponsor is the Harbour Trust"), as no one's name has ("who is the lead
    /// sponsor?" answered "Harbour Trust": "it" is then that trust, and "she" nobody new).
    /// </summary>
    public static bool IsThing(Answer answer) =>
        answer.Lead is { Length: > 0 } lead && (ArticleOpening().IsMatch(lead)
            || answer.Evidence.Count > 0 && Regex.IsMatch(answer.Evidence[0].Text, $@"\b(the|a|an)\s+{Regex.Escape(lead)}\b"));

    [GeneratedRegex(@"^(the|a|an)\s")]
    private static partial Regex ArticleOpening();

    private static bool OpensOnFunctionWord(string phrase) =>
        phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] && ContentWords.IsStopWord(first.ToLowerInvariant());

    private static string? Introduced(string question)
    {
        foreach (Match m in Phrase().Matches(question))
        {
            var words = new List<string>();
            foreach (var word in m.Groups["words"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var lower = word.ToLowerInvariant();
                if (ContentWords.IsStopWord(lower) || words.Count == MaxPhraseWords) break;
                words.Add(word);
            }
            if (words.Count > 0) return string.Join(' ', words);
        }
        return null;
    }

    // A noun phrase opened by an article or possessive: "a support bundle", "the reconnect loop", "my agents".
    [GeneratedRegex(@"\b(a|an|the|my|our|your)\s+(?<words>[\p{L}\p{N}][\p{L}\p{N}'’.\-]*(\s+[\p{L}\p{N}][\p{L}\p{N}'’.\-]*){0,5})", RegexOptions.IgnoreCase)]
    private static partial Regex Phrase();

    // "it"; "that"/"this" standing alone (before the end, punctuation or a verb of the question); "that law", "this feature", "the same version".
    [GeneratedRegex(@"\bit\b(?!['’])|\b(?:that|this)\b(?=\s*(?:[?.!,;]|$)|\s+(?:is|was|does|did|has|had|will|would|can|could|come|came|mean|means|work|works|cost|costs|happen|happened|change|changed|go|went|start|started|end|ended)\b)|\b(?:that|this|the\s+same)\s+(?<noun>(?!(?:is|was|does|did|has|had|will|would|can|could)\b)[a-z][\w-]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();
}
