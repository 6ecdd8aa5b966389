using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace ChatBot.Llm;

/// <summary>
/// Runs a prompt of <see cref="PromptLibrary"/> against the configured OpenAI-compatible endpoint
/// through Semantic Kernel, streaming the reply. The HttpClient comes from IHttpClientFactory with
/// the resilience pipeline of <see cref="LlmResilience"/>; the whole call is bounded by Llm:Timeout.
/// </summary>
public sealed class LlmChat(
    IHttpClientFactory httpClientFactory,
    IOptions<LlmOptions> options,
    PromptLibrary prompts,
    ILoggerFactory loggerFactory,
    TimeProvider time)
{
    public const string HttpClientName = "ChatBot.Llm";

    /// <summary>
    /// Semantic Kernel names a function's logger after the function ("answer", "rewrite"); its
    /// loggers get this prefix so hosts can filter them as one category. Failures are logged once,
    /// by the callers, as the reason for falling back.
    /// </summary>
    public const string KernelLogCategoryPrefix = "Microsoft.SemanticKernel";

    private readonly LlmOptions _options = options.Value;

    public PromptLibrary Prompts => prompts;

    /// <summary>Settings for answers: Llm:MaxTokens and Llm:Temperature. Other prompts use their config.json defaults.</summary>
    public PromptExecutionSettings AnswerSettings => new OpenAIPromptExecutionSettings
    {
        MaxTokens = _options.MaxTokens,
        Temperature = _options.Temperature,
    };

    /// <summary>
    /// Streams the model's reply to <paramref name="promptName"/>, reporting the text so far to
    /// <paramref name="partialText"/> after each chunk, and returns the whole reply.
    /// Throws <see cref="TimeoutException"/> when Llm:Timeout (or the shorter <paramref name="timeout"/>)
    /// passes first; HTTP, network and circuit-breaker failures surface as the exceptions Semantic
    /// Kernel and Polly raise.
    /// </summary>
    public async Task<string> CompleteAsync(
        string promptName,
        KernelArguments arguments,
        IProgress<string>? partialText,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null)
    {
        var limit = timeout is { } shorter && shorter < _options.Timeout ? shorter : _options.Timeout;
        var function = prompts.GetFunction(promptName);
        var kernel = CreateKernel();

        // The resilience pipeline bounds each request up to its headers; this bounds the streamed body too.
        using var timer = new CancellationTokenSource(limit, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);

        var text = new StringBuilder();
        try
        {
            await foreach (var chunk in function.InvokeStreamingAsync<StreamingChatMessageContent>(kernel, arguments, deadline.Token).ConfigureAwait(false))
            {
                if (string.IsNullOrEmpty(chunk.Content)) continue;
                text.Append(chunk.Content);
                partialText?.Report(text.ToString());
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"the model did not finish within {limit.TotalSeconds:0.###} s");
        }
        return text.ToString();
    }

    /// <summary>A kernel per call: cheap, and it picks up a fresh pooled handler from the factory (the circuit state lives in the shared pipeline).</summary>
    private Kernel CreateKernel()
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<ILoggerFactory>(new PrefixedLoggerFactory(loggerFactory, KernelLogCategoryPrefix));
        builder.AddOpenAIChatCompletion(
            modelId: _options.Model!,
            endpoint: _options.EndpointUri,
            apiKey: string.IsNullOrEmpty(_options.ApiKey) ? null : _options.ApiKey,
            httpClient: httpClientFactory.CreateClient(HttpClientName));
        return builder.Build();
    }
}

/// <summary>Puts every category under one prefix (the factory itself stays owned by the host).</summary>
internal sealed class PrefixedLoggerFactory(ILoggerFactory inner, string prefix) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) =>
        inner.CreateLogger(categoryName.StartsWith(prefix, StringComparison.Ordinal) ? categoryName : $"{prefix}.{categoryName}");

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("Add providers to the host's logger factory.");

    public void Dispose()
    {
    }
}
