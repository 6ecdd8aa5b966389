using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Answering.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the `Llm` section and, only when Llm:Endpoint is set, registers the LLM
    /// answerer as <see cref="IAnswerSynthesizer"/> (plus <see cref="LlmChat"/> and the prompt library for
    /// other LLM users). With no endpoint nothing but the options is registered: answers stay extractive.
    /// </summary>
    public static IServiceCollection AddChatBotLlm(this IServiceCollection services, IConfiguration configuration)
    {
        AddLlmOptions(services);
        if (!IsLlmEnabled(configuration)) return services;

        AddLlmChat(services);
        services.TryAddSingleton(new CitationValidator());
        services.TryAddSingleton<IAnswerSynthesizer, LlmAnswerSynthesizer>();
        return services;
    }

    /// <summary>Whether the configuration turns the LLM on (a non-empty Llm:Endpoint).</summary>
    public static bool IsLlmEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetSection(LlmOptions.Section)[nameof(LlmOptions.Endpoint)]);

    internal static void AddLlmOptions(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<LlmOptions>) && d.ImplementationType == typeof(LlmOptionsValidator))) return;
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());
    }

    /// <summary>The shared LLM plumbing (idempotent): prompts, the resilient HttpClient, <see cref="LlmChat"/>.</summary>
    internal static void AddLlmChat(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(LlmChat))) return;

        services.AddLogging();
        services.AddSingleton(sp => PromptLibrary.Load(sp.GetRequiredService<IOptions<LlmOptions>>().Value.PromptsDir));
        services.AddSingleton<LlmChat>();
        services.AddHttpClient(LlmChat.HttpClientName, client =>
            {
                // Timeouts belong to the resilience pipeline and LlmChat; the client's own 100 s default would cut long streams.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler(LlmResilience.PipelineName, (pipeline, context) =>
                LlmResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value));
    }
}
