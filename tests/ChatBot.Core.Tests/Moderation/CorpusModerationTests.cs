using System.Text;
using ChatBot.Core.Answering;
using ChatBot.Core.Corpus;
using ChatBot.Core.Moderation;
using ChatBot.Core.Quiz;
using ChatBot.Core.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests.Moderation;

/// <summary>The one moderation service over a real engine and a temp copy of the corpus.</summary>
public sealed class CorpusModerationTests : IDisposable
{
    private const string NewArticle = """
        Coastal Patrol Pact Signed in Veracruz

        Mexico and the United States signed a coastal patrol pact in the port of Veracruz on Tuesday, officials said.
        Under the pact, the Mexican Navy will share radar tracks of fast boats with the U.S. Coast Guard every hour.
        “This pact gives both navies a common picture of the Gulf,” said Admiral Rosalinda Quintero, who negotiated it.
        The agreement covers 1,200 nautical miles of coastline and runs for seven years.
        """;

    private static readonly ModerationCaller Ana = new("test", "ana", true);
    private static readonly ModerationCaller Student = new("test", "student", false);

    private readonly EngineFixture _engine = new();
    private ServiceProvider _services;

    public CorpusModerationTests()
    {
        _services = Services(_engine);
    }

    private static ServiceProvider Services(EngineFixture engine, IDictionary<string, string?>? extra = null, ICorpusPublisher? publisher = null)
    {
        var settings = new Dictionary<string, string?> { ["ChatBot:CorpusDir"] = engine.CorpusDir, ["ChatBot:DataDir"] = engine.DataDir };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        if (publisher is not null) services.AddSingleton<ICorpusPublisher>(publisher);
        services.AddChatBotCore(configuration);
        services.AddChatBotStudentsAndModerators(configuration);
        return services.BuildServiceProvider();
    }

    private ICorpusModeration Moderation => _services.GetRequiredService<ICorpusModeration>();
    private IAuditLog Audit => _services.GetRequiredService<IAuditLog>();
    private IAnswerEngine Engine => _services.GetRequiredService<IAnswerEngine>();
    private CorpusIndex Index => _services.GetRequiredService<CorpusIndex>();

    private static CorpusUpload Upload(string name, string text, CorpusFileMetadata? metadata = null) =>
        CorpusUpload.FromBytes(name, Encoding.UTF8.GetBytes(text), metadata);

    private (string Files, string Manifest) CorpusState() =>
        (string.Join(",", Directory.GetFiles(_engine.CorpusDir).Select(f => Path.GetFileName(f) + ":" + File.ReadAllBytes(f).Length).Order()),
         File.ReadAllText(Path.Combine(_engine.CorpusDir, CorpusManifest.FileName)));

    [Fact]
    public async Task A_moderator_adds_an_article_and_the_next_question_is_answered_from_it()
    {
        var before = await Engine.AskAsync("Where was the coastal patrol pact signed?");
        Assert.DoesNotContain(before.Citations, c => c.Source == "coastal-pact.txt");

        var result = await Moderation.AddOrReplaceAsync(Ana, Upload("coastal-pact.txt", NewArticle,
            new CorpusFileMetadata("Coastal Patrol Pact Signed in Veracruz", "Gulf Wire", "R. Ortiz", "2024-05-02", "https://example.org/pact")));
        Assert.False(result.Replaced);
        Assert.Equal(6, result.Documents);

        var after = await Engine.AskAsync("Where was the coastal patrol pact signed?");
        Assert.True(after.Answered, after.Text);
        Assert.Contains("Veracruz", after.Text);
        Assert.Equal("Gulf Wire", Assert.Single(after.Citations, c => c.Source == "coastal-pact.txt").Outlet);
        Assert.Equal("R. Ortiz", Assert.Single(await Moderation.ListAsync(Ana), f => f.File == "coastal-pact.txt").Metadata.Author);

        Assert.True(Audit.ReadAll().Count == 1, string.Join("|", Audit.ReadAll().Select(x => x.Action + ":" + x.Outcome + ":" + x.Detail)));
        var entry = Assert.Single(Audit.ReadAll());
        Assert.Equal(("test:ana", "test", "add", "coastal-pact.txt", AuditOutcome.Ok), (entry.Actor, entry.Surface, entry.Action, entry.File, entry.Outcome));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(NewArticle))), entry.Sha256);
        Assert.NotNull(entry.ChangeId);
        // Once the outcome is audited the journal is empty.
        Assert.Null(_services.GetRequiredService<CorpusChangeJournal>().Pending());
    }

    [Fact]
    public async Task Metadata_update_removal_and_reindex_take_effect_and_are_audited()
    {
        await Moderation.AddOrReplaceAsync(Ana, Upload("coastal-pact.txt", NewArticle));
        await Moderation.UpdateMetadataAsync(Ana, "coastal-pact.txt", new CorpusFileMetadata(Title: "Pact in Veracruz", Outlet: "Gulf Wire"));
        Assert.Equal("Pact in Veracruz", Assert.Single(await Moderation.ListAsync(Ana), f => f.File == "coastal-pact.txt").Metadata.Title);

        var removed = await Moderation.RemoveAsync(Ana, "coastal-pact.txt");
        Assert.Equal(5, removed.Documents);
        Assert.False(File.Exists(Path.Combine(_engine.CorpusDir, "coastal-pact.txt")));
        Assert.Null(CorpusManifest.Load(_engine.CorpusDir).Find("coastal-pact.txt"));
        Assert.True((await Moderation.ReindexAsync(Ana, force: true)).Rebuilt);

        Assert.Equal(["add", "set-meta", "remove", "reindex"], Audit.ReadAll().Select(e => e.Action));
        Assert.All(Audit.ReadAll(), e => Assert.Equal(AuditOutcome.Ok, e.Outcome));
    }

    [Fact]
    public async Task Callers_who_are_not_moderators_on_their_surface_are_refused_audited_and_nothing_is_read()
    {
        var state = CorpusState();
        var read = false;
        var upload = new CorpusUpload("coastal-pact.txt", null, null, (_, _) => { read = true; return Task.FromResult(Encoding.UTF8.GetBytes(NewArticle)); });

        await Assert.ThrowsAsync<ModerationRefusedException>(() => Moderation.AddOrReplaceAsync(Student, upload));
        await Assert.ThrowsAsync<ModerationRefusedException>(() => Moderation.RemoveAsync(Student, "000_ec4c33d2d5d46252.txt"));
        await Assert.ThrowsAsync<ModerationRefusedException>(() => Moderation.UpdateMetadataAsync(Student, "000_ec4c33d2d5d46252.txt", new CorpusFileMetadata("T")));
        await Assert.ThrowsAsync<ModerationRefusedException>(() => Moderation.ReindexAsync(Student));
        await Assert.ThrowsAsync<ModerationRefusedException>(() => Moderation.ListAsync(Student));

        Assert.False(read);
        Assert.Equal(state, CorpusState());
        Assert.Equal(["add", "remove", "set-meta", "reindex", "list"], Audit.ReadAll().Select(e => e.Action));
        Assert.All(Audit.ReadAll(), e => Assert.Equal((AuditOutcome.Refused, "test:student"), (e.Outcome, e.Actor)));
    }

    public static TheoryData<string, string, string> BadUploads() => new()
    {
        // The content is made in the test from its kind: no payload sits in test-case data.
        { "binary.txt", "binary", "binary" },
        { "empty.txt", "empty", "empty" },
        { "blank.txt", "blank", "empty" },
        { "big.txt", "big", "at most 5 MB" },
        { "latin1.txt", "latin1", "not UTF-8" },
        { "../escape.txt", "article", "plain file name" },
        { "sub/dir.txt", "article", "plain file name" },
        { "bad name!.txt", "article", "letters" },
        { ".hidden.txt", "article", "letters" },
        { "manifest.json", "json", "manifest" },
        { "report.pdf", "article", "only" },
        { "nav-only.html", "nav", "nav-only.html" },
    };

    private static byte[] Content(string kind) => kind switch
    {
        "binary" => [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x10, 0x00, 0xFF, 0x00],
        "empty" => [],
        "blank" => "   \n\n  "u8.ToArray(),
        "big" => new byte[CorpusFileReader.MaxFileBytes + 1],
        "latin1" => Encoding.Latin1.GetBytes("Declaración de Valdés sobre la cooperación en seguridad con los Estados Unidos."),
        "json" => "{}"u8.ToArray(),
        "nav" => "<html><body><nav>Home</nav><script>x()</script></body></html>"u8.ToArray(),
        _ => Encoding.UTF8.GetBytes(NewArticle),
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Bad_uploads_are_refused_clearly_and_change_nothing(string name, string kind, string messagePart)
    {
        var snapshot = await _engine.Index.EnsureReadyAsync();
        var state = CorpusState();

        var ex = await Assert.ThrowsAsync<CorpusException>(() => Moderation.AddOrReplaceAsync(Ana, CorpusUpload.FromBytes(name, Content(kind))));
        Assert.Contains(messagePart, ex.Message);
        Assert.DoesNotContain("Exception", ex.Message);

        Assert.Equal(state, CorpusState());
        Assert.Same(snapshot, _engine.Index.Snapshot);
        Assert.False(File.Exists(Path.Combine(_engine.Root, "escape.txt")));
        var entry = Assert.Single(Audit.ReadAll());
        Assert.Equal(AuditOutcome.Rejected, entry.Outcome);
        Assert.Equal(ex.Message, entry.Detail);
    }

    [Fact]
    public async Task The_upload_limit_comes_from_configuration_and_a_declared_size_over_it_is_never_read()
    {
        _services.Dispose();
        _services = Services(_engine, new Dictionary<string, string?> { ["Moderation:MaxUploadBytes"] = "1024" });
        var read = false;
        var declared = new CorpusUpload("coastal-pact.txt", null, 2048, (_, _) => { read = true; return Task.FromResult(new byte[2048]); });
        Assert.Contains("at most 1 KB", (await Assert.ThrowsAsync<CorpusException>(() => Moderation.AddOrReplaceAsync(Ana, declared))).Message);
        Assert.False(read);
        // A size declared too small is caught on the content itself.
        var lying = CorpusUpload.FromBytes("coastal-pact.txt", Encoding.UTF8.GetBytes(NewArticle + new string(' ', 1024))) with { DeclaredBytes = 10 };
        Assert.Contains("at most 1 KB", (await Assert.ThrowsAsync<CorpusException>(() => Moderation.AddOrReplaceAsync(Ana, lying))).Message);
        Assert.Equal(1024, Moderation.MaxUploadBytes);
    }

    [Fact]
    public async Task Names_that_differ_only_in_case_are_refused_with_a_clear_message()
    {
        await Moderation.AddOrReplaceAsync(Ana, Upload("Case-Study.txt", NewArticle));
        var ex = await Assert.ThrowsAsync<CorpusException>(() => Moderation.AddOrReplaceAsync(Ana, Upload("case-study.txt", NewArticle.Replace("1,200", "900"))));
        Assert.Contains("only in upper/lower case", ex.Message);
        Assert.Contains("Case-Study.txt", ex.Message);
        Assert.Single(Directory.GetFiles(_engine.CorpusDir), f => string.Equals(Path.GetFileName(f), "case-study.txt", StringComparison.OrdinalIgnoreCase));
        // The same name replaces.
        Assert.True((await Moderation.AddOrReplaceAsync(Ana, Upload("Case-Study.txt", NewArticle + "\nUpdated."))).Replaced);
    }

    [Fact]
    public async Task A_change_interrupted_after_its_journal_entry_is_completed_at_the_next_start_and_audited_once()
    {
        var journal = _services.GetRequiredService<CorpusChangeJournal>();
        var manifest = CorpusManifest.Load(_engine.CorpusDir);
        manifest.Documents.Add(new ManifestEntry("coastal-pact.txt", "Coastal Patrol Pact", "Gulf Wire", null, null, null));
        var after = System.Text.Json.JsonSerializer.Serialize(manifest, CorpusJsonContext.Default.CorpusManifest) + "\n";
        // As a process killed after journaling and writing the file, before the manifest, would leave it.
        await _services.GetRequiredService<DataDirLock>().RunExclusiveAsync(() =>
        {
            journal.Begin(Ana, "add", "coastal-pact.txt", Encoding.UTF8.GetBytes(NewArticle), false, after, true);
            File.WriteAllText(Path.Combine(_engine.CorpusDir, "coastal-pact.txt"), NewArticle);
            return Task.CompletedTask;
        });
        _services.Dispose();

        _services = Services(_engine); // the next start
        var snapshot = await Index.EnsureReadyAsync();
        Assert.Contains(snapshot.Sources, s => s.Source == "coastal-pact.txt" && s.Metadata.Outlet == "Gulf Wire");
        var entry = Assert.Single(Audit.ReadAll());
        Assert.Equal((AuditOutcome.Ok, "add", "test:ana"), (entry.Outcome, entry.Action, entry.Actor));
        Assert.Contains("interruption", entry.Detail);
        Assert.Null(_services.GetRequiredService<CorpusChangeJournal>().Pending());
        Assert.Empty(Directory.GetFiles(journal.Folder));

        await Index.ReindexAsync(force: true);
        Assert.Single(Audit.ReadAll());
    }

    [Fact]
    public async Task An_interrupted_change_that_cannot_be_completed_is_rolled_back_and_audited()
    {
        var state = CorpusState();
        var journal = _services.GetRequiredService<CorpusChangeJournal>();
        var intent = await _services.GetRequiredService<DataDirLock>().RunExclusiveAsync(() =>
            Task.FromResult(journal.Begin(Ana, "add", "coastal-pact.txt", Encoding.UTF8.GetBytes(NewArticle), false, null, false)));
        File.WriteAllText(Path.Combine(_engine.CorpusDir, "coastal-pact.txt"), NewArticle[..40]); // half applied
        File.WriteAllText(Path.Combine(journal.Folder, intent.Id + ".new"), "not what was staged"); // and the staged copy damaged
        _services.Dispose();

        _services = Services(_engine);
        await Index.EnsureReadyAsync();
        var entry = Assert.Single(Audit.ReadAll());
        Assert.Equal((AuditOutcome.RolledBack, "add", "coastal-pact.txt"), (entry.Outcome, entry.Action, entry.File));
        Assert.Equal(state, CorpusState());
        Assert.DoesNotContain(Index.Snapshot.Sources, s => s.Source == "coastal-pact.txt");
    }

    [Fact]
    public async Task A_change_whose_publication_fails_is_rolled_back_and_audited_as_failed()
    {
        _services.Dispose();
        _services = Services(_engine, publisher: new FailingOncePublisher());
        var state = CorpusState();

        await Assert.ThrowsAsync<IOException>(() => Moderation.AddOrReplaceAsync(Ana, Upload("coastal-pact.txt", NewArticle)));

        Assert.Equal(state, CorpusState());
        var entry = Assert.Single(Audit.ReadAll());
        Assert.Equal(AuditOutcome.Failed, entry.Outcome);
        Assert.StartsWith("rolled back", entry.Detail);
        Assert.Null(_services.GetRequiredService<CorpusChangeJournal>().Pending());
    }

    /// <summary>A publisher whose first publication fails, as a full disk would make it.</summary>
    private sealed class FailingOncePublisher : ICorpusPublisher
    {
        private int _calls;

        public Task<IndexResult> PublishAsync(bool force, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new IOException("No space left on device")
                : Task.FromResult(new IndexResult("unchanged", 5, 1, false, TimeSpan.Zero));
    }

    [Fact]
    public async Task Abandoned_index_builds_are_removed_at_start()
    {
        var abandoned = Path.Combine(_engine.DataDir, "index", ".building-0123456789abcdef");
        Directory.CreateDirectory(abandoned);
        File.WriteAllText(Path.Combine(abandoned, "partial"), "x");
        await Index.EnsureReadyAsync();
        Assert.False(Directory.Exists(abandoned));
    }

    [Fact]
    public async Task Bad_metadata_and_unknown_files_are_refused()
    {
        await Assert.ThrowsAsync<CorpusException>(() => Moderation.AddOrReplaceAsync(Ana, Upload("ok.txt", NewArticle, new CorpusFileMetadata(Url: "javascript:alert(1)"))));
        await Assert.ThrowsAsync<CorpusException>(() => Moderation.AddOrReplaceAsync(Ana, Upload("ok.txt", NewArticle, new CorpusFileMetadata(Date: "yesterday"))));
        await Assert.ThrowsAsync<CorpusException>(() => Moderation.RemoveAsync(Ana, "nope.txt"));
        await Assert.ThrowsAsync<CorpusException>(() => Moderation.UpdateMetadataAsync(Ana, "nope.txt", new CorpusFileMetadata("T")));
        await Assert.ThrowsAsync<CorpusException>(() => Moderation.UpdateMetadataAsync(Ana, "000_ec4c33d2d5d46252.txt", new CorpusFileMetadata()));
        Assert.False(File.Exists(Path.Combine(_engine.CorpusDir, "ok.txt")));
        Assert.Equal(5, Audit.ReadAll().Count);
        Assert.All(Audit.ReadAll(), e => Assert.Equal(AuditOutcome.Rejected, e.Outcome));
    }

    [Fact]
    public async Task Questions_are_answered_throughout_a_change()
    {
        await _engine.Index.EnsureReadyAsync();
        using var stop = new CancellationTokenSource();
        var asked = 0;
        var firstAnswer = new TaskCompletionSource();
        var asking = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var answer = await Engine.AskAsync("Who said there will be no incentives to collaborate with the United States?");
                Assert.True(answer.Answered, answer.Text);
                Interlocked.Increment(ref asked);
                firstAnswer.TrySetResult();
            }
        });
        // The change starts once questions are being answered, however late the thread pool runs the loop.
        await Task.WhenAny(firstAnswer.Task, asking);
        await Moderation.AddOrReplaceAsync(Ana, Upload("coastal-pact.txt", NewArticle));
        await Moderation.RemoveAsync(Ana, "coastal-pact.txt");
        await stop.CancelAsync();
        await asking;
        Assert.True(asked > 0);
    }

    [Fact]
    public async Task The_audit_log_is_append_only_across_instances()
    {
        await Audit.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, "a", "add", "x.txt", null, AuditOutcome.Ok));
        using var restarted = Services(_engine);
        var second = restarted.GetRequiredService<IAuditLog>();
        await second.AppendAsync(new AuditEntry(DateTimeOffset.UtcNow, "b", "remove", "x.txt", null, AuditOutcome.Refused));
        Assert.Equal(["a", "b"], second.ReadAll().Select(e => e.Actor));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_engine.DataDir, JsonLinesAuditLog.FileName)).Length);
    }

    [Fact]
    public void Api_key_policy_accepts_only_the_configured_key()
    {
        var policy = new ApiKeyModeratorPolicy(new StaticMonitor(new ApiOptions { ModeratorApiKey = "0123456789abcdef-moderator" }));
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
