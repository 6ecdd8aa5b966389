using ChatBot.Core;
using System.Text.RegularExpressions;
using ChatBot.Core.Answering;
using ChatBot.Llm;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatBot.Llm.Tests;

/// <summary>The lead's answer engine with the LLM synthesizer registered, over the real corpus, against the fake server.</summary>
public sealed class EngineWithLlmTests : IAsyncLifetime
{
    private FakeOpenAiChatServer _server = null!;
    private ServiceProvider _services = null!;
    private string _root = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiChatServer.StartAsync();
        _root = RepoPaths.NewTempDir();
        var settings = LlmTestHost.Settings(_server);
        settings["ChatBot:CorpusDir"] = RepoPaths.Corpus;
        settings["ChatBot:DataDir"] = Path.Combine(_root, "data");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddChatBotCore(configuration);
        services.AddLlm(configuration);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private IAnswerEngine Engine => _services.GetRequiredService<IAnswerEngine>();

    [Fact]
    public async Task Answerable_question_gets_a_checked_llm_answer_quoting_the_corpus()
    {
        var progress = new RecordingProgress();

        var answer = await Engine.AskStreamingAsync("Where do US immigration officers train Mexican counterparts to gather biometrics?", progress);

        Assert.Equal("llm", answer.Mode);
        Assert.True(answer.Answered);
        Assert.Contains("Tapachula", answer.Text);
        Assert.NotEmpty(progress.Reports);
        Assert.Equal(Enumerable.Range(1, answer.Citations.Count), answer.Citations.Select(c => c.N));
        foreach (var citation in answer.Citations)
        {
            var file = Normalize(File.ReadAllText(Path.Combine(RepoPaths.Corpus, citation.Source)));
            Assert.Contains(Normalize(citation.Quote.TrimEnd('…')), file);
            Assert.Contains($"[{citation.N}]", answer.Text);
        }
        Assert.StartsWith("002", answer.Citations[0].Source);
        var markers = Regex.Matches(answer.Text, @"\[(\d+)\]").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(markers);
        Assert.All(markers, n => Assert.InRange(n, 1, answer.Citations.Count));

        var request = Assert.Single(_server.Requests);
        Assert.Contains("[1] ", request.SystemText);
        Assert.Contains("<question>\nWhere do US immigration officers train Mexican counterparts to gather biometrics?\n</question>", request.UserText);
    }

    [Fact]
    public async Task Refused_question_never_reaches_the_model()
    {
        var answer = await Engine.AskAsync("What is the boiling point of liquid nitrogen?");

        Assert.False(answer.Answered, answer.Text + " | " + answer.Reason);
        Assert.Empty(answer.Citations);
        Assert.Equal(0, _server.RequestCount);
    }

    [Fact]
    public async Task Failing_model_leaves_the_engines_extractive_answer()
    {
        _server.Behavior = FakeOpenAiChatBehaviors.Always(FakeChatReply.ServerError());

        var answer = await Engine.AskAsync("Which party did Enrique Peña Nieto belong to?");

        Assert.True(answer.Answered);
        Assert.Equal("extractive", answer.Mode);
        Assert.Contains("llm fallback: HTTP 500", answer.Reason);
        Assert.Contains("Institutional Revolutionary Party", answer.Text);
    }

    private static string Normalize(string text) => Regex.Replace(text, @"\s+", " ").Trim();
}
