using System.Collections.Concurrent;
using ChatBot.Core.Answering;

namespace ChatBot.Teams.Tests.Support;

/// <summary>
/// In-test stand-in for the answer engine (the engine is not the wire): returns answers shaped like
/// the real engine's, with citations to the real corpus files, and records what it was asked.
/// </summary>
internal sealed class ScriptedAnswerEngine(Func<string, Answer>? answer = null, TimeSpan? delay = null) : IAnswerEngine
{
    public ConcurrentQueue<(string Question, AskContext? Context)> Asked { get; } = new();

    public async Task<Answer> AskAsync(string question, AskContext? context = null, CancellationToken cancellationToken = default)
    {
        Asked.Enqueue((question, context));
        if (delay is { } d) await Task.Delay(d, cancellationToken);
        if (question.Length > 2000) throw new InvalidQuestionException("Your question is too long (at most 2000 characters).");
        return (answer ?? Realistic)(question);
    }

    public Task<Answer> AskStreamingAsync(string question, IProgress<string> partialText, AskContext? context = null, CancellationToken cancellationToken = default) =>
        AskAsync(question, context, cancellationToken);

    public static Answer Realistic(string question) => new()
    {
        Question = question,
        Answered = true,
        Text = "Every airplane passenger arriving in Mexico is vetted against U.S. criminal and national security databases [1], "
               + "and U.S. border officers work alongside Mexican counterparts at the Mexico City airport [1]. "
               + "Intelligence cooperation on immigration, border security, drugs and trafficking has grown closer over the last decade [2].",
        Citations =
        [
            new Citation(1, "003_f2003a5a2784408f.txt", "U.S.-Mexico security cooperation is at a historic high. Will that change under Trump?",
                "The Washington Post", "https://www.washingtonpost.com/world/the_americas/us-mexico-security-cooperation/",
                "Every airplane passenger who arrives in Mexico is vetted against U.S. criminal and national security databases, a daily dose of intelligence sharing aimed at finding fugitives and suspected terrorists."),
            new Citation(2, "000_ec4c33d2d5d46252.txt", "US-Mexico Intelligence Cooperation Braces For Possible Change",
                "Fronteras Desk", null,
                "The U.S. Congressional Research Service says intelligence cooperation between Mexico and the United States has become closer in the last decade on issues important to both countries such as illegal immigration, border security, drugs and human trafficking."),
        ],
        ElapsedMs = 12.5,
    };

    public static Answer Refusal(string question) => new()
    {
        Question = question,
        Answered = false,
        Text = "I can only answer questions about the articles I know, and they don't cover that.",
    };
}
