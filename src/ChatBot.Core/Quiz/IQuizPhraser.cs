namespace ChatBot.Core.Quiz;

/// <summary>
/// Optional seam for rewording a template question more naturally (e.g. with an LLM). It receives the
/// question with its answer and cited passage and returns a new stem, or null to keep the template.
/// The quiz service rejects a rewording that gives the answer away.
/// </summary>
public interface IQuizPhraser
{
    Task<string?> RephraseAsync(QuizQuestion question, CancellationToken cancellationToken = default);
}
