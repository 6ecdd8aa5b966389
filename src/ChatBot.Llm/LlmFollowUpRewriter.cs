using System.Text;
using ChatBot.Core.Answering;
using ChatBot.Core.Conversations;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace ChatBot.Llm;

/// <summary>
/// Rewrites follow-ups with the LLM's rewrite prompt (the recent turns plus the fenced question).
/// Any failure — timeout, HTTP error, open circuit, an empty or runaway reply — falls back to
/// <see cref="HeuristicFollowUpRewriter"/>, so a question is never lost.
/// </summary>
public sealed partial class LlmFollowUpRewriter(LlmChat chat, HeuristicFollowUpRewriter fallback, ILogger<LlmFollowUpRewriter> logger) : IFollowUpRewriter
{
    /// <summary>Turns shown to the model, most recent last.</summary>
    public const int TurnsShown = 3;

    /// <summary>A rewrite is a small job: it gets at most this long (or Llm:Timeout if shorter), so the answer keeps its budget.</summary>
    public static readonly TimeSpan RewriteTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Longer questions that show no sign of being a follow-up are taken as they are, without a model call.</summary>
    public const int MaxWordsToCheck = 8;

    private const int MaxAnswerChars = 400;

    public async Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (history is null || history.Count == 0) return question;
        if (!HeuristicFollowUpRewriter.IsFollowUp(question) && question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length > MaxWordsToCheck)
            return question;

        var arguments = new KernelArguments
        {
            ["history"] = FormatHistory(history),
            ["question"] = PromptText.Fence(question, "question"),
        };
        try
        {
            var reply = await chat.CompleteAsync(PromptLibrary.Rewrite, arguments, null, cancellationToken, RewriteTimeout).ConfigureAwait(false);
            var standalone = Clean(reply, question);
            // A follow-up handed back unchanged ("who said that?") would reach retrieval without its context.
            if (standalone is not null && !(string.Equals(standalone, question.Trim(), StringComparison.OrdinalIgnoreCase) && HeuristicFollowUpRewriter.IsFollowUp(question)))
                return standalone;
            LogFallback(logger, standalone is null ? "the reply was not a usable question" : "the reply left a follow-up unresolved");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogFallback(logger, LlmFailure.Describe(ex));
        }
        return await fallback.RewriteAsync(question, history, cancellationToken).ConfigureAwait(false);
    }

    private static string FormatHistory(IReadOnlyList<ConversationTurn> history)
    {
        var builder = new StringBuilder();
        foreach (var turn in history.TakeLast(TurnsShown))
        {
            var answer = turn.AnswerText.Length <= MaxAnswerChars ? turn.AnswerText : turn.AnswerText[..MaxAnswerChars] + "…";
            builder.Append("Q: ").Append(OneLine(turn.StandaloneQuestion)).Append('\n')
                   .Append("A: ").Append(OneLine(answer)).Append('\n');
        }
        return PromptText.Fence(builder.ToString().TrimEnd(), "conversation");
    }

    /// <summary>The first line, without quotes or a label; null when empty, a refusal, or far longer than any rewrite should be.</summary>
    internal static string? Clean(string reply, string question)
    {
        var line = reply.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (line is null) return null;
        foreach (var label in new[] { "standalone question:", "rewritten question:", "question:" })
            if (line.StartsWith(label, StringComparison.OrdinalIgnoreCase)) line = line[label.Length..].Trim();
        line = line.Trim('"', '\'', '“', '”', '`').Trim();
        if (line.Length == 0 || CitationValidator.IsIDontKnow(line)) return null;
        if (line.Length > Math.Max(300, question.Length * 4)) return null;
        return line;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM follow-up rewrite not used: {Reason}; using the heuristic rewrite")]
    private static partial void LogFallback(ILogger logger, string reason);
}
