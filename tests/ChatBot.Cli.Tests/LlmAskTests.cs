using System.Text.Json;
using System.Text.RegularExpressions;
using ChatBot.Testing.Fakes;

namespace ChatBot.Cli.Tests;

/// <summary>
/// `ask --json` end to end with Llm__Endpoint pointing at a fake OpenAI-compatible server on 127.0.0.1:
/// every behaviour of the model ends in the model's grounded text, the extractive answer, or a refusal.
/// </summary>
public sealed partial class LlmAskTests : IAsyncLifetime
{
    private const string Question = "Which party did Enrique Peña Nieto belong to?";
    private FakeOpenAiChatServer _llm = null!;

    public async Task InitializeAsync() => _llm = await FakeOpenAiChatServer.StartAsync();

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    private Task<CliRunner.Result> AskAsync(string question, string timeout = "00:00:05") => CliRunner.RunAsync(["ask", question, "--json"], env: new Dictionary<string, string>
    {
        ["Llm__Endpoint"] = _llm.Endpoint.ToString(),
        ["Llm__Model"] = "test-model",
        ["Llm__ApiKey"] = "sk-test-key",
        ["Llm__Timeout"] = timeout,
        ["Llm__MaxRetries"] = "1",
        ["Llm__RetryBaseDelay"] = "00:00:00.100",
    });

    private static (JsonElement Root, JsonDocument Doc) Parse(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Stderr);
        var doc = JsonDocument.Parse(r.Stdout);
        return (doc.RootElement, doc);
    }

    private static void AssertOnlyValidCitations(JsonElement root)
    {
        var text = root.GetProperty("answer").GetString()!;
        var numbers = root.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("n").GetInt32()).ToHashSet();
        Assert.NotEmpty(numbers);
        foreach (Match m in Marker().Matches(text)) Assert.Contains(int.Parse(m.Groups[1].Value), numbers);
    }

    [Fact]
    public async Task A_grounded_model_answer_is_returned_with_only_valid_citations()
    {
        _llm.Behavior = FakeOpenAiChatBehaviors.AnswerFromPassages();
        var (root, doc) = Parse(await AskAsync(Question));
        using (doc)
        {
            Assert.True(root.GetProperty("answered").GetBoolean());
            Assert.Contains("Institutional Revolutionary Party", root.GetProperty("answer").GetString());
            AssertOnlyValidCitations(root);
        }
        var request = Assert.Single(_llm.Requests, r => r.SystemText.Contains("[1]"));
        Assert.Equal("test-model", request.Model);
        Assert.Equal("sk-test-key", request.BearerKey);
        Assert.Contains(Question, request.UserText);
    }

    [Fact]
    public async Task A_citation_to_a_passage_that_was_not_given_is_removed()
    {
        _llm.Behavior = FakeOpenAiChatBehaviors.CiteMissingPassage();
        var (root, doc) = Parse(await AskAsync(Question));
        using (doc)
        {
            Assert.True(root.GetProperty("answered").GetBoolean());
            AssertOnlyValidCitations(root);
            Assert.True(root.GetProperty("citations").GetArrayLength() <= 6);
        }
    }

    [Fact]
    public async Task An_answer_that_ignores_the_passages_falls_back_to_the_extractive_answer()
    {
        _llm.Behavior = FakeOpenAiChatBehaviors.IgnorePassages();
        var (root, doc) = Parse(await AskAsync(Question));
        using (doc)
        {
            var text = root.GetProperty("answer").GetString()!;
            Assert.DoesNotContain("Penguins", text);
            Assert.Contains("Institutional Revolutionary Party", text);
            AssertOnlyValidCitations(root);
        }
    }

    [Fact]
    public async Task A_model_that_times_out_falls_back_to_the_extractive_answer()
    {
        _llm.Behavior = FakeOpenAiChatBehaviors.Always(new FakeChatReply.Delayed(TimeSpan.FromSeconds(10), new FakeChatReply.Text("late [1]")));
        var (root, doc) = Parse(await AskAsync(Question, timeout: "00:00:01"));
        using (doc)
        {
            Assert.Contains("Institutional Revolutionary Party", root.GetProperty("answer").GetString());
            AssertOnlyValidCitations(root);
        }
    }

    [Fact]
    public async Task A_rate_limit_is_retried_and_then_the_model_answers()
    {
        _llm.Behavior = FakeOpenAiChatBehaviors.Sequence(
            FakeOpenAiChatBehaviors.Always(FakeChatReply.RateLimited(TimeSpan.FromMilliseconds(200), inMilliseconds: true)),
            FakeOpenAiChatBehaviors.AnswerFromPassages());
        var (root, doc) = Parse(await AskAsync(Question));
        using (doc)
        {
            Assert.Contains("Institutional Revolutionary Party", root.GetProperty("answer").GetString());
            AssertOnlyValidCitations(root);
        }
        Assert.True(_llm.RequestCount >= 2);
    }

    [Fact]
    public async Task Server_errors_end_in_the_extractive_answer_not_an_error()
    {
        _llm.Behavior = FakeOpenAiChatBehaviors.Always(FakeChatReply.ServerError());
        var (root, doc) = Parse(await AskAsync(Question));
        using (doc)
        {
            Assert.True(root.GetProperty("answered").GetBoolean());
            Assert.Contains("Institutional Revolutionary Party", root.GetProperty("answer").GetString());
        }
    }

    [Fact]
    public async Task A_refusal_stays_a_refusal_and_the_model_is_not_asked()
    {
        _llm.Behavior = FakeOpenAiChatBehaviors.AnswerFromPassages();
        var (root, doc) = Parse(await AskAsync("What is the capital of Australia?"));
        using (doc)
        {
            Assert.False(root.GetProperty("answered").GetBoolean());
            Assert.Equal(0, root.GetProperty("citations").GetArrayLength());
        }
        Assert.Equal(0, _llm.RequestCount);
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();
}
