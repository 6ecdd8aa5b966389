namespace ChatBot.Llm;

/// <summary>
/// The `Llm` configuration section: an OpenAI-compatible chat completion endpoint (OpenAI, Azure OpenAI's
/// v1 API, Ollama, LM Studio, vLLM). Off unless <see cref="Endpoint"/> is set; the extractive answer is used then.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Llm";

    /// <summary>Base URL of the API, up to and including the version segment, e.g. https://api.openai.com/v1 or http://localhost:11434/v1. Empty = LLM off.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model (or deployment) name sent as `model`.</summary>
    public string? Model { get; set; }

    /// <summary>Bearer key; optional for local servers. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Longest the model may take for one answer, retries and streaming included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound on the answer's length in tokens.</summary>
    public int MaxTokens { get; set; } = 400;

    /// <summary>Sampling temperature for answers; low, because answers must stay close to the passages.</summary>
    public double Temperature { get; set; } = 0.1;

    /// <summary>Folder holding the prompt templates; default: the nearest `prompts/` above the app or the current directory.</summary>
    public string? PromptsDir { get; set; }

    /// <summary>Retries after a 429, a 5xx, a network error or an attempt timeout.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First back-off delay (exponential, with jitter) when the server gives no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest Retry-After honoured; a server asking for a longer wait is not retried (the extractive answer is used).</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the circuit stays open after repeated failures (no calls are made meanwhile).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>The endpoint without a trailing slash (the client appends /chat/completions).</summary>
    internal Uri EndpointUri => new(Endpoint!.Trim().TrimEnd('/'), UriKind.Absolute);
}
