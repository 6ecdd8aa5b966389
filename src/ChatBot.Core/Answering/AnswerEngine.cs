using System.Diagnostics;
using ChatBot.Core.Conversations;
using ChatBot.Core.Search;
using ChatBot.Core.Search.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Answering;

/// <summary>
/// The answer engine: validate, retrieve, choose the answering sentence(s), check the evidence, cite;
/// then, when an LLM synthesizer is configured, let it phrase the answer from the same passages.
/// </summary>
public sealed class AnswerEngine(
    CorpusIndex index,
    IRetriever retriever,
    ExtractiveAnswerer extractive,
    ResponseTexts texts,
    IOptions<ChatBotOptions> options,
    IOptions<RetrievalOptions> retrievalOptions,
    ILogger<AnswerEngine> logger,
    IConversationStore? conversations = null,
    IFollowUpRewriter? rewriter = null,
    IAnswerSynthesizer? synthesizer = null) : IAnswerEngine
{
    /// <summary>How many passages retrieval hands to answering (and to an LLM).</summary>
    public const int PassageCount = 6;

    /// <summary>Longest quote shown with a citation.</summary>
    private const int MaxQuoteChars = 700;

    public Task<Answer> AskAsync(string question, AskContext? context = null, CancellationToken cancellationToken = default) =>
        AskCoreAsync(question, null, context, cancellationToken);

    public Task<Answer> AskStreamingAsync(string question, IProgress<string> partialText, AskContext? context = null, CancellationToken cancellationToken = default) =>
        AskCoreAsync(question, partialText, context, cancellationToken);

    private async Task<Answer> AskCoreAsync(string question, IProgress<string>? partialText, AskContext? context, CancellationToken cancellationToken)
    {
        var text = QuestionValidator.Validate(question, options.Value.MaxQuestionLength);
        var snapshot = await index.EnsureReadyAsync(cancellationToken: cancellationToken);
        // Engine time: from a loaded index to the final answer (loading or building the index is not counted).
        var watch = Stopwatch.StartNew();
        // A follow-up ("and who said that?") is answered as the standalone question it stands for.
        var history = conversations?.GetTurns(context?.ConversationId) ?? [];
        var standalone = history.Count > 0 && rewriter is not null ? await rewriter.RewriteAsync(text, history, cancellationToken) : text;
        var (answer, passages) = await AnswerExtractivelyAsync(snapshot, standalone, cancellationToken);

        if (answer.Answered && synthesizer is not null)
        {
            answer = await synthesizer.SynthesizeAsync(new AnswerDraft(standalone, passages, answer), partialText, cancellationToken);
        }
        answer = answer with { Question = text };
        conversations?.Append(context?.ConversationId, new ConversationTurn(text, standalone, answer.Text));
        logger.LogDebug("Answered={Answered} mode={Mode} reason={Reason}", answer.Answered, answer.Mode, answer.Reason);
        return answer with { ElapsedMs = Math.Round(watch.Elapsed.TotalMilliseconds, 1), AnswerId = Answer.NewId() };
    }

    /// <summary>The extractive answer (or refusal) and the passages it was drawn from.</summary>
    public async Task<(Answer Answer, IReadOnlyList<RetrievedPassage> Passages)> AnswerExtractivelyAsync(IndexSnapshot snapshot, string question, CancellationToken cancellationToken)
    {
        var analysis = QuestionAnalyzer.Analyze(question);
        IReadOnlyList<RetrievedPassage> passages = analysis.HasContent && !analysis.IsInjection
            ? await retriever.RetrieveAsync(snapshot, analysis, PassageCount, cancellationToken)
            : [];
        if (logger.IsEnabled(LogLevel.Debug))
            foreach (var p in passages)
                logger.LogDebug("Passage {Source}#{Ordinal} fused={Score:0.0000} bm25={Lexical:0.00} dense={Dense:0.000}", p.Chunk.Source[..3], p.Chunk.Ordinal, p.Score, p.LexicalScore, p.DenseScore);
        var result = analysis.IsInjection ? null : extractive.Answer(snapshot, analysis, passages);
        if (result is not null) logger.LogDebug("Chose: {Sentence} (coverage {Coverage:0.00}) dense {Own:0.000}", string.Join(" | ", result.Sentences.Select(x => x.Text)), result.Coverage, result.Passage.DenseScore);
        var refusal = EvidencePolicy.RefusalReason(analysis, result, snapshot.TermStats, passages, retrievalOptions.Value);
        var topScore = passages.Count > 0 ? passages.Max(p => p.Score) : 0;
        if (refusal is not null || result is null)
        {
            var key = refusal == "instructions" ? "injection" : refusal == "not-a-question" ? "help" : "refusal";
            return (Refusal(question, texts.Render(key, snapshot), refusal ?? "no-answer", topScore), []);
        }

        var citation = Cite(snapshot, result);
        var answerText = string.Join(" ", result.Sentences.Select(s => s.Text)) + " [1]";
        var answer = new Answer
        {
            Question = question,
            Answered = true,
            Text = answerText,
            Citations = [citation],
            Mode = "extractive",
            Reason = $"coverage={result.Coverage:0.00} type={(result.TypeMatched ? "match" : "none")}",
            TopScore = topScore,
        };
        // The passage that answered goes first, so [1] in an LLM's numbering is the same passage.
        var ordered = passages.OrderByDescending(p => p.Chunk.Id == result.Passage.Chunk.Id).ToList();
        return (answer, ordered);
    }

    private static Answer Refusal(string question, string text, string reason, double topScore) => new()
    {
        Question = question,
        Answered = false,
        Text = text,
        Citations = [],
        Mode = "refusal",
        Reason = reason,
        TopScore = topScore,
    };

    /// <summary>The citation quote is the paragraph(s) around the answering sentences, trimmed around them when long.</summary>
    private static Citation Cite(IndexSnapshot snapshot, ExtractiveResult result)
    {
        var document = result.Passage.Document;
        var analysis = snapshot.Analysis(document.Source);
        var first = result.Sentences[0];
        var last = result.Sentences[^1];
        var (start, _) = analysis.Paragraphs[first.Paragraph];
        var (_, end) = analysis.Paragraphs[last.Paragraph];
        if (end - start > MaxQuoteChars)
        {
            // Long paragraph: the answer sentences plus one on each side, as room allows.
            start = first.Span.Start;
            end = last.Span.End;
            if (first.Index > 0 && analysis.Sentences[first.Index - 1].Paragraph == first.Paragraph && end - analysis.Sentences[first.Index - 1].Span.Start <= MaxQuoteChars)
                start = analysis.Sentences[first.Index - 1].Span.Start;
            if (last.Index + 1 < analysis.Sentences.Count && analysis.Sentences[last.Index + 1].Paragraph == last.Paragraph && analysis.Sentences[last.Index + 1].Span.End - start <= MaxQuoteChars)
                end = analysis.Sentences[last.Index + 1].Span.End;
        }
        var quote = document.Text[start..end].Replace("\n\n", " ");
        return new Citation(1, document.Source, document.Metadata.Title, document.Metadata.Outlet, document.Metadata.Url, quote)
        {
            ChunkId = result.Passage.Chunk.Id,
        };
    }
}
