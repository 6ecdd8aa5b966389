using ChatBot.Testing.Fakes;

namespace ChatBot.Cli.Tests;

/// <summary>
/// Start-up through the real `chatbot` process: every bad setting is one line naming the key and
/// what is wrong, exit code 2, no stack trace; an unreachable LLM is one line and no abort.
/// </summary>
public class StartupErrorTests
{
    private static void AssertNoStackTrace(string output)
    {
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
        Assert.DoesNotContain("Unhandled", output);
    }

    [Theory]
    [InlineData("Discord__PublicKey", "zzz", "Configuration error: Discord:ApplicationId is required when Discord:PublicKey is set")]
    [InlineData("Discord__ApplicationId", "1100000000000000001", "Configuration error: Discord:PublicKey is required")]
    [InlineData("Teams__AppPassword", "secret-value", "Configuration error: Teams:AppId is required when Teams:AppPassword is set.")]
    [InlineData("Llm__Endpoint", "notaurl", "Configuration error: Llm:Endpoint must be an absolute http(s) URL")]
    [InlineData("Llm__Model", "gpt-4o-mini", "Configuration error: Llm:Endpoint is required")]
    [InlineData("RateLimits__PermitsPerMinute", "0", "Configuration error: RateLimits:PermitsPerMinute must be between 1 and 100000.")]
    [InlineData("RateLimits__PermitsPerMinute", "many", "Configuration error: RateLimits:PermitsPerMinute must be a whole number.")]
    [InlineData("Api__ModeratorApiKey", "short", "Configuration error: Api:ModeratorApiKey must be at least 16 characters")]
    [InlineData("Embeddings__Provider", "bogus", "Configuration error: Embeddings:Provider 'bogus' is unknown; use 'Local' or 'OpenAI'.")]
    [InlineData("Retrieval__Mode", "semantic", "Configuration error: Retrieval:Mode must be one of: Hybrid, Lexical, Dense.")]
    [InlineData("VectorStore__Provider", "bogus", "Configuration error: VectorStore:Provider 'bogus' is unknown; use 'Embedded' or 'Qdrant'.")]
    public async Task Serve_stops_with_one_line_per_bad_setting_and_exit_code_2(string key, string value, string expected)
    {
        await using var serve = ServeProcess.Start(new Dictionary<string, string> { [key] = value });

        Assert.Equal(2, await serve.WaitForExitAsync());
        var lines = serve.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith(expected, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.StartsWith("Configuration error: ", l));
        AssertNoStackTrace(serve.Stderr + serve.Stdout);
        if (key.EndsWith("Password") || key.EndsWith("ApiKey")) Assert.DoesNotContain(value, serve.Stderr);
    }

    [Fact]
    public async Task An_unknown_enum_value_lists_the_allowed_values()
    {
        var r = await CliRunner.RunAsync(["ask", "Who headed the intelligence agency?"], env: new Dictionary<string, string> { ["Retrieval__Mode"] = "bm25" });

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("Configuration error: Retrieval:Mode must be one of: Hybrid, Lexical, Dense.", r.Stderr.Trim());
        Assert.DoesNotContain("ChatBot.Core", r.Stderr); // no .NET type names
    }

    [Fact]
    public async Task Every_command_checks_the_configuration_the_same_way_and_json_gets_an_error_object()
    {
        var r = await CliRunner.RunAsync(["sources", "--json"], env: new Dictionary<string, string> { ["Llm__Endpoint"] = "notaurl", ["Llm__Model"] = "m" });

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("Configuration error: Llm:Endpoint must be an absolute http(s) URL such as https://api.openai.com/v1 (got 'notaurl').", r.Stderr.Trim());
        Assert.StartsWith("{\"error\": \"Configuration error: Llm:Endpoint", r.Stdout.Replace("{\"error\":\"", "{\"error\": \""));
    }

    [Fact]
    public async Task Serve_with_an_unreachable_llm_starts_says_so_in_one_line_and_answers_extractively()
    {
        var deadPort = ServeProcess.FreePort();
        await using var serve = ServeProcess.Start(new Dictionary<string, string>
        {
            ["Llm__Endpoint"] = $"http://127.0.0.1:{deadPort}/v1",
            ["Llm__Model"] = "test-model",
            ["Llm__MaxRetries"] = "0",
        });
        await serve.WaitUntilReadyAsync();

        var response = await serve.Http.PostAsync("/api/ask", new StringContent("{\"question\":\"How large is the new super-police force Mexico planned?\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("10,000", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await serve.StopAsync());

        var warning = Assert.Single(serve.Stderr.Split('\n'), l => l.Contains("is not reachable"));
        Assert.Contains($"LLM at http://127.0.0.1:{deadPort}/v1 is not reachable (network error (ConnectionRefused)); answers are extractive until it is", warning);
        AssertNoStackTrace(serve.Stderr + serve.Stdout);
    }

    [Fact]
    public async Task Serve_with_a_reachable_llm_says_it_is_ready_and_names_a_model_it_does_not_serve()
    {
        await using var llm = await FakeOpenAiChatServer.StartAsync();
        llm.Models = ["llama3.1", "qwen2.5"];
        await using var serve = ServeProcess.Start(new Dictionary<string, string>
        {
            ["Llm__Endpoint"] = llm.Endpoint.ToString(),
            ["Llm__Model"] = "gpt-4o-mini",
        });
        await serve.WaitUntilReadyAsync();
        Assert.Equal(0, await serve.StopAsync());

        Assert.Contains($"LLM model gpt-4o-mini is not among the models {llm.Endpoint} serves (llama3.1, qwen2.5); check Llm:Model", serve.Stderr);
    }

    [Fact]
    public async Task Ask_with_an_unreachable_llm_answers_with_one_warning_line()
    {
        var r = await CliRunner.RunAsync(["ask", "How large is the new super-police force Mexico planned?"], env: new Dictionary<string, string>
        {
            ["Llm__Endpoint"] = $"http://127.0.0.1:{ServeProcess.FreePort()}/v1",
            ["Llm__Model"] = "test-model",
            ["Llm__MaxRetries"] = "0",
        });

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("10,000", r.Stdout);
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.StartsWith("Indexing the corpus", StringComparison.Ordinal));
        Assert.Equal("warn: ChatBot.Llm.LlmAnswerSynthesizer: LLM answer not used: network error (ConnectionRefused); falling back to the extractive answer", line.Trim());
    }
}
