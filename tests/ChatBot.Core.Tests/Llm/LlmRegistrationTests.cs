using ChatBot.Core.Answering;
using ChatBot.Core.Answering.Llm;
using ChatBot.Core.Conversations;
using ChatBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatBot.Core.Tests.Llm;

public sealed class LlmRegistrationTests
{
    [Fact]
    public async Task Without_an_endpoint_the_llm_is_off_and_the_heuristic_rewriter_is_used()
    {
        await using var host = LlmTestHost.Create(null);

        Assert.Null(host.Services.GetService<IAnswerSynthesizer>());
        Assert.Null(host.Services.GetService<LlmChat>());
        Assert.IsType<HeuristicFollowUpRewriter>(host.Rewriter);
        Assert.False(host.Services.GetRequiredService<IOptions<LlmOptions>>().Value.IsEnabled);
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
        builder.Services.AddChatBotLlm(builder.Configuration);
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
        File.WriteAllText(Path.Combine(prompts, "quiz-question", "config.json"), "{ not json");
        var settings = LlmTestHost.Settings(null);
        settings["Llm:Endpoint"] = "http://127.0.0.1:9/v1";
        settings["Llm:PromptsDir"] = prompts;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddChatBotLlm(builder.Configuration);
        using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Llm:PromptsDir", error.Message);
        Assert.Contains("quiz-question", error.Message);
    }

    [Fact]
    public async Task Valid_settings_start()
    {
        var settings = LlmTestHost.Settings(null);
        settings["Llm:Endpoint"] = "https://api.openai.com/v1/";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddChatBotLlm(builder.Configuration).AddChatBotConversations(builder.Configuration);
        using var app = builder.Build();

        await app.StartAsync();
        Assert.Equal(new Uri("https://api.openai.com/v1"), app.Services.GetRequiredService<IOptions<LlmOptions>>().Value.EndpointUri);
        Assert.Equal(Path.GetFullPath(RepoPaths.Prompts), app.Services.GetRequiredService<PromptLibrary>().Directory);
        await app.StopAsync();
    }

    [Fact]
    public async Task Bad_settings_are_ignored_while_the_llm_is_off()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Llm:Model"] = "", ["Llm:Timeout"] = "00:00:00" });
        builder.Services.AddChatBotLlm(builder.Configuration);
        using var app = builder.Build();

        await app.StartAsync();
        await app.StopAsync();
    }
}
