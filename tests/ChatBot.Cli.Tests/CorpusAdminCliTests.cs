using System.Text;
using System.Text.Json;
using ChatBot.Testing;

namespace ChatBot.Cli.Tests;

/// <summary>Corpus changes through the CLI; each test starts from a copy of the corpus and of its built index.</summary>
public sealed class CorpusAdminCliTests : IAsyncLifetime
{
    private const string Article = """
        Border Drone Program Expands to Sonora

        The United States and Mexico agreed to expand a joint border drone program to the state of Sonora, officials said on Monday.
        The program will add 40 surveillance drones that share video with Mexican federal police in Hermosillo around the clock.
        “Shared eyes in the sky make smuggling routes visible to both sides,” said Commander Elena Barragán, who runs the program.
        """;

    private readonly string _root = RepoPaths.NewTempDir("chatbot-cli-admin");
    private string CorpusDir => Path.Combine(_root, "corpus");
    private string DataDir => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(CorpusDir);
        foreach (var f in Directory.GetFiles(RepoPaths.Corpus)) File.Copy(f, Path.Combine(CorpusDir, Path.GetFileName(f)));
        await CliRunner.IndexedDataDirAsync(DataDir);
    }

    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync(["--corpus", CorpusDir, .. args], dataDir: DataDir);

    [Fact]
    public async Task Add_then_ask_list_set_meta_and_remove_with_an_audit_trail()
    {
        var file = Path.Combine(_root, "drones-sonora.txt");
        await File.WriteAllTextAsync(file, Article);

        var add = await Run("corpus", "add", file, "--title", "Border Drone Program Expands to Sonora", "--outlet", "Desert Ledger", "--date", "2024-06-03");
        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.Contains("Added drones-sonora.txt", add.Stdout);
        Assert.True(File.Exists(Path.Combine(CorpusDir, "drones-sonora.txt")));

        var ask = await Run("ask", "How many surveillance drones will the border drone program add?", "--json");
        using (var answer = JsonDocument.Parse(ask.Stdout))
        {
            Assert.True(answer.RootElement.GetProperty("answered").GetBoolean(), ask.Stdout);
            Assert.Contains("40", answer.RootElement.GetProperty("answer").GetString());
            Assert.Equal("drones-sonora.txt", answer.RootElement.GetProperty("citations")[0].GetProperty("source").GetString());
            Assert.Equal("Desert Ledger", answer.RootElement.GetProperty("citations")[0].GetProperty("outlet").GetString());
        }

        var setMeta = await Run("corpus", "set-meta", "drones-sonora.txt", "--author", "P. Ruiz");
        Assert.True(setMeta.ExitCode == 0, setMeta.Stderr);
        var list = await Run("corpus", "list", "--json");
        Assert.Equal(0, list.ExitCode);
        using (var files = JsonDocument.Parse(list.Stdout))
        {
            var added = files.RootElement.EnumerateArray().Single(f => f.GetProperty("file").GetString() == "drones-sonora.txt");
            Assert.Equal("P. Ruiz", added.GetProperty("metadata").GetProperty("author").GetString());
            Assert.Equal("Desert Ledger", added.GetProperty("metadata").GetProperty("outlet").GetString());
            Assert.True(added.GetProperty("chunks").GetInt32() >= 1);
            Assert.Equal(6, files.RootElement.GetArrayLength());
        }

        var remove = await Run("corpus", "remove", "drones-sonora.txt");
        Assert.True(remove.ExitCode == 0, remove.Stderr);
        Assert.False(File.Exists(Path.Combine(CorpusDir, "drones-sonora.txt")));
        Assert.DoesNotContain("drones-sonora.txt", File.ReadAllText(Path.Combine(CorpusDir, "manifest.json")));

        var audit = File.ReadAllLines(Path.Combine(DataDir, "audit.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["add", "set-meta", "remove"], audit.Select(e => e.GetProperty("action").GetString()));
        Assert.All(audit, e => Assert.Equal($"cli:{Environment.UserName}", e.GetProperty("actor").GetString()));
        Assert.All(audit, e => Assert.Equal("ok", e.GetProperty("outcome").GetString()));
        Assert.Equal(64, audit[0].GetProperty("sha256").GetString()!.Length);
    }

    [Theory]
    [InlineData("latin1.txt", "not UTF-8")]
    [InlineData("empty.txt", "empty")]
    [InlineData("binary.txt", "binary")]
    [InlineData("bad name.txt", "letters")]
    [InlineData("notes.docx", "only")]
    public async Task Refused_files_exit_2_with_a_clear_message_and_leave_the_corpus_alone(string name, string message)
    {
        var path = Path.Combine(_root, name);
        var content = name switch
        {
            "latin1.txt" => Encoding.Latin1.GetBytes("Cooperación de seguridad entre México y los Estados Unidos, según Valdés."),
            "empty.txt" => [],
            "binary.txt" => new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00 },
            _ => Encoding.UTF8.GetBytes(Article),
        };
        await File.WriteAllBytesAsync(path, content);
        var before = Directory.GetFiles(CorpusDir).Select(Path.GetFileName).Order().ToList();
        var manifest = File.ReadAllText(Path.Combine(CorpusDir, "manifest.json"));

        var r = await Run("corpus", "add", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.Equal(before, Directory.GetFiles(CorpusDir).Select(Path.GetFileName).Order().ToList());
        Assert.Equal(manifest, File.ReadAllText(Path.Combine(CorpusDir, "manifest.json")));
        Assert.Contains("\"outcome\":\"rejected\"", File.ReadAllText(Path.Combine(DataDir, "audit.jsonl")));
    }

    [Fact]
    public async Task Missing_files_are_bad_input()
    {
        Assert.Equal(2, (await Run("corpus", "add", Path.Combine(_root, "nope.txt"))).ExitCode);
        var remove = await Run("corpus", "remove", "nope.txt");
        Assert.Equal(2, remove.ExitCode);
        Assert.Contains("not in the corpus", remove.Stderr);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
