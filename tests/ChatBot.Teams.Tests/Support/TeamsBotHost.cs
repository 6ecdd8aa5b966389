using ChatBot.Testing.Logging;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Core;
using ChatBot.Core.Answering;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Teams.Tests.Support;

/// <summary>The bot's endpoints (AddTeamsBot + MapTeams) in a real Kestrel app on 127.0.0.1, wired to a fake Bot Framework.</summary>
internal sealed class TeamsBotHost : IAsyncDisposable
{
    public const string AppId = "6f1b2c3d-0a9e-4b8c-9d7f-112233445566";
    public const string AppPassword = "s3cret~AppPassword.for-tests-only_123";
    public const string ModeratorAadObjectId = "1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5";
    public static readonly string WebhookSecret = Convert.ToBase64String(Encoding.UTF8.GetBytes("teams-webhook-hmac-key-for-tests!"));

    private readonly WebApplication _app;

    private TeamsBotHost(WebApplication app, CapturingLoggerProvider logs)
    {
        _app = app;
        Logs = logs;
        var address = app.Urls.First();
        Client = new HttpClient { BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/") };
    }

    public HttpClient Client { get; }
    public CapturingLoggerProvider Logs { get; }
    public IServiceProvider Services => _app.Services;

    public static Dictionary<string, string?> Configuration(FakeBotFrameworkServer botFramework) => new()
    {
        ["Teams:AppId"] = AppId,
        ["Teams:AppPassword"] = AppPassword,
        ["Teams:WebhookSecret"] = WebhookSecret,
        ["Teams:OpenIdMetadataUrl"] = botFramework.OpenIdMetadataUrl,
        ["Teams:TokenEndpoint"] = botFramework.TokenEndpoint,
        ["Teams:SigningKeysRefreshInterval"] = "00:00:01",
        ["Teams:WebhookAnswerTimeout"] = "00:00:01",
        ["Teams:ModeratorAadObjectIds:0"] = ModeratorAadObjectId,
        // Files come from the fake Bot Framework's download host (http on 127.0.0.1): allowed only with the test switch.
        ["Teams:AttachmentHosts:0"] = "127.0.0.1",
        ["Moderation:AllowLoopbackHttpDownloadsForTests"] = "true",
        ["Feedback:Salt"] = "teams-test-salt-0123456789",
    };

    public static async Task<TeamsBotHost> StartAsync(
        FakeBotFrameworkServer botFramework,
        IAnswerEngine? engine,
        Action<Dictionary<string, string?>>? configure = null,
        Action<IServiceCollection>? services = null,
        bool studentsAndModerators = false,
        TimeProvider? time = null)
    {
        var settings = Configuration(botFramework);
        configure?.Invoke(settings);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        // No engine given: the real one over the repository's corpus, indexes in a fresh temp dir.
        if (engine is not null)
        {
            builder.Services.AddSingleton(engine);
            // Moderation (reindex, corpus files) as `serve` registers it, with its audit log in a temp data dir.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ChatBot:DataDir"] = settings.GetValueOrDefault("ChatBot:DataDir") ?? RepoPaths.NewTempDir("chatbot-teams"),
            });
            builder.Services.AddOptions<ChatBotOptions>().BindConfiguration(ChatBotOptions.Section);
        }
        else
        {
            // Defaults unless the test chose its own (e.g. a temp copy of the corpus that moderators may change).
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ChatBot:DataDir"] = settings.GetValueOrDefault("ChatBot:DataDir") ?? RepoPaths.NewTempDir("chatbot-teams"),
                ["ChatBot:CorpusDir"] = settings.GetValueOrDefault("ChatBot:CorpusDir") ?? RepoPaths.Corpus,
            });
            builder.Services.AddChatBotCore(builder.Configuration);
            if (studentsAndModerators)
            {
                ChatBot.Core.Quiz.QuizServiceCollectionExtensions.AddChatBotStudentsAndModerators(builder.Services, builder.Configuration);
                ChatBot.Feedback.Sqlite.SqliteFeedbackServiceCollectionExtensions.AddSqliteFeedback(builder.Services, builder.Configuration);
                ChatBot.Feedback.Sqlite.SqliteQuizProgressServiceCollectionExtensions.AddSqliteQuizProgressStore(builder.Services);
            }
        }
        if (time is not null) builder.Services.AddSingleton(time);
        builder.Services.AddTeamsBot(builder.Configuration);
        services?.Invoke(builder.Services);
        if (engine is not null && builder.Services.Any(d => d.ServiceType == typeof(ChatBot.Core.Search.ICorpusIndex)))
            ChatBot.Core.Moderation.ModerationServiceCollectionExtensions.AddChatBotModeration(builder.Services, builder.Configuration);
        var app = builder.Build();
        app.MapTeams();
        await app.StartAsync();
        return new TeamsBotHost(app, logs);
    }

    public Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, string? bearerToken) =>
        PostActivityAsync(Encoding.UTF8.GetBytes(activity.ToJsonString()), bearerToken);

    public Task<HttpResponseMessage> PostActivityAsync(byte[] body, string? bearerToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "teams/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (bearerToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return Client.SendAsync(request);
    }

    /// <summary>A fresh temp copy of the repository's corpus (files and manifest), for tests that change it.</summary>
    public static string CopyOfCorpus()
    {
        var dir = RepoPaths.NewTempDir("chatbot-teams-corpus");
        foreach (var file in Directory.GetFiles(RepoPaths.Corpus)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return dir;
    }

    /// <summary>Posts to the outgoing-webhook endpoint, signed properly unless an <paramref name="authorization"/> is given or <paramref name="sign"/> is false.</summary>
    public Task<HttpResponseMessage> PostWebhookAsync(byte[] body, string? authorization = null, bool sign = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "teams/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        authorization ??= sign ? "HMAC " + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(WebhookSecret), body)) : null;
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
