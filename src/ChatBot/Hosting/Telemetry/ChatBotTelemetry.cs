using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChatBot.Core.Answering;

namespace ChatBot.Hosting.Telemetry;

/// <summary>
/// The "ChatBot" ActivitySource and Meter. Answers are recorded where a surface calls
/// <see cref="IAnswerEngine"/>, so the HTTP API and the chat adapters report the same instruments.
/// </summary>
public sealed class ChatBotTelemetry
{
    public const string SourceName = "ChatBot";
    public const string MeterName = "ChatBot";

    public static ActivitySource ActivitySource { get; } = new(SourceName);

    private readonly Histogram<double> _answerDuration;
    private readonly Counter<long> _answers;
    private readonly Counter<long> _refusals;
    private readonly Histogram<double> _topScore;
    private readonly Counter<long> _errors;

    public ChatBotTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _answerDuration = meter.CreateHistogram<double>("chatbot.answer.duration", "ms", "Time to answer (or refuse) one question.");
        _answers = meter.CreateCounter<long>("chatbot.answers", "{answer}", "Questions answered or refused.");
        _refusals = meter.CreateCounter<long>("chatbot.answer.refusals", "{refusal}", "Questions refused as not covered by the corpus.");
        _topScore = meter.CreateHistogram<double>("chatbot.retrieval.top_score", "1", "Best retrieval score seen for a question.");
        _errors = meter.CreateCounter<long>("chatbot.errors", "{error}", "Failed requests, by kind.");
    }

    public void RecordAnswer(Answer answer, double elapsedMs, string surface)
    {
        var surfaceTag = new KeyValuePair<string, object?>("chatbot.surface", surface);
        var modeTag = new KeyValuePair<string, object?>("chatbot.answer.mode", answer.Mode);
        _answerDuration.Record(elapsedMs, surfaceTag, modeTag);
        _answers.Add(1, surfaceTag, new KeyValuePair<string, object?>("chatbot.answered", answer.Answered));
        if (!answer.Answered) _refusals.Add(1, surfaceTag);
        _topScore.Record(answer.TopScore, surfaceTag);
    }

    /// <summary>Counts a failure; <paramref name="kind"/> is a short stable word such as "invalid_question" or "internal".</summary>
    public void RecordError(string kind, string surface) =>
        _errors.Add(1, new KeyValuePair<string, object?>("error.type", kind), new KeyValuePair<string, object?>("chatbot.surface", surface));
}
