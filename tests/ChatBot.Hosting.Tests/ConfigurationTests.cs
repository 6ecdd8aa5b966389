using ChatBot.Core.Answering;
using ChatBot.Core.Search;
using ChatBot.Hosting.Tests.Support;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ChatBot.Testing.Engine;

namespace ChatBot.Hosting.Tests;

public sealed class ConfigurationTests
{
    private static ServeSettings Settings() => new()
    {
        Urls = "http://127.0.0.1:0",
        CorpusDir = RepoPaths.Corpus,
        ConfigureBuilder = builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<ICorpusIndex>(new StandInCorpusIndex(RepoPaths.Corpus));
            builder.Services.AddSingleton<IAnswerEngine>(sp => new FakeAnswerEngine(sp.GetRequiredService<ICorpusIndex>()));
        },
    };

    public static TheoryData<string, string> WrongSettings => new()
    {
        { "--RateLimits:PermitsPerMinute=0", "Configuration error: RateLimits:PermitsPerMinute must be between 1 and 100000." },
        { "--RateLimits:GlobalPermitsPerMinute=-5", "Configuration error: RateLimits:GlobalPermitsPerMinute must be between 1 and 10000000." },
        { "--RateLimits:PermitsPerMinute=many", "Configuration error: RateLimits:PermitsPerMinute must be a whole number." },
        { "--RateLimits:TrustUserIdHeader=perhaps", "Configuration error: RateLimits:TrustUserIdHeader must be true or false." },
        { "--Api:ModeratorApiKey=short", "Configuration error: Api:ModeratorApiKey must be at least 16 characters long (or left unset to turn the moderator routes over HTTP off)." },
        { "--Api:MaxAskBodyBytes=10", "Configuration error: Api:MaxAskBodyBytes must be between 256 and 1048576 bytes." },
        { "--Server:ShutdownTimeoutSeconds=0", "Configuration error: Server:ShutdownTimeoutSeconds must be between 1 and 600 seconds." },
        { "--Pages:TermsFile=/no/such/terms.md", "Configuration error: Pages:TermsFile names a file that does not exist (/no/such/terms.md)." },
        { "--Server:Urls=localhost:8080", "Configuration error: Server:Urls must be one or more http(s) URLs separated by ';', e.g. http://0.0.0.0:8080." },
        { "--Telemetry:OtlpEndpoint=collector:4317", "Configuration error: Telemetry:OtlpEndpoint must be an absolute http:// or https:// URL." },
        { "--Telemetry:OtlpProtocol=udp", "Configuration error: Telemetry:OtlpProtocol must be 'grpc' or 'http/protobuf'." },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public async Task A_wrong_setting_stops_start_up_with_one_line_naming_the_key_and_exit_code_2(string arg, string expected)
    {
        var stderr = new StringWriter();

        var exitCode = await ServeHost.RunAsync(Settings(), [arg], stderr, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Equal(expected + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public async Task A_wrong_engine_setting_is_reported_the_same_way()
    {
        var stderr = new StringWriter();

        var exitCode = await ServeHost.RunAsync(Settings(), ["--ChatBot:MaxQuestionLength=5"], stderr, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Configuration error: ", line);
        Assert.Contains("MaxQuestionLength", line);
    }

    [Fact]
    public async Task A_good_configuration_serves_until_cancelled_then_exits_0()
    {
        var stderr = new StringWriter();
        using var cancel = new CancellationTokenSource();
        var settings = Settings() with { ConfigureApp = app => app.Lifetime.ApplicationStarted.Register(cancel.Cancel) };

        var exitCode = await ServeHost.RunAsync(settings, ["--Server:ShutdownDrainSeconds=0"], stderr, cancel.Token).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr.ToString());
    }
}
