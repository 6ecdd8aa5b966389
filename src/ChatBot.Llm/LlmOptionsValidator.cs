using Microsoft.Extensions.Options;

namespace ChatBot.Llm;

/// <summary>Checks the `Llm` section at start-up (the host registers the LLM only when it is asked for); messages name the offending key.</summary>
internal sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var failures = new List<string>();
        var endpoint = options.Endpoint?.Trim();
        if (string.IsNullOrEmpty(endpoint))
            failures.Add("Llm:Endpoint is required when the Llm section is set (e.g. https://api.openai.com/v1 or http://localhost:11434/v1); remove Llm:Model and Llm:ApiKey to answer without an LLM.");
        else if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            failures.Add($"Llm:Endpoint must be an absolute http(s) URL such as https://api.openai.com/v1 (got '{endpoint}').");
        if (string.IsNullOrWhiteSpace(options.Model))
            failures.Add("Llm:Model is required when the LLM is on (e.g. gpt-4o-mini, llama3.1).");
        if (options.Timeout < TimeSpan.FromMilliseconds(10) || options.Timeout > TimeSpan.FromMinutes(10))
            failures.Add($"Llm:Timeout must be between 00:00:00.010 and 00:10:00 (got {options.Timeout}).");
        if (options.MaxTokens is < 1 or > 32_000)
            failures.Add($"Llm:MaxTokens must be between 1 and 32000 (got {options.MaxTokens}).");
        if (options.Temperature is < 0 or > 2 || double.IsNaN(options.Temperature))
            failures.Add($"Llm:Temperature must be between 0 and 2 (got {options.Temperature}).");
        if (options.MaxRetries is < 0 or > 10)
            failures.Add($"Llm:MaxRetries must be between 0 and 10 (got {options.MaxRetries}).");
        if (options.RetryBaseDelay <= TimeSpan.Zero)
            failures.Add($"Llm:RetryBaseDelay must be positive (got {options.RetryBaseDelay}).");
        if (options.MaxRetryAfter < TimeSpan.Zero)
            failures.Add($"Llm:MaxRetryAfter must not be negative (got {options.MaxRetryAfter}).");
        if (options.BreakDuration < TimeSpan.FromMilliseconds(500))
            failures.Add($"Llm:BreakDuration must be at least 00:00:00.5 (got {options.BreakDuration}).");
        // Load the templates now, so a missing or broken prompt stops start-up instead of the first answer.
        try
        {
            PromptLibrary.Load(options.PromptsDir);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            failures.Add(ex.Message.StartsWith("Llm:", StringComparison.Ordinal) ? ex.Message : $"Llm:PromptsDir: {ex.Message}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
