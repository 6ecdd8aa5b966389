using ChatBot.Testing.Logging;
using ChatBot.Core.Answering;
using ChatBot.Llm;
using ChatBot.Core.Conversations;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatBot.Llm.Tests;

public sealed class LlmRegistrationTests
{
    [Fact]
    public void Without_the_llm_the_engine_has_no_synthesizer_and_rewrites_follow_ups_heuristically()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChatBotConversations(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        Assert.Null(provider.GetService<IAnswerSynthesizer>());
        Assert.IsType<HeuristicFollowUpRewriter>(provider.GetRequiredService<IFollowUpRewriter>());
    }

    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("http://127.0.0.1:9/v1", null, null, true)]
    [InlineData(null, "gpt-4o-mini", null, true)]
    [InlineData(null, null, "sk-0123456789abcdef", true)]
    [InlineData(" ", "", null, false)]
    public void The_llm_is_requested_by_an_endpoint_a_model_or_a_key(string? endpoint, string? model, string? key, bool requested)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = endpoint, ["Llm:Model"] = model, ["Llm:ApiKey"] = key, ["Llm:Timeout"] = "00:00:05",
        }).Build();
        Assert.Equal(requested, LlmServiceCollectionExtensions.IsRequested(configuration));
    }

    [Fact]
    public async Task With_an_endpoint_the_llm_synthesizer_and_rewriter_are_registered()
    {
        await using var host = LlmTestHost.Create(null, s => s["Llm:Endpoint"] = "http://127.0.0.1:9/v1");

        Assert.IsType<LlmAnswerSynthesizer>(host.Synthesizer);
        Assert.IsType<LlmFollowUpRewriter>(host.Rewriter);
        Assert.IsType<InMemoryConversationStore>(host.Services.GetRequiredService<IConversationStore>());
    }

    [Fact]
    public void Defaults_match_the_documented_ones()
    {
        var options = new LlmOptions();
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.False(options.IsEnabled);
        var conversations = new ConversationOptions();
        Assert.Equal(6, conversations.MaxTurns);
        Assert.Equal(10_000, conversations.MaxConversations);
    }

    [Theory]
    [InlineData("Llm:Endpoint", "", "Llm:Endpoint is required")]
    [InlineData("Llm:Endpoint", "not a url", "Llm:Endpoint")]
    [InlineData("Llm:Endpoint", "/v1", "Llm:Endpoint")]
    [InlineData("Llm:Endpoint", "ftp://example.org/v1", "Llm:Endpoint")]
    [InlineData("Llm:Model", "", "Llm:Model")]
    [InlineData("Llm:Timeout", "00:00:00", "Llm:Timeout")]
    [InlineData("Llm:MaxTokens", "0", "Llm:MaxTokens")]
    [InlineData("Llm:Temperature", "3", "Llm:Temperature")]
    [InlineData("Llm:PromptsDir", "/nonexistent/prompts", "Llm:PromptsDir")]
    public async Task Bad_settings_fail_at_start_up_naming_the_key(string key, string value, string named)
    {
        var settings = LlmTestHost.Settings(null);
        settings["Llm:Endpoint"] = "http://127.0.0.1:9/v1";
        settings[key] = value;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLlm(builder.Configuration);
        using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(named, error.Message);
        await app.StopAsync();
    }

    [Fact]
    public async Task Broken_prompt_template_fails_at_start_up_naming_the_prompt()
    {
        var prompts = RepoPaths.NewTempDir("prompts");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Prompts, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(prompts, Path.GetRelativePath(RepoPaths.Prompts, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        File.WriteAllText(Path.Combine(prompts, "rewrite", "config.json"), "{ not json");
        var settings = LlmTestHost.Settings(null);
        settings["Llm:Endpoint"] = "http://127.0.0.1:9/v1";
        settings["Llm:PromptsDir"] = prompts;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLlm(builder.Configuration);
        using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Llm:PromptsDir", error.Message);
        Assert.Contains("rewrite", error.Message);
    }

    [Fact]
    public async Task Valid_settings_start_and_the_start_up_check_finds_the_model()
    {
        await using var server = await FakeOpenAiChatServer.StartAsync();
        var (app, logs) = StartedHost(s => s["Llm:Endpoint"] = server.Endpoint + "/");
        using (app)
        {
            await StartUpCheck(app);
            Assert.Equal(server.Endpoint, app.Services.GetRequiredService<IOptions<LlmOptions>>().Value.EndpointUri);
            Assert.Equal(Path.GetFullPath(RepoPaths.Prompts), app.Services.GetRequiredService<PromptLibrary>().Directory);
            Assert.Contains($"LLM ready: {server.Endpoint} serves {LlmTestHost.Model}", logs.AllText);
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task The_start_up_check_says_when_the_key_is_refused_without_showing_it()
    {
        await using var server = await FakeOpenAiChatServer.StartAsync();
        server.RequiredApiKey = "sk-the-right-key-0123456789";
        var (app, logs) = StartedHost(s => s["Llm:Endpoint"] = server.Endpoint.ToString());
        using (app)
        {
            await StartUpCheck(app);
            Assert.Contains($"LLM at {server.Endpoint} refused the API key (HTTP 401); check Llm:ApiKey", logs.Warnings.Single());
            Assert.DoesNotContain(LlmTestHost.ApiKey, logs.AllText);
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task An_unreachable_llm_is_one_warning_and_the_host_keeps_running()
    {
        var (app, logs) = StartedHost(s => s["Llm:Endpoint"] = "http://127.0.0.1:9/v1");
        using (app)
        {
            await StartUpCheck(app);
            Assert.Equal("LLM at http://127.0.0.1:9/v1 is not reachable (network error (ConnectionRefused)); answers are extractive until it is", logs.Warnings.Single());
            Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
            await app.StopAsync();
        }
    }

    private static (IHost App, CapturingLoggerProvider Logs) StartedHost(Action<Dictionary<string, string?>> adjust)
    {
        var settings = LlmTestHost.Settings(null);
        adjust(settings);
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(logs);
        builder.Services.AddChatBotConversations(builder.Configuration).AddLlm(builder.Configuration);
        return (builder.Build(), logs);
    }

    /// <summary>Starts the host and waits for the background start-up check to finish (no clock involved).</summary>
    private static async Task StartUpCheck(IHost app)
    {
        await app.StartAsync();
        var check = app.Services.GetServices<IHostedService>().OfType<LlmStartupCheck>().Single();
        await check.ExecuteTask!;
    }
}
