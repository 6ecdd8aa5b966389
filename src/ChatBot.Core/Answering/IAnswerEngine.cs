namespace ChatBot.Core.Answering;

/// <summary>The answer engine every surface (CLI, HTTP, Discord, Teams) calls.</summary>
public interface IAnswerEngine
{
    /// <summary>Answers a question from the corpus, or refuses. Throws <see cref="InvalidQuestionException"/> for bad input.</summary>
    Task<Answer> AskAsync(string question, AskContext? context = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="AskAsync"/>, reporting partial answer text as it is produced (LLM streaming);
    /// the returned answer is the final, citation-checked one.
    /// </summary>
    Task<Answer> AskStreamingAsync(string question, IProgress<string> partialText, AskContext? context = null, CancellationToken cancellationToken = default);
}
