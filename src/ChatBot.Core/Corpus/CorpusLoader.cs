using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Core.Corpus;

/// <summary>The corpus as loaded: cleaned documents, the passages to index, and a hash of everything that shaped them.</summary>
public sealed record LoadedCorpus(string CorpusHash, IReadOnlyList<CorpusDocument> Documents, IReadOnlyList<Chunk> Chunks, IReadOnlyList<string> Warnings);

/// <summary>
/// Loads a corpus folder: reads each article (.txt, .md, .html) into its structure (headings, paragraphs,
/// list items, table rows) without the page's chrome, attaches manifest metadata, marks near-duplicates,
/// and chunks. A file that cannot be read is skipped with
/// a warning rather than taking the whole corpus down.
/// </summary>
public sealed class CorpusLoader(ILogger<CorpusLoader>? logger = null)
{
    /// <summary>Bump when cleaning or chunking changes, so stored indexes are rebuilt.</summary>
    public const string PipelineVersion = "corpus-pipeline-13"; // 13: general-English word bridges (WordBridgeFilter); 12: irregular word forms analysed to their base (BaseFormFilter); 11: a definition term's own colon not doubled; 10: aligned plain-text tables read as table rows; 9: a two-column table without column names reads "Label: value"; 8: numbered headings, one-line lists and masthead metadata in plain text; trailing boxes and kickers in HTML

    private readonly ILogger _logger = logger ?? NullLogger<CorpusLoader>.Instance;

    public static IReadOnlyList<string> ListFiles(string corpusDir) =>
        Directory.EnumerateFiles(corpusDir)
            .Where(CorpusFileReader.IsSupported)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();

    /// <summary>Hash of the raw corpus (file names, bytes, manifest) and the pipeline version: cheap to compute at start-up.</summary>
    public static string ComputeHash(string corpusDir)
    {
        EnsureExists(corpusDir);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(PipelineVersion + "\n"));
        foreach (var file in ListFiles(corpusDir))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            sha.AppendData(SHA256.HashData(File.ReadAllBytes(file)));
        }
        var manifest = Path.Combine(corpusDir, CorpusManifest.FileName);
        if (File.Exists(manifest)) sha.AppendData(File.ReadAllBytes(manifest));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public LoadedCorpus Load(string corpusDir)
    {
        EnsureExists(corpusDir);
        var hash = ComputeHash(corpusDir);
        var manifest = CorpusManifest.Load(corpusDir);
        var warnings = new List<string>();
        var documents = new List<CorpusDocument>();

        var texts = new List<(string Name, string Text)>();
        foreach (var file in ListFiles(corpusDir))
        {
            try
            {
                texts.Add((Path.GetFileName(file), CorpusFileReader.ReadText(file)));
            }
            catch (CorpusException ex)
            {
                warnings.Add(ex.Message + " Skipped.");
            }
        }
        var template = TemplateLines(texts);
        foreach (var (name, text) in texts)
        {
            try
            {
                var document = ReadDocument(name, text, manifest.Find(name), template);
                if (document.Text.Length == 0) { warnings.Add($"{name}: no article text left after removing boilerplate; skipped."); continue; }
                documents.Add(document);
            }
            catch (CorpusException ex)
            {
                warnings.Add(ex.Message + " Skipped.");
            }
        }
        foreach (var w in warnings) _logger.LogWarning("Corpus: {Warning}", w);

        var (marked, chunks) = DeduplicateAndChunk(documents);
        return new LoadedCorpus(hash, marked, chunks, warnings);
    }

    /// <summary>Shared 5-word shingles of long paragraphs that make two files copies of one article: about one sentence.</summary>
    public const int SharedProseShingles = 10;

    /// <summary>
    /// Short lines that two or more different plain-text documents share: the template of the site they
    /// were saved from (comment prompts, sign-up boxes), recognised as chrome wherever they appear.
    /// Copies of one article (files that share long paragraphs) share its sentences too, so they do not count.
    /// </summary>
    public static IReadOnlySet<string> TemplateLines(IEnumerable<(string Name, string Text)> files)
    {
        var docs = files.Where(f => IsPlainText(f.Name))
            .Select(f => PlainTextReader.Parse(f.Text))
            .Select(blocks => (
                Keys: PageTextCleaner.TemplateCandidates(blocks).ToList(),
                // Only paragraphs longer than any template line can show that two files hold one article.
                Shingles: NearDuplicateDetector.Shingles(string.Join("\n", blocks.Where(b => InlineText.WordCount(b.Text) > PageTextCleaner.MaxChromeWords).Select(b => b.Text)))))
            .ToList();
        var holders = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var d = 0; d < docs.Count; d++)
            foreach (var key in docs[d].Keys)
                (holders.TryGetValue(key, out var list) ? list : holders[key] = []).Add(d);

        // Two files hold the same article when they share a sentence's worth of long-paragraph prose, or most
        // of their short lines (a template is a few lines of a page, not half of it).
        bool Copies(int a, int b) =>
            docs[a].Shingles.Intersect(docs[b].Shingles).Take(SharedProseShingles).Count() >= SharedProseShingles
            || docs[a].Keys.Intersect(docs[b].Keys).Count() * 2 >= Math.Min(docs[a].Keys.Count, docs[b].Keys.Count);

        var template = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, list) in holders)
        {
            if (list.Count < 2) continue;
            var different = false;
            for (var a = 0; a < list.Count && !different; a++)
                for (var b = a + 1; b < list.Count && !different; b++)
                    different = !Copies(list[a], list[b]);
            if (different) template.Add(key);
        }
        return template;
    }

    /// <summary>Cleans one file's text into a document (also used to validate an upload before it is saved).</summary>
    public static CorpusDocument ReadDocument(string name, string rawText, ManifestEntry? entry) => ReadDocument(name, rawText, entry, null);

    /// <summary>
    /// Cleans one file's text into a document by its format: Markdown and HTML by their parsers, plain
    /// text by its shape with page chrome removed (<paramref name="templateLines"/>: lines the corpus's
    /// other documents share). The manifest's title and metadata win over what the file states.
    /// </summary>
    public static CorpusDocument ReadDocument(string name, string rawText, ManifestEntry? entry, IReadOnlySet<string>? templateLines)
    {
        var ext = Path.GetExtension(name).ToLowerInvariant();
        var parsed = ext switch
        {
            ".html" or ".htm" => HtmlReader.Read(rawText),
            ".md" => MarkdownReader.Read(rawText),
            _ => PlainTextReader.Read(rawText, entry?.Title, templateLines),
        };

        var builder = new StructuredTextBuilder();
        builder.AddRange(parsed.Blocks);
        var (body, structure) = builder.Build();
        var metadata = new DocumentMetadata(
            Title: entry?.Title ?? (string.IsNullOrWhiteSpace(parsed.Title) ? Path.GetFileNameWithoutExtension(name) : ReadableTitle(parsed.Title, body)),
            Outlet: entry?.Outlet,
            Author: entry?.Author ?? parsed.Author,
            Date: entry?.Date ?? parsed.Date,
            Url: entry?.Url);
        var contentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        return new CorpusDocument(name, metadata, body, contentHash, Comments: parsed.Comments, Structure: structure);
    }

    /// <summary>
    /// A title the file shouts ("ANNUAL REPORT OF THE BOARD") in title case, since citations and source lists show it:
    /// function words after the first in lower case, other words capitalised, except a word the document's text also
    /// writes in capitals on a line that is not all capitals, which is an acronym and keeps them. Titles that are not all
    /// capitals stay as written.
    /// </summary>
    internal static string ReadableTitle(string title, string body)
    {
        if (title.Any(char.IsLower) || title.Count(char.IsLetter) < 8) return title;
        var mixedCaseLines = body.Split('\n').Where(line => line.Any(char.IsLower)).ToList();
        bool IsAcronym(string word)
        {
            var letters = word.Trim(TitlePunctuation);
            return letters.Length > 1 && mixedCaseLines.Any(line => Regex.IsMatch(line, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(letters)}(?![\p{{L}}\p{{N}}])"));
        }
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select((word, i) =>
            IsAcronym(word) ? word
            : i > 0 && Quiz.QuizText.FunctionWords.Contains(word.ToLowerInvariant()) ? word.ToLowerInvariant()
            : string.Join('-', word.Split('-').Select(Capitalised))));
    }

    private static readonly char[] TitlePunctuation = [',', '.', ':', ';', '!', '?', '"', '\'', '(', ')', '“', '”', '‘', '’'];

    private static string Capitalised(string part)
    {
        var first = part.TakeWhile(c => !char.IsLetter(c)).Count(); // the first letter, after any quote or bracket
        return first >= part.Length ? part : part[..(first + 1)] + part[(first + 1)..].ToLowerInvariant();
    }

    private static bool IsPlainText(string name) =>
        Path.GetExtension(name).ToLowerInvariant() is not (".html" or ".htm" or ".md");

    /// <summary>
    /// Longer documents take precedence: a shorter one mostly contained in a longer one is marked as its
    /// near-duplicate, and passages already held by a document earlier in that order are not indexed again.
    /// </summary>
    public static (IReadOnlyList<CorpusDocument> Documents, IReadOnlyList<Chunk> Chunks) DeduplicateAndChunk(IReadOnlyList<CorpusDocument> documents)
    {
        var order = documents.OrderByDescending(d => d.Text.Length).ThenBy(d => d.Source, StringComparer.Ordinal).ToList();
        var seen = new HashSet<ulong>();
        var shinglesBySource = new Dictionary<string, HashSet<ulong>>();
        var result = new Dictionary<string, CorpusDocument>();
        var chunksBySource = new Dictionary<string, List<Chunk>>();

        foreach (var doc in order)
        {
            var shingles = NearDuplicateDetector.Shingles(doc.Text);
            string? duplicateOf = null;
            foreach (var (source, other) in shinglesBySource)
            {
                if (NearDuplicateDetector.Containment(shingles, other) >= NearDuplicateDetector.DocumentThreshold) { duplicateOf = source; break; }
            }
            var kept = new List<Chunk>();
            foreach (var chunk in Chunker.Chunk(doc))
            {
                var chunkShingles = NearDuplicateDetector.Shingles(chunk.Text);
                if (seen.Count > 0 && NearDuplicateDetector.Containment(chunkShingles, seen) >= NearDuplicateDetector.PassageThreshold) continue;
                kept.Add(chunk);
            }
            seen.UnionWith(shingles);
            shinglesBySource[doc.Source] = shingles;
            result[doc.Source] = duplicateOf is null ? doc : doc with { DuplicateOf = duplicateOf };
            chunksBySource[doc.Source] = kept;
        }

        var docsInFileOrder = documents.Select(d => result[d.Source]).ToList();
        var chunks = docsInFileOrder.SelectMany(d => chunksBySource[d.Source]).ToList();
        return (docsInFileOrder, chunks);
    }

    private static void EnsureExists(string corpusDir)
    {
        if (!Directory.Exists(corpusDir))
            throw new CorpusException($"Corpus folder '{corpusDir}' does not exist. Pass --corpus DIR or set ChatBot__CorpusDir.");
    }
}
