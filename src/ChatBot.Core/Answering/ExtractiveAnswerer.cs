using ChatBot.Core.Search;

namespace ChatBot.Core.Answering;

/// <summary>The sentence(s) chosen to answer, and how strongly the corpus supports them.</summary>
public sealed record ExtractiveResult(
    IReadOnlyList<AnalyzedSentence> Sentences,
    RetrievedPassage Passage,
    double Score,
    double Coverage,
    int MatchedTerms,
    bool TypeMatched);

/// <summary>
/// Picks the sentence that answers a question from the retrieved passages. Each sentence is scored by
/// the idf-weighted share of the question's terms it holds (its speaker's name counts: "he said"
/// after "said Mark Morgan" is Morgan speaking), a little credit for terms in the sentences around
/// it, whether it holds the kind of thing asked for (a number for "how many"), direct speech for
/// "what did X say", and the passage's retrieval rank. The answer is completed where a lone sentence
/// would not stand: a sentence opening with "They" gets the one before it, and reported speech gets
/// the speaker's own words that follow.
/// </summary>
public sealed class ExtractiveAnswerer
{
    private const double ContextWeight = 0.35;
    private const double TypeBonus = 0.2;
    private const double TypePenalty = 0.1;
    private const double DirectSpeechBonus = 0.25;
    private const double SpeakerBonus = 0.15;
    private const double RetrievalPrior = 0.15;
    private const int MaxAppendedChars = 360;
    private const int MaxAnswerChars = 600;
    private const int PartnerWindow = 3;
    private const double MinPartnerGain = 0.15;
    private const int FinalCandidates = 8;
    private const double CoverageWeight = 0.5;
    private const double SupportedBonus = 1.0;

    public ExtractiveResult? Answer(IndexSnapshot snapshot, QuestionAnalysis question, IReadOnlyList<RetrievedPassage> passages)
    {
        if (passages.Count == 0 || question.Terms.Count == 0) return null;
        var weights = question.Terms.ToDictionary(t => t, t => snapshot.TermStats.Idf(t));
        var total = weights.Values.Sum();
        var topScore = passages.Max(p => p.Score);

        var candidates = new List<(AnalyzedSentence Sentence, RetrievedPassage Passage, double Score, bool TypeMatched)>();
        var seen = new HashSet<(string, int)>();
        foreach (var passage in passages)
        {
            var analysis = snapshot.Analysis(passage.Chunk.Source);
            foreach (var sentence in analysis.SentencesIn(passage.Chunk.Start, passage.Chunk.Start + passage.Chunk.Length))
            {
                if (!seen.Add((passage.Chunk.Source, sentence.Index))) continue;
                var speakerTerms = SpeakerTerms(sentence);
                double own = 0, context = 0;
                var neighbours = Neighbours(analysis, sentence);
                foreach (var (term, w) in weights)
                {
                    if (sentence.Terms.Contains(term) || speakerTerms.Contains(term)) own += w;
                    else if (neighbours.Any(n => n.Terms.Contains(term))) context += w;
                }
                var score = (own + ContextWeight * context) / total + RetrievalPrior * passage.Score / topScore;
                var typeMatched = AnswerFeatures.Matches(question.Type, sentence.Text, question);
                if (question.Type is AnswerType.Number or AnswerType.Date or AnswerType.Person or AnswerType.Organization or AnswerType.Place)
                    score += typeMatched ? TypeBonus : -TypePenalty;
                if (question.Type == AnswerType.Statement)
                {
                    score += DirectSpeechBonus * sentence.QuotedShare;
                    if (speakerTerms.Overlaps(question.NameTerms)) score += SpeakerBonus;
                    typeMatched = sentence.QuotedShare > 0 || sentence.Speaker is not null;
                }
                if (sentence.Terms.Count < 4) score -= 0.15;
                candidates.Add((sentence, passage, score, typeMatched));
            }
        }
        if (candidates.Count == 0) return null;

        // The strongest few sentences are each completed into an answer; the best-scoring one whose
        // answer the evidence supports wins, so a well-ranked but thin sentence cannot crowd out a
        // supported one.
        ExtractiveResult? chosen = null;
        var chosenRank = double.MinValue;
        foreach (var candidate in candidates.OrderByDescending(c => c.Score).Take(FinalCandidates))
        {
            var result = Compose(snapshot, question, candidate.Sentence, candidate.Passage, candidate.Score, candidate.TypeMatched, weights, total);
            var rank = candidate.Score + CoverageWeight * result.Coverage + (result.Coverage >= EvidencePolicy.MinCoverage ? SupportedBonus : 0);
            if (rank > chosenRank) { chosen = result; chosenRank = rank; }
        }
        return chosen;
    }

    private static ExtractiveResult Compose(IndexSnapshot snapshot, QuestionAnalysis question, AnalyzedSentence sentence, RetrievedPassage passage,
        double score, bool typeMatched, Dictionary<string, double> weights, double total)
    {
        var analysis = snapshot.Analysis(passage.Chunk.Source);
        var units = Complete(analysis, sentence, question);
        AddPartner(analysis, units, weights, total);
        if (!typeMatched) AddTypePartner(analysis, units, question);
        var covered = units.SelectMany(u => u.Terms.Concat(SpeakerTerms(u))).ToHashSet(StringComparer.Ordinal);
        var coveredWeight = weights.Where(w => covered.Contains(w.Key)).Sum(w => w.Value);
        var matched = weights.Keys.Count(covered.Contains);
        var typeOk = typeMatched || units.Any(u => AnswerFeatures.Matches(question.Type, u.Text, question));
        return new ExtractiveResult(units, passage, score, coveredWeight / total, matched, typeOk);
    }

    /// <summary>
    /// A "who" question answered by a sentence that names nobody ("the former chief … believes …") takes
    /// the next sentence within reach that holds the kind of thing asked for ("… said Guillermo Valdés").
    /// </summary>
    private static void AddTypePartner(DocumentAnalysis analysis, List<AnalyzedSentence> units, QuestionAnalysis question)
    {
        if (question.Type is AnswerType.Any or AnswerType.Statement) return;
        if (units.Any(u => AnswerFeatures.Matches(question.Type, u.Text, question))) return;
        var first = units.Min(u => u.Index);
        var last = units.Max(u => u.Index);
        foreach (var i in new[] { last + 1, first - 1, last + 2, first - 2 })
        {
            if (i < 0 || i >= analysis.Sentences.Count) continue;
            var s = analysis.Sentences[i];
            if (Math.Abs(s.Paragraph - analysis.Sentences[i < first ? first : last].Paragraph) > 1) continue;
            if (!AnswerFeatures.Matches(question.Type, s.Text, question)) continue;
            if (units.Sum(u => u.Text.Length) + s.Text.Length > MaxAnswerChars) return;
            units.Add(s);
            units.Sort((a, b) => a.Index.CompareTo(b.Index));
            return;
        }
    }

    private static HashSet<string> SpeakerTerms(AnalyzedSentence s) =>
        s.Speaker is null ? [] : SearchAnalyzer.Shared.Terms(s.Speaker).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// When a nearby sentence of the same document holds question terms the answer lacks ("was arrested
    /// in Sinaloa" … "was extradited to the United States"), it joins the answer.
    /// </summary>
    private static void AddPartner(DocumentAnalysis analysis, List<AnalyzedSentence> units, Dictionary<string, double> weights, double total)
    {
        var covered = units.SelectMany(u => u.Terms.Concat(SpeakerTerms(u))).ToHashSet(StringComparer.Ordinal);
        var missing = weights.Where(w => !covered.Contains(w.Key)).ToList();
        if (missing.Count == 0) return;
        var first = units.Min(u => u.Index);
        var last = units.Max(u => u.Index);
        AnalyzedSentence? partner = null;
        double gain = 0;
        for (var i = Math.Max(0, first - PartnerWindow); i <= Math.Min(analysis.Sentences.Count - 1, last + PartnerWindow); i++)
        {
            if (i >= first && i <= last) continue;
            var s = analysis.Sentences[i];
            var g = missing.Where(m => s.Terms.Contains(m.Key)).Sum(m => m.Value);
            if (g > gain) { gain = g; partner = s; }
        }
        if (partner is null || gain < MinPartnerGain * total) return;
        if (units.Sum(u => u.Text.Length) + partner.Text.Length > MaxAnswerChars) return;
        units.Add(partner);
        units.Sort((a, b) => a.Index.CompareTo(b.Index));
    }

    /// <summary>"Foreign Secretary Luis Videgaray" and "Videgaray" are the same speaker.</summary>
    private static bool SameSpeaker(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.Split(' ')[^1], b.Split(' ')[^1], StringComparison.Ordinal);

    private static List<AnalyzedSentence> Neighbours(DocumentAnalysis analysis, AnalyzedSentence s)
    {
        var list = new List<AnalyzedSentence>(2);
        if (s.Index > 0) list.Add(analysis.Sentences[s.Index - 1]);
        if (s.Index + 1 < analysis.Sentences.Count) list.Add(analysis.Sentences[s.Index + 1]);
        return list;
    }

    /// <summary>Adds the sentence a pronoun points back to, or the speaker's own words after reported speech.</summary>
    private static List<AnalyzedSentence> Complete(DocumentAnalysis analysis, AnalyzedSentence best, QuestionAnalysis question)
    {
        var units = new List<AnalyzedSentence> { best };
        if (best.StartsWithPronoun && best.Index > 0)
        {
            var previous = analysis.Sentences[best.Index - 1];
            if (previous.Paragraph >= best.Paragraph - 1 && previous.Text.Length + best.Text.Length <= 500) units.Insert(0, previous);
        }
        if (question.Type == AnswerType.Statement && best.QuotedShare < 0.5 && best.Speaker is not null)
        {
            var appended = 0;
            for (var i = best.Index + 1; i < analysis.Sentences.Count; i++)
            {
                var next = analysis.Sentences[i];
                if (next.Paragraph > best.Paragraph + 1 || !SameSpeaker(next.Speaker, best.Speaker) || next.QuotedShare < 0.4) break;
                if (appended + next.Text.Length > MaxAppendedChars) break;
                units.Add(next);
                appended += next.Text.Length;
            }
        }
        return units;
    }
}
