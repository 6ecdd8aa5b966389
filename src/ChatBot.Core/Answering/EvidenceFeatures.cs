namespace ChatBot.Core.Answering;

/// <summary>
/// The named features answering decides on. Sentence features rank the candidate sentences of one
/// question (<see cref="AnswerCalibration.Ranker"/>); question features decide whether the corpus
/// answers it at all (<see cref="AnswerCalibration.Refusal"/>). Every one is defined here, computed by
/// <see cref="ExtractiveAnswerer"/>, and weighted only by fitting (`chatbot calibrate`).
/// </summary>
public static class EvidenceFeatures
{
    // Sentence (ranker) features.

    /// <summary>Cosine similarity of the sentence (embedded as a document) with the question (embedded as a query); 0 without a model.</summary>
    public const string Dense = "dense";

    /// <summary><see cref="Dense"/> minus the best candidate's: how far behind the closest sentence this one is.</summary>
    public const string DenseGap = "dense_gap";

    /// <summary>Idf-weighted share of the question's known content terms in the sentence (its speaker's name counts).</summary>
    public const string Coverage = "coverage";

    /// <summary>Idf-weighted share of the question's terms missing from the sentence but in the sentence before it (same section) or its section heading.</summary>
    public const string Context = "context";

    /// <summary>The question asks for an item (person, number, date, place, organisation) and the sentence holds a new one.</summary>
    public const string TypeMatch = "type_match";

    /// <summary>The question asks for an item and the sentence holds none it does not already name.</summary>
    public const string TypeMiss = "type_miss";

    /// <summary>Retrieval score of the passage the sentence is in, relative to the best passage (0 when no retrieved passage holds it).</summary>
    public const string Passage = "passage";

    /// <summary>The sentence describes the question's subject where it names it (an appositive, a role before the name, "X is a …", "X (ACR)").</summary>
    public const string Describes = "describes";

    /// <summary>For "what did X say": the share of the sentence that is direct speech.</summary>
    public const string Quote = "quote";

    public static readonly IReadOnlyList<string> SentenceFeatures = [Dense, DenseGap, Coverage, Context, TypeMatch, TypeMiss, Passage, Describes, Quote];

    // Question (refusal) features.

    /// <summary>Best cosine similarity between the question and any retrieved passage.</summary>
    public const string PassageSimilarity = "passage_similarity";

    /// <summary>Cosine similarity between the question and the chosen sentence.</summary>
    public const string SentenceSimilarity = "sentence_similarity";

    /// <summary>
    /// Idf-weighted share of the question's known content terms that the answer (with its section headings) holds; a
    /// term only the sentence before the answer holds counts at <see cref="ExtractiveAnswerer.ContextShare"/> of its weight.
    /// </summary>
    public const string AnswerCoverage = "answer_coverage";

    /// <summary>
    /// How much the answer says of the question: the summed idf of the question's terms it holds, in
    /// units of the idf of a word found in one chunk only, so it means the same in a small corpus and a
    /// large one (a question whose only known word is a common one gives little to go on, whatever share
    /// of it the answer covers).
    /// </summary>
    public const string MatchedWeight = "matched_weight";

    /// <summary>Named things of the question (capitalised words, acronyms, numbers) that the corpus never mentions, even after spelling correction; at most 2.</summary>
    public const string UnknownNames = "unknown_names";

    /// <summary>The question asks for an item and the answer holds none it does not already name.</summary>
    public const string ItemMissing = "item_missing";

    /// <summary>
    /// The question asks for an item and the answer holds one, but none within a clause
    /// (<see cref="ExtractiveAnswerer.ItemWindow"/> words) of a word of the question: the item there most
    /// likely answers something else the sentence says (a date of another event, a number of another thing).
    /// </summary>
    public const string ItemFar = "item_far";

    /// <summary>
    /// Numbers of the question (years, versions, amounts) the corpus holds but the answer and its headings do not, at most
    /// 2: a sentence about the same thing in another year or version ("between 2011 and 2017" answered by "1998–2011").
    /// </summary>
    public const string NumbersMissing = "numbers_missing";

    /// <summary>
    /// Share of the question's content terms the corpus never uses (after spelling correction). Only the lexical fallback
    /// uses it: with an embedding model the similarities say how far off-topic a question is, and an unknown common word is
    /// no evidence; without one, "the boiling point of liquid nitrogen" matching only "point" is all there is to go on.
    /// </summary>
    public const string UnknownShare = "unknown_share";

    public static readonly IReadOnlyList<string> QuestionFeatures = [PassageSimilarity, SentenceSimilarity, AnswerCoverage, MatchedWeight, UnknownNames, ItemMissing, ItemFar, NumbersMissing];

    /// <summary>The question features a lexical-only calibration uses (no embedding model: no similarities).</summary>
    public static readonly IReadOnlyList<string> LexicalQuestionFeatures = [AnswerCoverage, MatchedWeight, UnknownNames, ItemMissing, ItemFar, NumbersMissing, UnknownShare];

    /// <summary>The sentence features a lexical-only calibration uses.</summary>
    public static readonly IReadOnlyList<string> LexicalSentenceFeatures = [Coverage, Context, TypeMatch, TypeMiss, Passage, Describes, Quote];
}
