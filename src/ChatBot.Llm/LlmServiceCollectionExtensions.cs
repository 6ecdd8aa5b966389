using ChatBot.Core.Answering;
using ChatBot.Core.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// The LLM provider on Semantic Kernel: binds and validates the `Llm` section and registers
    /// <see cref="LlmAnswerSynthesizer"/> as <see cref="IAnswerSynthesizer"/> and
    /// <see cref="LlmFollowUpRewriter"/> as <see cref="IFollowUpRewriter"/> (in place of the heuristic
    /// one), with the prompt library and the resilient HttpClient they share, and a start-up check that
    /// logs whether the endpoint answers (never stopping the host). The host calls it when
    /// <see cref="IsRequested"/>; without an LLM the engine answers extractively.
    /// </summary>
    public static IServiceCollection AddLlm(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(LlmChat))) return services;

        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());
        services.AddLogging();
        // Timeouts and back-offs (here and in the resilience pipeline) run on the host's clock: a test clock in tests.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => PromptLibrary.Load(sp.GetRequiredService<IOptions<LlmOptions>>().Value.PromptsDir));
        services.AddSingleton<LlmChat>();
        services.AddHttpClient(LlmChat.HttpClientName, client =>
            {
                // Timeouts belong to the resilience pipeline and LlmChat; the client's own 100 s default would cut long streams.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler(LlmResilience.PipelineName, (pipeline, context) =>
                LlmResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value));

        // A server says at start whether the LLM answers (the CLI never starts hosted services).
        services.AddHttpClient(LlmStartupCheck.HttpClientName);
        services.AddHostedService<LlmStartupCheck>();

        services.TryAddSingleton<CitationValidator>();
        services.TryAddSingleton<HeuristicFollowUpRewriter>();
        services.Replace(ServiceDescriptor.Singleton<IAnswerSynthesizer, LlmAnswerSynthesizer>());
        services.Replace(ServiceDescriptor.Singleton<IFollowUpRewriter, LlmFollowUpRewriter>());
        return services;
    }

    /// <summary>
    /// Whether the configuration asks for an LLM: Llm:Endpoint, Llm:Model or Llm:ApiKey is set. Any one
    /// of them is enough, so a half-configured LLM (a model but no endpoint) stops start-up with a
    /// message instead of silently answering without it.
    /// </summary>
    public static bool IsRequested(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(LlmOptions.Section);
        return new[] { nameof(LlmOptions.Endpoint), nameof(LlmOptions.Model), nameof(LlmOptions.ApiKey) }
            .Any(key => !string.IsNullOrWhiteSpace(section[key]));
    }
}
