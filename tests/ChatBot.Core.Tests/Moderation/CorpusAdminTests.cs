using System.Text;
using ChatBot.Core.Answering;
using ChatBot.Core.Corpus;
using ChatBot.Core.Moderation;
using ChatBot.Core.Quiz;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests.Moderation;

public sealed class CorpusAdminTests : IDisposable
{
    private const string NewArticle = """
        Coastal Patrol Pact Signed in Veracruz

        Mexico and the United States signed a coastal patrol pact in the port of Veracruz on Tuesday, officials said.
        Under the pact, the Mexican Navy will share radar tracks of fast boats with the U.S. Coast Guard every hour.
        “This pact gives both navies a common picture of the Gulf,” said Admiral Rosalinda Quintero, who negotiated it.
        The agreement covers 1,200 nautical miles of coastline and runs for seven years.
        """;

    private readonly EngineFixture _engine = new();
    private readonly ServiceProvider _services;

    public CorpusAdminTests()
    {
        _services = Services(_engine);
    }

    private static ServiceProvider Services(EngineFixture engine)
    {
        var settings = new Dictionary<string, string?> { ["ChatBot:CorpusDir"] = engine.CorpusDir, ["ChatBot:DataDir"] = engine.DataDir };
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration);
        services.AddChatBotCore(configuration);
        services.AddChatBotStudentsAndModerators(configuration);
        return services.BuildServiceProvider();
    }

    private ICorpusAdmin Admin => _services.GetRequiredService<ICorpusAdmin>();
    private IAuditLog Audit => _services.GetRequiredService<IAuditLog>();
    private IAnswerEngine Engine => _services.GetRequiredService<IAnswerEngine>();

    [Fact]
    public async Task A_moderator_adds_an_article_and_the_next_question_is_answered_from_it()
    {
        var before = await Engine.AskAsync("Where was the coastal patrol pact signed?");
        Assert.DoesNotContain(before.Citations, c => c.Source == "coastal-pact.txt");

        var result = await Admin.AddOrReplaceAsync("coastal-pact.txt", Encoding.UTF8.GetBytes(NewArticle),
            new CorpusFileMetadata("Coastal Patrol Pact Signed in Veracruz", "Gulf Wire", "R. Ortiz", "2024-05-02", "https://example.org/pact"), "moderator-ana");
        Assert.False(result.Replaced);
        Assert.Equal(6, result.Documents);

        var after = await Engine.AskAsync("Where was the coastal patrol pact signed?");
        Assert.True(after.Answered, after.Text);
        Assert.Contains("Veracruz", after.Text);
        var citation = Assert.Single(after.Citations, c => c.Source == "coastal-pact.txt");
        Assert.Equal("Gulf Wire", citation.Outlet);

        var listed = Assert.Single(await Admin.ListAsync(), f => f.File == "coastal-pact.txt");
        Assert.Equal("R. Ortiz", listed.Metadata.Author);
        Assert.True(listed.Chunks >= 1);
        Assert.Equal("Gulf Wire", CorpusManifest.Load(_engine.CorpusDir).Find("coastal-pact.txt")!.Outlet);

        var entry = Assert.Single(Audit.ReadAll());
        Assert.Equal(("moderator-ana", "add", "coastal-pact.txt", AuditOutcome.Ok), (entry.Actor, entry.Action, entry.File, entry.Outcome));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(NewArticle))), entry.Sha256);
    }

    [Fact]
    public async Task Metadata_update_and_removal_take_effect_and_are_audited()
    {
        await Admin.AddOrReplaceAsync("coastal-pact.txt", Encoding.UTF8.GetBytes(NewArticle), null, "ana");
        await Admin.UpdateMetadataAsync("coastal-pact.txt", new CorpusFileMetadata(Title: "Pact in Veracruz", Outlet: "Gulf Wire"), "ana");
        Assert.Equal("Pact in Veracruz", Assert.Single(await Admin.ListAsync(), f => f.File == "coastal-pact.txt").Metadata.Title);

        var removed = await Admin.RemoveAsync("coastal-pact.txt", "ben");
        Assert.Equal(5, removed.Documents);
        Assert.False(File.Exists(Path.Combine(_engine.CorpusDir, "coastal-pact.txt")));
        Assert.Null(CorpusManifest.Load(_engine.CorpusDir).Find("coastal-pact.txt"));
        Assert.DoesNotContain(await Admin.ListAsync(), f => f.File == "coastal-pact.txt");
        var answer = await Engine.AskAsync("Where was the coastal patrol pact signed?");
        Assert.DoesNotContain(answer.Citations, c => c.Source == "coastal-pact.txt");

        Assert.Equal(["add", "set-meta", "remove"], Audit.ReadAll().Select(e => e.Action));
        Assert.All(Audit.ReadAll(), e => Assert.Equal(AuditOutcome.Ok, e.Outcome));
    }

    // Test-case data holds names only: xunit serializes every row at discovery, and a 20 MB payload
    // there costs gigabytes. The contents are built inside the test.
    private static byte[] BadUpload(string name) => name switch
    {
        "binary.txt" => [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x10, 0x00, 0xFF, 0x00],
        "empty.txt" => [],
        "blank.txt" => "   \n\n  "u8.ToArray(),
        "big.txt" => Encoding.UTF8.GetBytes(new string('a', 20 * 1024 * 1024)),
        "latin1.txt" => Encoding.Latin1.GetBytes("Declaración de Valdés sobre la cooperación en seguridad con los Estados Unidos."),
        "manifest.json" => Encoding.UTF8.GetBytes("{}"),
        "nav-only.html" => Encoding.UTF8.GetBytes("<html><body><nav>Home</nav><script>x()</script></body></html>"),
        _ => Encoding.UTF8.GetBytes(NewArticle),
    };

    [Theory]
    [InlineData("binary.txt", "binary")]
    [InlineData("empty.txt", "empty")]
    [InlineData("blank.txt", "empty")]
    [InlineData("big.txt", "MB")]
    [InlineData("latin1.txt", "not UTF-8")]
    [InlineData("../escape.txt", "plain file name")]
    [InlineData("sub/dir.txt", "plain file name")]
    [InlineData("bad name!.txt", "letters")]
    [InlineData(".hidden.txt", "letters")]
    [InlineData("manifest.json", "manifest")]
    [InlineData("report.pdf", "only")]
    [InlineData("nav-only.html", "nav-only.html")]
    public async Task Bad_uploads_are_refused_clearly_and_change_nothing(string name, string messagePart)
    {
        var content = BadUpload(name);
        var snapshot = await _engine.Index.EnsureReadyAsync();
        var files = Directory.GetFiles(_engine.CorpusDir).Select(f => (f, File.ReadAllBytes(f).Length)).OrderBy(x => x.f).ToList();
        var manifest = File.ReadAllText(Path.Combine(_engine.CorpusDir, CorpusManifest.FileName));

        var ex = await Assert.ThrowsAsync<CorpusException>(() => Admin.AddOrReplaceAsync(name, content, null, "ana"));
        Assert.Contains(messagePart, ex.Message);
        Assert.DoesNotContain("Exception", ex.Message);

        Assert.Equal(files, Directory.GetFiles(_engine.CorpusDir).Select(f => (f, File.ReadAllBytes(f).Length)).OrderBy(x => x.f).ToList());
        Assert.Equal(manifest, File.ReadAllText(Path.Combine(_engine.CorpusDir, CorpusManifest.FileName)));
        Assert.Same(snapshot, _engine.Index.Snapshot);
        Assert.False(File.Exists(Path.Combine(_engine.Root, "escape.txt")));
        var entry = Assert.Single(Audit.ReadAll());
        Assert.Equal(AuditOutcome.Rejected, entry.Outcome);
        Assert.Equal(ex.Message, entry.Detail);
    }

    [Fact]
    public async Task Bad_metadata_and_unknown_files_are_refused()
    {
        await Assert.ThrowsAsync<CorpusException>(() => Admin.AddOrReplaceAsync("ok.txt", Encoding.UTF8.GetBytes(NewArticle), new CorpusFileMetadata(Url: "javascript:alert(1)"), "ana"));
        await Assert.ThrowsAsync<CorpusException>(() => Admin.AddOrReplaceAsync("ok.txt", Encoding.UTF8.GetBytes(NewArticle), new CorpusFileMetadata(Date: "yesterday"), "ana"));
        await Assert.ThrowsAsync<CorpusException>(() => Admin.RemoveAsync("nope.txt", "ana"));
        await Assert.ThrowsAsync<CorpusException>(() => Admin.UpdateMetadataAsync("nope.txt", new CorpusFileMetadata("T"), "ana"));
        await Assert.ThrowsAsync<CorpusException>(() => Admin.UpdateMetadataAsync("000_ec4c33d2d5d46252.txt", new CorpusFileMetadata(), "ana"));
        Assert.False(File.Exists(Path.Combine(_engine.CorpusDir, "ok.txt")));
        Assert.Equal(5, Audit.ReadAll().Count);
        Assert.All(Audit.ReadAll(), e => Assert.Equal(AuditOutcome.Rejected, e.Outcome));
    }

    [Fact]
    public async Task Questions_are_answered_throughout_a_reindex()
    {
        await _engine.Index.EnsureReadyAsync();
        using var stop = new CancellationTokenSource();
        var asked = 0;
        var asking = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var answer = await Engine.AskAsync("Who said there will be no incentives to collaborate with the United States?");
                Assert.True(answer.Answered, answer.Text);
                Interlocked.Increment(ref asked);
            }
        });
        await Admin.AddOrReplaceAsync("coastal-pact.txt", Encoding.UTF8.GetBytes(NewArticle), null, "ana");
        await Admin.RemoveAsync("coastal-pact.txt", "ana");
        await stop.CancelAsync();
        await asking;
        Assert.True(asked > 0);
    }

    [Fact]
    public async Task The_audit_log_is_append_only_across_instances()
    {
        var first = Audit;
        await first.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, "a", "add", "x.txt", null, AuditOutcome.Ok));
        using var restarted = Services(_engine);
        var second = restarted.GetRequiredService<IAuditLog>();
        await second.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, "b", "remove", "x.txt", null, AuditOutcome.Refused));
        Assert.Equal(["a", "b"], second.ReadAll().Select(e => e.Actor));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_engine.DataDir, JsonLinesAuditLog.FileName)).Length);
    }

    [Fact]
    public void Api_key_policy_accepts_only_the_configured_key()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ApiOptions { ModeratorApiKey = "0123456789abcdef-moderator" });
        var policy = new ApiKeyModeratorPolicy(new StaticMonitor(options.Value));
        Assert.True(policy.IsModerator("0123456789abcdef-moderator"));
        Assert.False(policy.IsModerator("0123456789abcdef-moderatoR"));
        Assert.False(policy.IsModerator(""));
        Assert.False(policy.IsModerator(null));
        var unset = new ApiKeyModeratorPolicy(new StaticMonitor(new ApiOptions()));
        Assert.False(unset.IsModerator(""));
        Assert.False(unset.IsModerator("anything"));
    }

    private sealed class StaticMonitor(ApiOptions value) : Microsoft.Extensions.Options.IOptionsMonitor<ApiOptions>
    {
        public ApiOptions CurrentValue => value;
        public ApiOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<ApiOptions, string?> listener) => null;
    }

    public void Dispose()
    {
        _services.Dispose();
        _engine.Dispose();
    }
}
