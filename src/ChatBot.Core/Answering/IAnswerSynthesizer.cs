using ChatBot.Core.Search;

namespace ChatBot.Core.Answering;

/// <summary>
/// What the engine hands to a synthesizer: the question, the numbered passages (1-based, in order)
/// and the extractive answer already made from them, to fall back to.
/// </summary>
public sealed record AnswerDraft(string Question, IReadOnlyList<RetrievedPassage> Passages, Answer Extractive);

/// <summary>
/// Turns a draft into the final answer, e.g. with an LLM. Implementations must only return
/// citations to given passages and must return <see cref="AnswerDraft.Extractive"/> on any failure.
/// </summary>
public interface IAnswerSynthesizer
{
    Task<Answer> SynthesizeAsync(AnswerDraft draft, IProgress<string>? partialText, CancellationToken cancellationToken);
}
