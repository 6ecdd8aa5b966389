using ChatBot.Testing.Logging;
using ChatBot.Core.Answering;
using ChatBot.Llm;
using ChatBot.Core.Conversations;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Llm.Tests;

/// <summary>The real DI registrations (AddChatBotConversations, then AddLlm as the host adds it) pointed at a fake server.</summary>
internal sealed class LlmTestHost : IAsyncDisposable
{
    public const string Model = "test-model";
    public const string ApiKey = "sk-test-0123456789abcdef";

    private LlmTestHost(ServiceProvider services, CapturingLoggerProvider logs)
    {
        Services = services;
        Logs = logs;
    }

    public ServiceProvider Services { get; }
    public CapturingLoggerProvider Logs { get; }

    public IAnswerSynthesizer Synthesizer => Services.GetRequiredService<IAnswerSynthesizer>();
    public IFollowUpRewriter Rewriter => Services.GetRequiredService<IFollowUpRewriter>();

    public static Dictionary<string, string?> Settings(FakeOpenAiChatServer? server) => new()
    {
        ["Llm:Endpoint"] = server?.Endpoint.ToString(),
        ["Llm:Model"] = Model,
        ["Llm:ApiKey"] = ApiKey,
        ["Llm:Timeout"] = "00:00:05",
        ["Llm:MaxTokens"] = "321",
        ["Llm:Temperature"] = "0.2",
        ["Llm:PromptsDir"] = RepoPaths.Prompts,
        ["Llm:RetryBaseDelay"] = "00:00:00.050",
        ["Llm:MaxRetries"] = "2",
    };

    public static LlmTestHost Create(FakeOpenAiChatServer? server, Action<Dictionary<string, string?>>? adjust = null, TimeProvider? time = null)
    {
        var settings = Settings(server);
        adjust?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        if (time is not null) services.AddSingleton(time);
        services.AddChatBotConversations(configuration);
        services.AddLlm(configuration);
        return new LlmTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), logs);
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
