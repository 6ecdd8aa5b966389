using ChatBot.Testing.Logging;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Core;
using ChatBot.Core.Answering;
using ChatBot.Core.Feedback;
using ChatBot.Core.Quiz;
using ChatBot.Core.Search;
using ChatBot.Feedback.Sqlite;
using ChatBot.Llm;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;
using ChatBot.Testing.Engine;

namespace ChatBot.Discord.Tests.Support;

/// <summary>
/// The bot as the host runs it: a real Kestrel app on 127.0.0.1 with AddDiscordBot + MapDiscordInteractions,
/// talking to a fake Discord REST API (and optionally a fake gateway), with a fresh Ed25519 key pair that
/// signs the test's requests the way Discord does.
/// </summary>
public sealed class DiscordBotHost : IAsyncDisposable
{
    public const string ApplicationId = "1100000000000000001";
    public const string BotToken = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.test-token.abcdefghijklmnop";
    public const string GuildId = "1100000000000000002";
    public const string ChannelId = "1100000000000000003";
    public const string ModeratorRoleId = "1100000000000000004";
    public const string ThreadChannelId = "1100000000000000005";

    private readonly Key _key;
    private string? _dataDir;
    private TimeProvider _time = TimeProvider.System;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };

    private DiscordBotHost(Key key, LoopbackServer server, FakeDiscordRestServer discord, FakeDiscordGateway? gateway, CapturingLoggerProvider logs)
    {
        Logs = logs;
        _key = key;
        Server = server;
        Discord = discord;
        Gateway = gateway;
    }

    public LoopbackServer Server { get; }
    public FakeDiscordRestServer Discord { get; }
    public FakeDiscordGateway? Gateway { get; }
    public FakeAnswerEngine Engine => (FakeAnswerEngine)Server.Services.GetRequiredService<IAnswerEngine>();
    public TestCorpusIndex Index => (TestCorpusIndex)Server.Services.GetRequiredService<ICorpusIndex>();
    public RecordingFeedbackStore Feedback => (RecordingFeedbackStore)Server.Services.GetRequiredService<IFeedbackStore>();
    public CapturingLoggerProvider Logs { get; }

    /// <summary>The temp corpus copy (with studentsAndModerators), else null.</summary>
    public string? CorpusDir { get; private init; }

    public string? DataDir => _dataDir;

    public static Key NewKey() => Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public static string PublicKeyHex(Key key) => Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    /// <param name="realEngine">Use the real answer engine (AddChatBotCore over the repository corpus, indexes in a temp dir) instead of the in-test one.</param>
    /// <param name="studentsAndModerators">
    /// Implies <paramref name="realEngine"/>, over a temp copy of the corpus (so it can be changed), with the quiz,
    /// corpus administration (audit log in the data dir) and the SQLite feedback store: AddChatBotStudentsAndModerators.
    /// </param>
    /// <param name="time">The clock of the bot and of the fake Discord API (a <see cref="TestClock"/> for timing tests).</param>
    public static async Task<DiscordBotHost> StartAsync(bool gateway = false, Action<IServiceCollection>? services = null, Dictionary<string, string?>? settings = null, bool realEngine = false, bool studentsAndModerators = false, TimeProvider? time = null)
    {
        realEngine |= studentsAndModerators;
        var key = NewKey();
        var discord = await FakeDiscordRestServer.StartAsync(BotToken, time);
        var fakeGateway = gateway ? await FakeDiscordGateway.StartAsync() : null;
        discord.GatewayUrl = fakeGateway?.GatewayUrl; // what GET /gateway/bot answers
        var config = new Dictionary<string, string?>
        {
            ["Discord:ApplicationId"] = ApplicationId,
            ["Discord:PublicKey"] = PublicKeyHex(key),
            ["Discord:BotToken"] = BotToken,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
            ["Discord:EnableGateway"] = gateway ? "true" : "false",
            ["Discord:GatewayUrl"] = fakeGateway?.GatewayUrl,
            ["Discord:ModeratorRoleIds:0"] = ModeratorRoleId,
            ["Discord:ThreadChannelIds:0"] = ThreadChannelId,
            ["Discord:AttachmentHosts:0"] = "127.0.0.1", // the fake CDN
            ["Feedback:Salt"] = "discord-test-salt-0123456789",
            ["Moderation:AllowLoopbackHttpDownloadsForTests"] = "true", // the fake CDN is http on 127.0.0.1
            ["Discord:InvalidSessionDelay"] = "00:00:00.050",
        };
        foreach (var (k, v) in settings ?? []) config[k] = v;
        // Every host has a data dir: moderation (the audit log, its lock and journal) lives there.
        var dataDir = RepoPaths.NewTempDir("chatbot-discord");
        string? corpusDir = null;
        if (studentsAndModerators)
        {
            corpusDir = Path.Combine(dataDir!, "corpus");
            Directory.CreateDirectory(corpusDir);
            foreach (var file in Directory.GetFiles(RepoPaths.Corpus)) File.Copy(file, Path.Combine(corpusDir, Path.GetFileName(file)));
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();
        var logs = new CapturingLoggerProvider();
        var server = await LoopbackServer.StartAsync(
            app => app.MapDiscordInteractions(),
            s =>
            {
                s.AddSingleton<ILoggerProvider>(logs);
                if (time is not null) s.AddSingleton(time);
                if (realEngine)
                {
                    s.AddChatBotCore(configuration);
                    s.Configure<ChatBotOptions>(o =>
                    {
                        o.CorpusDir = corpusDir ?? RepoPaths.Corpus;
                        o.DataDir = dataDir!;
                    });
                    // As the host does: the LLM only when the configuration asks for one.
                    if (LlmServiceCollectionExtensions.IsRequested(configuration)) s.AddLlm(configuration);
                    if (studentsAndModerators)
                    {
                        s.AddChatBotStudentsAndModerators(configuration);
                        s.AddSqliteFeedback(configuration);
                        s.AddSqliteQuizProgressStore();
                    }
                }
                else
                {
                    s.AddSingleton<IAnswerEngine>(new FakeAnswerEngine());
                    s.AddSingleton<ICorpusIndex, TestCorpusIndex>();
                    s.Configure<ChatBotOptions>(o => o.DataDir = dataDir);
                }
                // /reindex and /corpus go through the shared moderation service, as in `serve`.
                ChatBot.Core.Moderation.ModerationServiceCollectionExtensions.AddChatBotModeration(s, configuration);
                if (!studentsAndModerators) s.AddSingleton<IFeedbackStore, RecordingFeedbackStore>();
                s.AddDiscordBot(configuration);
                services?.Invoke(s);
            },
            settings: config);
        return new DiscordBotHost(key, server, discord, fakeGateway, logs) { _dataDir = dataDir, CorpusDir = corpusDir, _time = time ?? TimeProvider.System };
    }

    public Uri InteractionsUrl => new(Server.BaseAddress, "discord/interactions");

    /// <summary>POSTs a body signed as Discord signs it (timestamp + body), optionally with another key or timestamp.</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string body, Key? signWith = null, DateTimeOffset? at = null, string? signedBody = null)
    {
        // Signed "now" by the bot's clock, which checks the timestamp's age.
        var timestamp = (at ?? _time.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = SignatureAlgorithm.Ed25519.Sign(signWith ?? _key, Encoding.UTF8.GetBytes(timestamp + (signedBody ?? body)));
        var request = new HttpRequestMessage(HttpMethod.Post, InteractionsUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(signature));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return _http.SendAsync(request);
    }

    public async Task<JsonObject> InteractAsync(JsonObject interaction)
    {
        using var response = await PostSignedAsync(interaction.ToJsonString());
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public HttpClient Http => _http;

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Discord.DisposeAsync();
        if (Gateway is not null) await Gateway.DisposeAsync();
        _http.Dispose();
        _key.Dispose();
        if (_dataDir is not null && Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }
}

/// <summary>Interaction payloads shaped like Discord's.</summary>
public static class InteractionJson
{
    private static int _next = 1;

    public static JsonObject Ping() => Base(1);

    public static JsonObject Command(string name, JsonObject? options = null, string permissions = "0", string[]? roles = null, string userId = "1100000000000000010")
    {
        var interaction = Base(2);
        var data = new JsonObject { ["id"] = "1100000000000000100", ["name"] = name, ["type"] = 1 };
        if (options is not null)
            data["options"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Key, ["type"] = 3, ["value"] = o.Value!.DeepClone() }).ToArray());
        interaction["data"] = data;
        interaction["member"] = Member(userId, permissions, roles ?? []);
        return interaction;
    }

    /// <summary>`/name sub option:value…` with sub-command options (values as given, typed by <paramref name="types"/>), and data.resolved.</summary>
    public static JsonObject SubCommand(string name, string sub, JsonObject? options = null, Dictionary<string, int>? types = null, JsonObject? resolved = null,
        string permissions = "0", string[]? roles = null, string userId = "1100000000000000010")
    {
        var interaction = Command(name, permissions: permissions, roles: roles, userId: userId);
        var subOption = new JsonObject { ["name"] = sub, ["type"] = 1 };
        if (options is not null)
            subOption["options"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject
            {
                ["name"] = o.Key,
                ["type"] = types is not null && types.TryGetValue(o.Key, out var t) ? t : 3,
                ["value"] = o.Value!.DeepClone(),
            }).ToArray());
        interaction["data"]!["options"] = new JsonArray(subOption);
        if (resolved is not null) interaction["data"]!["resolved"] = resolved;
        return interaction;
    }

    /// <summary>`/corpus add file:&lt;attachment&gt;` with the attachment object the fake API made.</summary>
    public static JsonObject CorpusAdd(JsonObject attachment, string permissions = "32", string userId = "1100000000000000010") =>
        SubCommand("corpus", "add", new JsonObject { ["file"] = attachment["id"]!.GetValue<string>() }, new() { ["file"] = 11 },
            new JsonObject { ["attachments"] = new JsonObject { [attachment["id"]!.GetValue<string>()] = attachment.DeepClone() } }, permissions, userId: userId);

    /// <summary>A MODAL_SUBMIT (type 5): the modal's custom_id and the text inputs' values.</summary>
    public static JsonObject ModalSubmit(string customId, Dictionary<string, string> values, string userId = "1100000000000000010")
    {
        var interaction = Base(5);
        interaction["data"] = new JsonObject
        {
            ["custom_id"] = customId,
            ["components"] = new JsonArray(values.Select(v => (JsonNode)new JsonObject
            {
                ["type"] = 1,
                ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = v.Key, ["value"] = v.Value }),
            }).ToArray()),
        };
        interaction["member"] = Member(userId, "0", []);
        return interaction;
    }

    public static JsonObject Component(string customId, JsonObject? message = null, string userId = "1100000000000000010")
    {
        var interaction = Base(3);
        interaction["data"] = new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 };
        interaction["member"] = Member(userId, "0", []);
        interaction["message"] = message ?? new JsonObject { ["id"] = "1100000000000000200", ["channel_id"] = DiscordBotHost.ChannelId, ["content"] = "an answer" };
        return interaction;
    }

    private static JsonObject Member(string userId, string permissions, string[] roles) => new()
    {
        ["user"] = new JsonObject { ["id"] = userId, ["username"] = "asker", ["global_name"] = "Asker" },
        ["roles"] = new JsonArray(roles.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
        ["permissions"] = permissions,
    };

    private static JsonObject Base(int type) => new()
    {
        ["id"] = (1100000000000001000 + Interlocked.Increment(ref _next)).ToString(CultureInfo.InvariantCulture),
        ["application_id"] = DiscordBotHost.ApplicationId,
        ["type"] = type,
        ["token"] = "aW50ZXJhY3Rpb246MTEwMDAwMDAwMDAwMDAwMTAwMDp0ZXN0" + Interlocked.Increment(ref _next),
        ["version"] = 1,
        ["guild_id"] = DiscordBotHost.GuildId,
        ["channel_id"] = DiscordBotHost.ChannelId,
        ["app_permissions"] = "2147485696",
    };
}
