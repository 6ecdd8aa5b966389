namespace ChatBot.Core.Corpus;

/// <summary>Metadata of one corpus file, from corpus/manifest.json (or derived from the file when absent).</summary>
public sealed record DocumentMetadata(string Title, string? Outlet = null, string? Author = null, string? Date = null, string? Url = null);

/// <summary>
/// One cleaned corpus document. <see cref="Source"/> is the corpus file's name; <see cref="ContentHash"/>
/// is the SHA-256 of the cleaned text. <see cref="DuplicateOf"/> names the document this one
/// largely repeats, if any; <see cref="Comments"/> holds reader comments kept apart from the article.
/// </summary>
public sealed record CorpusDocument(
    string Source,
    DocumentMetadata Metadata,
    string Text,
    string ContentHash,
    string? DuplicateOf = null,
    string? Comments = null)
{
    public string Title => Metadata.Title;
}

/// <summary>
/// A sentence-aligned piece of a document. <see cref="Id"/> is derived from the source and the chunk's
/// text, so re-indexing the same content yields the same ids.
/// </summary>
public sealed record Chunk(string Id, string Source, int Ordinal, string Text, int Start, int Length);
