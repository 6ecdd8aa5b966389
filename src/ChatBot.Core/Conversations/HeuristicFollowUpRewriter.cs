using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ChatBot.Core.Answering;

namespace ChatBot.Core.Conversations;

/// <summary>
/// Resolves follow-ups without a model. A question is a follow-up when there is history and it
/// opens with a connective ("and …", "what about …"), or leans on a pronoun ("that", "they", "he",
/// "it", …) without naming anything itself, or is too short to stand alone ("Why?", "When exactly?").
/// The previous standalone question's salient terms — capitalised names, numbers, key nouns — are then
/// appended in parentheses, which is what retrieval needs. Names or numbers the follow-up brings itself
/// replace the previous ones ("what about in 2017?" drops 2016; "what about Canada?" drops Mexico).
/// </summary>
public sealed partial class HeuristicFollowUpRewriter : IFollowUpRewriter
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
        Task.FromResult(Rewrite(question, history));

    public static string Rewrite(string question, IReadOnlyList<ConversationTurn> history)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (history is null || history.Count == 0) return question;
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
        var current = Analyse(question);
        if (!IsFollowUp(question, current)) return question;

        var previous = Analyse(history[^1].StandaloneQuestion);
        var replacesNames = current.Names.Count > 0 && !current.HasAnaphora;
        var terms = new List<string>();
        if (!replacesNames) terms.AddRange(previous.Names);
        if (current.Numbers.Count == 0) terms.AddRange(previous.Numbers);
        terms.AddRange(previous.KeyWords);

        var carried = terms
            .Where(term => question.IndexOf(term, StringComparison.OrdinalIgnoreCase) < 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxCarriedTerms)
            .ToList();
        return carried.Count == 0 ? question : $"{question.TrimEnd()} ({string.Join(", ", carried)})";
    }

    /// <summary>Whether <paramref name="question"/> refers back at all: a follow-up, or a pronoun beside names of its own ("what did he tell the Gazette?").</summary>
    public static bool LeansOnConversation(string question) => IsFollowUp(question) || Analyse(question).HasAnaphora;

    /// <summary>Whether <paramref name="question"/> needs the conversation to be understood (given there is one).</summary>
    public static bool IsFollowUp(string question) => IsFollowUp(question, Analyse(question));

    private static bool IsFollowUp(string question, Analysis analysis)
    {
        var lower = question.TrimStart().ToLowerInvariant();
        if (Connectives.Any(c => lower.StartsWith(c, StringComparison.Ordinal))) return true;
        if (analysis.Names.Count > 0) return false;
        return analysis.HasAnaphora || analysis.KeyWords.Count + analysis.Numbers.Count <= 2;
    }

    private sealed record Analysis(List<string> Names, List<string> Numbers, List<string> KeyWords, bool HasAnaphora);

    private static Analysis Analyse(string text)
    {
        var names = new List<string>();
        var numbers = new List<string>();
        var keyWords = new List<string>();
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
            // Punctuation between two words ("Guajardo, NAFTA") or a full stop ends a name.
            if (i > 0)
            {
                var gapStart = matches[i - 1].Index + matches[i - 1].Length;
                if (text.AsSpan(gapStart, matches[i].Index - gapStart).Trim().Length > 0 || (words[i - 1].EndsWith('.') && !IsAcronym(words[i - 1])))
                    EndName();
            }
            var word = words[i].TrimEnd('.') is { Length: > 0 } trimmed && !IsAcronym(words[i]) ? trimmed : words[i];
            var lower = word.ToLowerInvariant().Replace('’', '\'');
            if (char.IsDigit(word[0]))
            {
                EndName();
                numbers.Add(word);
                continue;
            }
            var stop = ContentWords.IsStopWord(lower) || QuestionWords.Contains(lower);
            if (Anaphora.Contains(lower)) hasAnaphora = true;
            if (char.IsUpper(word[0]) && !(stop && (i == 0 || name.Count == 0)) && word != "I")
            {
                name.Add(word);
                continue;
            }
            EndName();
            if (!stop && !Anaphora.Contains(lower) && word.Length >= 4) keyWords.Add(lower);
        }
        EndName();
        return new Analysis(names, numbers, keyWords, hasAnaphora);
    }

    // "he"/"him"/"she" stand for the person; "his" (and "her" before a noun: "her job") for the person's.
    [GeneratedRegex(@"\b(?<poss>his)\b|\b(?<her>her)\b(\s+(?<next>(?!(about|to|for|from|with|in|on|at|say|said|do|did|and|or|now|then|so)\b)[a-z][\w'-]*))?|\b(he|him|she)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PersonPronoun();

    private static bool IsAcronym(string word) => word.Length > 2 && word.Count(c => c == '.') >= 2; // U.S.

    [GeneratedRegex(@"\d+(?:[.,]\d+)*|[\p{L}][\p{L}\p{Mn}\p{N}'’.\-]*")]
    private static partial Regex Word();
}
