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

    public ExtractiveResult? Answer(IndexSnapshot snapshot, QuestionAnalysis question, IReadOnlyList<RetrievedPassage> passages)
    {
        if (passages.Count == 0 || question.Terms.Count == 0) return null;
        var weights = question.Terms.ToDictionary(t => t, t => snapshot.TermStats.Idf(t));
        var total = weights.Values.Sum();
        var topScore = passages.Max(p => p.Score);

        ExtractiveResult? best = null;
        var seen = new HashSet<(string, int)>();
        foreach (var passage in passages)
        {
            var analysis = snapshot.Analysis(passage.Chunk.Source);
            foreach (var sentence in analysis.SentencesIn(passage.Chunk.Start, passage.Chunk.Start + passage.Chunk.Length))
            {
                if (!seen.Add((passage.Chunk.Source, sentence.Index))) continue;
                var speakerTerms = sentence.Speaker is null ? [] : Search.SearchAnalyzer.Shared.Terms(sentence.Speaker).ToHashSet();
                double own = 0, context = 0;
                var matched = 0;
                var neighbours = Neighbours(analysis, sentence);
                foreach (var (term, w) in weights)
                {
                    if (sentence.Terms.Contains(term) || speakerTerms.Contains(term)) { own += w; matched++; }
                    else if (neighbours.Any(n => n.Terms.Contains(term))) context += w;
                }
                var coverage = own / total;
                var score = coverage + ContextWeight * context / total + RetrievalPrior * passage.Score / topScore;
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
                if (best is null || score > best.Score)
                    best = new ExtractiveResult([sentence], passage, score, (own + ContextWeight * context) / total, matched, typeMatched);
            }
        }
        return best is null ? null : best with { Sentences = Complete(snapshot.Analysis(best.Passage.Chunk.Source), best.Sentences[0], question) };
    }

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
                if (next.Paragraph > best.Paragraph + 1 || next.Speaker != best.Speaker || next.QuotedShare < 0.5) break;
                if (appended + next.Text.Length > MaxAppendedChars) break;
                units.Add(next);
                appended += next.Text.Length;
            }
        }
        return units;
    }
}
