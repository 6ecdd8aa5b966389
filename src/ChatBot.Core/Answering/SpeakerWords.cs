using ChatBot.Core.Search;

namespace ChatBot.Core.Answering;

/// <summary>
/// What a person said: the units that are their words, and the one that speaks of a topic, shown with the attribution and the
/// quotation running on around it. Shared by "what did X say about Y?" asked alone (the engine) and in a conversation.
/// </summary>
public static class SpeakerWords
{
    /// <summary>
    /// Whether a unit is the person's own words: attributed to them by name, or by inheritance and then holding a quotation
    /// ("“…,” the paragraph's speaker goes on") or reporting it after a pronoun ("He added that the talks would resume").
    /// </summary>
    public static bool IsWordsOf(AnalyzedSentence s, string person) =>
        s.IsAnswerable && ExtractiveAnswerer.SameSpeaker(s.Speaker, person)
        && (s.QuotedShare > 0 || !s.SpeakerInherited || DocumentAnalysis.PronounAttributionIndex(s.Text) >= 0);

    /// <summary>How close a unit of the speaker's words comes to a topic: the topic's weight held by the unit, its paragraph, its document.</summary>
    public readonly record struct Match(string Source, AnalyzedSentence Unit, double InUnit, double InParagraph, double InDocument, double Preference)
        : IComparable<Match>
    {
        /// <summary>
        /// A quote that names the topic itself first, then one whose paragraph does (quotes refer to their subject by pronoun), then
        /// one whose document does (a statement on the day of an event rarely names it: the document it is reported in does);
        /// ties by the caller's preference.
        /// </summary>
        public int CompareTo(Match other) => (InUnit, InParagraph, InDocument, Preference).CompareTo((other.InUnit, other.InParagraph, other.InDocument, other.Preference));
    }

    /// <summary>
    /// The unit of <paramref name="speaker"/>'s words that best speaks of a topic (its terms with their weights), or null when
    /// none of their words or paragraphs holds any of it. With <paramref name="documentLevel"/> a unit whose document alone holds
    /// it counts too: "what did X say when Y happened?" asks for words said on an occasion the document reports, not about it.
    /// <paramref name="preference"/> breaks ties (a document the conversation cited, the unit's closeness to the question).
    /// </summary>
    public static Match? About(IndexSnapshot snapshot, string speaker, IReadOnlyDictionary<string, double> topic, bool documentLevel,
        Func<string, AnalyzedSentence, double> preference)
    {
        Match? best = null;
        foreach (var document in snapshot.Documents)
        {
            if (document.DuplicateOf is not null) continue;
            var sentences = snapshot.Analysis(document.Source).Sentences;
            HashSet<string>? documentTerms = null;
            foreach (var s in sentences)
            {
                if (!IsWordsOf(s, speaker)) continue;
                var paragraph = sentences.Where(o => o.Paragraph == s.Paragraph).SelectMany(o => o.Terms).ToHashSet(StringComparer.Ordinal);
                documentTerms ??= sentences.SelectMany(o => o.Terms).ToHashSet(StringComparer.Ordinal);
                double Held(IReadOnlySet<string> terms) => topic.Where(t => terms.Contains(t.Key)).Sum(t => t.Value);
                var match = new Match(document.Source, s, Held(s.Terms), Held(paragraph), Held(documentTerms), preference(document.Source, s));
                if (match.InParagraph <= 0 && !(documentLevel && match.InDocument > 0)) continue;
                if (best is not { } b || match.CompareTo(b) > 0) best = match;
            }
        }
        return best;
    }

    /// <summary>
    /// The speaker's words shown whole around a unit: the sentence of the same paragraph that names them when the unit goes on
    /// quoting them ("“…,” said Ana Ruiz. “…”"), and the quotation running on after it, in the paragraph and into a next
    /// paragraph that goes on quoting them; within <see cref="ExtractiveAnswerer.MaxSegmentChars"/>.
    /// </summary>
    public static List<AnalyzedSentence> Statement(DocumentAnalysis analysis, AnalyzedSentence unit, string speaker)
    {
        var all = analysis.Sentences;
        var units = new List<AnalyzedSentence> { unit };
        int Length() => units.Sum(u => u.Text.Length);
        if (unit.SpeakerInherited && unit.Index > 0 && all[unit.Index - 1] is var named && named.Paragraph == unit.Paragraph
            && IsWordsOf(named, speaker) && !named.SpeakerInherited && Length() + named.Text.Length <= ExtractiveAnswerer.MaxSegmentChars)
            units.Insert(0, named);
        for (var i = unit.Index + 1; i < all.Count && IsWordsOf(all[i], speaker)
            && (all[i].Paragraph == all[i - 1].Paragraph || all[i].QuotedShare >= ExtractiveAnswerer.MinRunOnQuotedShare)
            && Length() + all[i].Text.Length <= ExtractiveAnswerer.MaxSegmentChars; i++)
            units.Add(all[i]);
        return units;
    }
}
