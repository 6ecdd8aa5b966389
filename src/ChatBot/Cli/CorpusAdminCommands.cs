using System.CommandLine;
using System.Text.Json;
using ChatBot.Core.Moderation;
using ChatBot.Http;
using Spectre.Console;

namespace ChatBot.Cli;

/// <summary>
/// `corpus add|remove|list|set-meta`: corpus management for the local operator, who is trusted (the CLI's
/// moderator rule), through the same ICorpusModeration as every other surface: every change is journaled,
/// serialised with other processes on the data dir's lock, and audited with the operating-system user as
/// the actor.
/// </summary>
public static class CorpusAdminCommands
{
    public static Command Create() => new("corpus", "Manage the corpus: add, replace or remove articles and edit their metadata (re-indexes at once).")
    {
        Add(), Remove(), List(), SetMeta(),
    };

    private sealed record MetadataOptions(Option<string?> Title, Option<string?> Outlet, Option<string?> Author, Option<string?> Date, Option<string?> Url)
    {
        public static MetadataOptions Create() => new(
            new("--title") { Description = "The article's title." },
            new("--outlet") { Description = "Where it was published." },
            new("--author") { Description = "Who wrote it." },
            new("--date") { Description = "Publication date, YYYY-MM-DD." },
            new("--url") { Description = "The original's http(s) address." });

        public void AddTo(Command command)
        {
            command.Options.Add(Title);
            command.Options.Add(Outlet);
            command.Options.Add(Author);
            command.Options.Add(Date);
            command.Options.Add(Url);
        }

        public CorpusFileMetadata Read(ParseResult parse) =>
            new(parse.GetValue(Title), parse.GetValue(Outlet), parse.GetValue(Author), parse.GetValue(Date), parse.GetValue(Url));
    }

    private static Command Add()
    {
        var path = new Argument<string>("path") { Description = "The article file (.txt, .md, .html) to add; a file of the same name is replaced." };
        var name = new Option<string?>("--name") { Description = "Store it under this file name instead of the file's own." };
        var meta = MetadataOptions.Create();
        var command = new Command("add", "Add or replace an article (validated first: nothing changes if it is refused).") { path, name };
        meta.AddTo(command);
        command.SetAction((parse, ct) => CliHost.RunAsync<CorpusAdminHandler>(parse, false, handler =>
            handler.AddAsync(parse.GetValue(path)!, parse.GetValue(name), meta.Read(parse), ct)));
        return command;
    }

    private static Command Remove()
    {
        var file = new Argument<string>("file") { Description = "The corpus file name to remove (see `corpus list`)." };
        var command = new Command("remove", "Remove an article from the corpus and its metadata from the manifest.") { file };
        command.SetAction((parse, ct) => CliHost.RunAsync<CorpusAdminHandler>(parse, false, handler => handler.RemoveAsync(parse.GetValue(file)!, ct)));
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print the list as a JSON array." };
        var command = new Command("list", "List the corpus files with their metadata and indexed passage counts.") { json };
        command.SetAction((parse, ct) => CliHost.RunAsync<CorpusAdminHandler>(parse, parse.GetValue(json), handler => handler.ListAsync(parse.GetValue(json), ct)));
        return command;
    }

    private static Command SetMeta()
    {
        var file = new Argument<string>("file") { Description = "The corpus file whose metadata to change." };
        var meta = MetadataOptions.Create();
        var command = new Command("set-meta", "Change an article's title, outlet, author, date or url (only the options given).") { file };
        meta.AddTo(command);
        command.SetAction((parse, ct) => CliHost.RunAsync<CorpusAdminHandler>(parse, false, handler => handler.SetMetaAsync(parse.GetValue(file)!, meta.Read(parse), ct)));
        return command;
    }
}

/// <summary>Changes the corpus for the local operator through the moderation service every surface uses.</summary>
public sealed class CorpusAdminHandler(ICorpusModeration moderation)
{
    private static ModerationCaller Caller => ModerationCaller.LocalOperator();

    public async Task<int> AddAsync(string file, string? storeAs, CorpusFileMetadata metadata, CancellationToken ct)
    {
        var info = new FileInfo(file);
        if (!info.Exists) throw new FileNotFoundException($"{file} does not exist.");
        // The declared size is checked first, so a huge file is refused without being read.
        var upload = new CorpusUpload(storeAs ?? info.Name, metadata.IsEmpty ? null : metadata, info.Length,
            (_, token) => File.ReadAllBytesAsync(file, token));
        var result = await moderation.AddOrReplaceAsync(Caller, upload, ct);
        Console.Out.WriteLine($"{(result.Replaced ? "Replaced" : "Added")} {result.File} (sha256 {result.Sha256?[..12]}); the index now has {result.Documents} documents, {result.Chunks} passages.");
        return ExitCodes.Ok;
    }

    public async Task<int> RemoveAsync(string file, CancellationToken ct)
    {
        var result = await moderation.RemoveAsync(Caller, file, ct);
        Console.Out.WriteLine($"Removed {result.File}; the index now has {result.Documents} documents, {result.Chunks} passages.");
        return ExitCodes.Ok;
    }

    public async Task<int> ListAsync(bool json, CancellationToken ct)
    {
        var files = await moderation.ListAsync(Caller, ct);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(files.ToList(), ApiJsonContext.Readable.ListCorpusFileInfo));
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("File", "Title", "Outlet", "Author", "Date", "Passages");
        foreach (var f in files)
        {
            var passages = f.DuplicateOf is null ? f.Chunks.ToString() : $"{f.Chunks} (repeats {f.DuplicateOf})";
            table.AddRow(Markup.Escape(f.File), Markup.Escape(f.Metadata.Title), Markup.Escape(f.Metadata.Outlet ?? "—"),
                Markup.Escape(f.Metadata.Author ?? "—"), Markup.Escape(f.Metadata.Date ?? "—"), Markup.Escape(passages));
        }
        ChatBotCli.HumanConsole().Write(table);
        return ExitCodes.Ok;
    }

    public async Task<int> SetMetaAsync(string file, CorpusFileMetadata metadata, CancellationToken ct)
    {
        var result = await moderation.UpdateMetadataAsync(Caller, file, metadata, ct);
        Console.Out.WriteLine($"Updated the metadata of {result.File}; the index now has {result.Documents} documents, {result.Chunks} passages.");
        return ExitCodes.Ok;
    }
}
