using System.Text.RegularExpressions;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;

namespace ChatBot.Testing.Corpora;

/// <summary>The two test corpora (the seed articles and a product's documentation), as surfaces' texts see them.</summary>
public static partial class TestCorpora
{
    public static string Seed => RepoPaths.Corpus;
    public static string Tidewatch => Path.Combine(RepoPaths.Fixtures, "corpora", "tidewatch");

    /// <summary>The documents of a corpus folder as the index lists them (manifest order, no near-duplicates marked).</summary>
    public static IReadOnlyList<SourceInfo> Sources(string corpusDir) =>
        CorpusManifest.Load(corpusDir).Documents
            .Select(d => new SourceInfo(d.File, new DocumentMetadata(d.Title ?? d.File, d.Outlet, d.Author, d.Date, d.Url), 1, "hash", null))
            .ToList();

    /// <summary>
    /// The names a text describing the corpus would use: capitalised words of four letters or more in its
    /// titles and outlets ("Tidewatch", "Washington"). A surface's fixed texts must contain none of them.
    /// </summary>
    public static IReadOnlySet<string> Names(string corpusDir) =>
        CorpusManifest.Load(corpusDir).Documents
            .SelectMany(d => new[] { d.Title, d.Outlet })
            .SelectMany(t => CapitalisedWord().Matches(t ?? "").Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The <paramref name="names"/> that occur in <paramref name="text"/> as whole words.</summary>
    public static IReadOnlyList<string> NamesIn(string text, IEnumerable<string> names) =>
        names.Where(n => Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(n)}(?![\p{{L}}\p{{N}}])")).ToList();

    [GeneratedRegex(@"\p{Lu}[\p{L}\p{N}.\-]{3,}")]
    private static partial Regex CapitalisedWord();
}
