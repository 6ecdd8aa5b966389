using System.Text.Json.Serialization;

namespace ChatBot.Core.Corpus;

/// <summary>Metadata of one corpus file, from corpus/manifest.json (or derived from the file when absent).</summary>
public sealed record DocumentMetadata(string Title, string? Outlet = null, string? Author = null, string? Date = null, string? Url = null);

/// <summary>
/// One cleaned corpus document. <see cref="Source"/> is the corpus file's name; <see cref="ContentHash"/>
/// is the SHA-256 of the cleaned text. <see cref="Text"/> holds the document's blocks (headings,
/// paragraphs, list items, table rows) one blank line apart; <see cref="Structure"/> says which is
/// which and under which heading, with offsets into <see cref="Text"/>. <see cref="DuplicateOf"/> names
/// the document this one largely repeats, if any; <see cref="Comments"/> holds reader comments found
/// after the article, kept apart so they are never cited as the article.
/// </summary>
public sealed record CorpusDocument(
    string Source,
    DocumentMetadata Metadata,
    string Text,
    string ContentHash,
    string? DuplicateOf = null,
    string? Comments = null,
    DocumentStructure? Structure = null)
{
    public string Title => Metadata.Title;

    /// <summary>The parsed structure, or one paragraph block per blank-line-separated paragraph for a document built by hand.</summary>
    [JsonIgnore]
    public DocumentStructure Layout => Structure ?? DocumentStructure.FromParagraphs(Text);
}

/// <summary>
/// A sentence-aligned piece of a document: whole blocks (never half a list item or table row), cut
/// between sentences only inside a long paragraph. <see cref="Id"/> is derived from the source and the
/// chunk's text, so re-indexing the same content yields the same ids. <see cref="Section"/> is the
/// heading path of the chunk's first block ("Install > Requirements"), null outside any section.
/// </summary>
public sealed record Chunk(string Id, string Source, int Ordinal, string Text, int Start, int Length, string? Section = null);
