using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing.Fakes;

namespace ChatBot.Discord.Tests;

/// <summary>/corpus for moderators, with the real corpus administration over a temp copy of the corpus.</summary>
public sealed class CorpusCommandTests : IAsyncLifetime
{
    private const string Moderator = "1100000000000000066";
    private const string Member = "1100000000000000067";
    private const string NewFile = "005_discord_upload.txt";

    // A short article whose facts are in no other corpus file.
    private const string Article = """
        Joint Task Force Seizes Precursor Chemicals at Manzanillo

        Mexican navy inspectors and U.S. Homeland Security Investigations agents seized 1,240 kilograms of fentanyl precursor chemicals at the port of Manzanillo in March, officials said.

        The shipment, declared as industrial solvents, arrived from Shanghai aboard the container ship Pacific Heron and was flagged by a shared risk-targeting system the two governments set up last year.

        Rear Admiral Lucía Fernández Ortega, who commands the port's inspection unit, said the seizure was the largest of its kind on Mexico's Pacific coast.

        Investigators traced the consignment to a front company in Culiacán that U.S. prosecutors link to the Sinaloa cartel.
        """;

    private DiscordBotHost _host = null!;

    public async Task InitializeAsync() => _host = await DiscordBotHost.StartAsync(studentsAndModerators: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string CorpusState() => string.Join("\n", Directory.GetFiles(_host.CorpusDir!).Order(StringComparer.Ordinal)
        .Select(f => Path.GetFileName(f) + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))));

    private List<JsonElement> Audit()
    {
        var path = Path.Combine(_host.DataDir!, "audit.jsonl");
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList() : [];
    }

    private async Task<string> DeferredEditAsync(JsonObject interaction)
    {
        var response = await _host.InteractAsync(interaction);
        Assert.Equal(5, response["type"]!.GetValue<int>());
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        var token = interaction["token"]!.GetValue<string>();
        var edit = await _host.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(token), TimeSpan.FromSeconds(60));
        Assert.Equal(200, edit.Status);
        Assert.Equal("[]", edit.Json!["allowed_mentions"]!["parse"]!.ToJsonString());
        return edit.Json!["content"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_member_without_manage_guild_is_refused_ephemerally_and_the_attempt_is_audited()
    {
        var before = CorpusState();
        var attachment = _host.Discord.AddAttachment(NewFile, Encoding.UTF8.GetBytes(Article));
        var response = await _host.InteractAsync(InteractionJson.CorpusAdd(attachment, permissions: ((1L << 11) | (1L << 10)).ToString(), userId: Member));
        Assert.Equal(4, response["type"]!.GetValue<int>());
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("moderators", response["data"]!["content"]!.GetValue<string>());

        Assert.Empty(_host.Discord.AttachmentDownloads);
        Assert.Equal(before, CorpusState());
        var entry = Assert.Single(Audit());
        Assert.Equal("refused", entry.GetProperty("outcome").GetString());
        Assert.Equal("add", entry.GetProperty("action").GetString());
        Assert.Equal(NewFile, entry.GetProperty("file").GetString());
        Assert.Equal("discord:" + Member, entry.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_moderator_adds_a_text_file_and_the_next_ask_answers_from_it_then_removes_it()
    {
        var attachment = _host.Discord.AddAttachment(NewFile, Encoding.UTF8.GetBytes(Article));
        var added = await DeferredEditAsync(InteractionJson.CorpusAdd(attachment, userId: Moderator));
        Assert.Contains($"Added `{NewFile}`", added);
        Assert.Contains("6 document(s)", added);
        Assert.Single(_host.Discord.AttachmentDownloads);
        Assert.True(File.Exists(Path.Combine(_host.CorpusDir!, NewFile)));
        var audit = Audit().Last();
        Assert.Equal(("ok", "add", "discord:" + Moderator), (audit.GetProperty("outcome").GetString(), audit.GetProperty("action").GetString(), audit.GetProperty("actor").GetString()));

        var ask = InteractionJson.Command("ask", new JsonObject { ["question"] = "How many kilograms of fentanyl precursor chemicals were seized at the port of Manzanillo?" });
        await _host.InteractAsync(ask);
        var answer = await _host.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(ask["token"]!.GetValue<string>()), TimeSpan.FromSeconds(60));
        Assert.Contains("1,240", answer.Json!["content"]!.GetValue<string>());
        var sources = answer.Json!["embeds"]![0]!["fields"]!.AsArray().Select(f => f!["value"]!.GetValue<string>() + f["name"]!.GetValue<string>()).ToList();
        Assert.Contains(sources, s => s.Contains("Manzanillo", StringComparison.Ordinal));

        var list = await DeferredEditAsync(InteractionJson.SubCommand("corpus", "list", permissions: "32", userId: Moderator));
        Assert.Contains($"`{NewFile}`", list);
        Assert.Contains("Corpus: 6 file(s)", list);

        var removed = await DeferredEditAsync(InteractionJson.SubCommand("corpus", "remove", new JsonObject { ["file"] = NewFile }, permissions: "32", userId: Moderator));
        Assert.Contains($"Removed `{NewFile}`", removed);
        Assert.False(File.Exists(Path.Combine(_host.CorpusDir!, NewFile)));
    }

    [Theory]
    [InlineData("photo.txt", "binary")]
    [InlineData("empty.txt", "empty")]
    [InlineData("latin1.txt", "latin1")]
    [InlineData("slides.pdf", "pdf")]
    public async Task A_bad_file_is_refused_with_the_reason_and_nothing_changes(string fileName, string kind)
    {
        byte[] content = kind switch
        {
            "binary" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52],
            "empty" => [],
            "latin1" => Encoding.Latin1.GetBytes("Seguridad en la frontera: la cooperación bilateral continúa según funcionarios de ambos países."),
            _ => Encoding.ASCII.GetBytes("%PDF-1.7 not an article"),
        };
        var before = CorpusState();
        var attachment = _host.Discord.AddAttachment(fileName, content, kind == "binary" ? "image/png" : "text/plain");
        var reply = await DeferredEditAsync(InteractionJson.CorpusAdd(attachment, userId: Moderator));
        Assert.StartsWith("⚠️", reply);
        Assert.Contains(fileName, reply);
        Assert.Equal(before, CorpusState());
        Assert.Equal("rejected", Audit().Last().GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_file_declared_over_the_configured_limit_is_refused_before_downloading()
    {
        var before = CorpusState();
        var attachment = _host.Discord.AddAttachment("huge.txt", Encoding.UTF8.GetBytes(Article), declaredSize: 21L * 1024 * 1024);
        var reply = await DeferredEditAsync(InteractionJson.CorpusAdd(attachment, userId: Moderator));
        Assert.Contains("at most 5 MB", reply); // Moderation:MaxUploadBytes, the same on every surface
        Assert.Empty(_host.Discord.AttachmentDownloads);
        Assert.Equal(before, CorpusState());
        Assert.Equal("rejected", Audit().Last().GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task An_attachment_link_outside_the_allowed_hosts_is_not_fetched()
    {
        var before = CorpusState();
        var attachment = _host.Discord.AddAttachment(NewFile, Encoding.UTF8.GetBytes(Article));
        attachment["url"] = attachment["url"]!.GetValue<string>().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var reply = await DeferredEditAsync(InteractionJson.CorpusAdd(attachment, userId: Moderator));
        Assert.Contains("does not come from Discord's CDN", reply);
        Assert.Empty(_host.Discord.AttachmentDownloads);
        Assert.Equal(before, CorpusState());
    }

    [Fact]
    public async Task A_redirect_to_a_host_outside_the_allowlist_is_not_followed()
    {
        var before = CorpusState();
        var attachment = _host.Discord.AddAttachment(NewFile, Encoding.UTF8.GetBytes(Article));
        _host.Discord.RedirectAttachment(attachment, "localhost");
        var reply = await DeferredEditAsync(InteractionJson.CorpusAdd(attachment, userId: Moderator));
        Assert.Contains("does not come from Discord's CDN", reply);
        Assert.Empty(_host.Discord.AttachmentDownloadHosts);
        Assert.Equal(before, CorpusState());
        Assert.Equal("rejected", Audit().Last().GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData("https://cdn.discordapp.com/attachments/1/2/a.txt", true)]
    [InlineData("https://media.discordapp.net/attachments/1/2/a.txt", true)]
    [InlineData("https://cdn.discordapp.com.evil.example/a.txt", false)]
    [InlineData("https://evilcdn.discordapp.com/a.txt", false)]
    [InlineData("https://169.254.169.254/latest/meta-data", false)]
    public void By_default_only_discords_cdn_hosts_are_allowed(string url, bool allowed) =>
        Assert.Equal(allowed, new DiscordOptions().AttachmentSource.Allows(new Uri(url)));

    [Fact]
    public async Task The_whole_command_set_with_quiz_and_corpus_registers_against_discords_rules()
    {
        var registrar = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Commands.DiscordCommandRegistrar>(_host.Server.Services);
        var registered = await registrar.RegisterAsync(DiscordBotHost.GuildId, CancellationToken.None);
        Assert.Equal(["ask", "corpus", "help", "quiz", "reindex", "sources"], registered.Select(c => c.Name));
        var put = Assert.Single(_host.Discord.Requests, r => r.Method == "PUT");
        Assert.Equal(200, put.Status); // the fake answers 400 50035 to options Discord would reject
        var corpus = put.Json!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "corpus")!;
        Assert.Equal(11, corpus["options"]![0]!["options"]![0]!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task Removing_a_file_that_is_not_there_says_so()
    {
        var reply = await DeferredEditAsync(InteractionJson.SubCommand("corpus", "remove", new JsonObject { ["file"] = "999_nothing.txt" }, permissions: "32", userId: Moderator));
        Assert.Contains("999_nothing.txt is not in the corpus", reply);
    }

    [Fact]
    public async Task Help_describes_the_quiz_and_the_corpus_commands_within_the_message_limit()
    {
        var response = await _host.InteractAsync(InteractionJson.Command("help"));
        Assert.Null(FakeDiscordRestServer.ValidateInteractionResponse(response.ToJsonString()));
        var content = response["data"]!["content"]!.GetValue<string>();
        foreach (var usage in new[] { "`/quiz`", "`/corpus add file:<…> [title:<…>] [outlet:<…>] [url:<…>]`", "`/corpus remove file:<…>`", "`/corpus list`", "`/ask question:<…>`" })
            Assert.Contains(usage, content);
        Assert.Contains("Moderators", content);
    }

    [Fact]
    public async Task The_corpus_command_is_registered_with_sub_commands_and_an_attachment_option_for_moderators()
    {
        var definitions = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Commands.DiscordCommandRegistrar>(_host.Server.Services).Definitions();
        var corpus = Assert.Single(definitions, d => d.Name == "corpus");
        Assert.Equal("32", corpus.DefaultMemberPermissions);
        Assert.Equal(["add", "remove", "list"], corpus.Options!.Select(o => o.Name));
        Assert.All(corpus.Options!, o => Assert.Equal(1, o.Type));
        Assert.Equal(11, corpus.Options![0].Options![0].Type);
    }
}
