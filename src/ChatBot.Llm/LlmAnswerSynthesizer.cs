using ChatBot.Core.Answering;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace ChatBot.Llm;

/// <summary>
/// Writes the answer with the LLM from the draft's numbered passages, streaming it, then checks its
/// citations (<see cref="CitationValidator"/>). Whatever goes wrong — timeout, HTTP error, open circuit,
/// empty or ungrounded output — the draft's extractive answer is returned instead, with
/// <see cref="Answer.Reason"/> saying why; it never throws except for the caller's own cancellation.
/// </summary>
public sealed partial class LlmAnswerSynthesizer(LlmChat chat, CitationValidator validator, ILogger<LlmAnswerSynthesizer> logger) : IAnswerSynthesizer
{
    /// <param name="partialText">
    /// Receives the whole text generated so far after each streamed chunk, markers to passages not given
    /// left out. It is not yet checked: the returned answer is the checked, renumbered one and replaces it.
    /// </param>
    public async Task<Answer> SynthesizeAsync(AnswerDraft draft, IProgress<string>? partialText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var extractive = draft.Extractive;
        // Refusals are final, and without passages there is nothing to ground an answer in.
        if (!extractive.Answered || draft.Passages.Count == 0) return extractive;

        var arguments = new KernelArguments(chat.AnswerSettings)
        {
            ["question"] = PromptText.Fence(draft.Question, "question"),
            ["passages"] = PromptText.NumberedPassages(draft.Passages),
            ["passage_count"] = draft.Passages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        string generated;
        try
        {
            var progress = partialText is null ? null : new MarkerFilteringProgress(partialText, draft.Passages.Count);
            generated = await chat.CompleteAsync(PromptLibrary.Answer, arguments, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return Fallback(extractive, LlmFailure.Describe(ex));
        }

        var check = validator.Validate(generated, draft.Passages);
        switch (check.Verdict)
        {
            case CitationVerdict.Accepted:
                if (check.RemovedMarkers > 0) LogRemovedMarkers(logger, check.RemovedMarkers);
                return extractive with
                {
                    Text = check.Text,
                    Citations = check.Citations,
                    Mode = "llm",
                    Reason = check.RemovedMarkers > 0
                        ? $"llm answer, {check.Reason}; {check.RemovedMarkers} marker(s) to passages not given removed"
                        : $"llm answer, {check.Reason}",
                };
            case CitationVerdict.Declined:
                // The extractive answer passed the engine's evidence checks and is grounded, so it stands.
                return Fallback(extractive, "the model said it does not know");
            default:
                return Fallback(extractive, check.Reason);
        }
    }

    private Answer Fallback(Answer extractive, string reason)
    {
        LogFallback(logger, reason);
        return extractive with
        {
            Mode = "extractive",
            Reason = $"llm fallback: {reason}; extractive answer used" + (extractive.Reason is { Length: > 0 } previous ? $" ({previous})" : ""),
        };
    }

    /// <summary>Partial text without markers naming passages that were not given, so a reader never sees "[7]" flash by.</summary>
    private sealed partial class MarkerFilteringProgress(IProgress<string> inner, int passageCount) : IProgress<string>
    {
        public void Report(string value) => inner.Report(Marker().Replace(value, m =>
            int.TryParse(m.Groups[1].ValueSpan, out var n) && n >= 1 && n <= passageCount ? m.Value : ""));

        [System.Text.RegularExpressions.GeneratedRegex(@"\[(\d{1,3})\]")]
        private static partial System.Text.RegularExpressions.Regex Marker();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM answer not used: {Reason}; falling back to the extractive answer")]
    private static partial void LogFallback(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM answer cited {Count} passage(s) that were not given; markers removed")]
    private static partial void LogRemovedMarkers(ILogger logger, int count);
}
