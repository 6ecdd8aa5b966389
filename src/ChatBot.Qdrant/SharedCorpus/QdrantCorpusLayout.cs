using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;
using ChatBot.Core.Search.VectorStores;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;

namespace ChatBot.Qdrant;

/// <summary>
/// How one corpus version lies in its collection: every point has a payload <c>kind</c> (indexed):
/// <list type="bullet">
/// <item><c>document</c>: one per corpus file, no vector: the cleaned text, metadata, near-duplicate mark,
/// structure (JSON), and the original file's bytes (base64), so any writer can build the next version
/// from this one.</item>
/// <item><c>chunk</c>: one per passage, with the named vector <see cref="QdrantPayload.DenseVector"/>:
/// text, source, chunk id, ordinal, offsets, section.</item>
/// <item><c>artifact</c>: one per vector of a per-version artifact (e.g. sentence vectors), with its own
/// named vector <c>a_&lt;name&gt;</c>: artifact name, key, source, text.</item>
/// <item><c>build</c>: written first (when and by whom the build started), so abandoned builds can be told from live ones.</item>
/// <item><c>manifest</c>: written last, so its presence means the version is complete: version, parent,
/// counts per kind (checked before publishing and when loading), corpus hash, pipeline, embedding model,
/// manifest.json's text, warnings, and when and by whom it was published.</item>
/// </list>
/// </summary>
internal static class QdrantCorpusLayout
{
    public const string DocumentKind = "document";
    public const string ArtifactKind = "artifact";
    public const string ManifestKind = "manifest";
    public const string BuildKind = "build";

    /// <summary>
    /// The head token: an alias named after the published version (<c>&lt;version&gt;__head</c>). Publishing
    /// renames it to the new version's token first in the alias call, which Qdrant applies in order under one
    /// lock and stops at the first error: renaming a token that is gone fails, so only one of two writers
    /// building on the same version can publish; the other builds again on the winner's version.
    /// </summary>
    public const string HeadSuffix = "__head";

    /// <summary>The empty collection the head token points to before any version is published (`&lt;alias&gt;__empty`).</summary>
    public const string EmptySuffix = "__empty";

    // Payload fields beyond QdrantPayload's kind, chunk_id, source, text.
    public const string Original = "original";
    public const string OriginalSha256 = "original_sha256";
    public const string Title = "title";
    public const string Outlet = "outlet";
    public const string Author = "author";
    public const string Date = "date";
    public const string Url = "url";
    public const string ContentHash = "content_hash";
    public const string DuplicateOf = "duplicate_of";
    public const string Comments = "comments";
    public const string Structure = "structure";
    public const string Ordinal = "ordinal";
    public const string Start = "start";
    public const string Length = "length";
    public const string Section = "section";
    public const string Artifact = "artifact";
    public const string Key = "key";
    public const string Version = "version";
    public const string Parent = "parent";
    public const string IndexName = "index_name";
    public const string CorpusHash = "corpus_hash";
    public const string Pipeline = "pipeline";
    public const string Model = "model";
    public const string Dimensions = "dimensions";
    public const string Documents = "documents";
    public const string Chunks = "chunks";
    public const string Artifacts = "artifacts";
    public const string PublishedAt = "published_at";
    public const string PublishedBy = "published_by";
    public const string Manifest = "manifest_json";
    public const string Warnings = "warnings";
    public const string StartedAt = "started_at";
    public const string Writer = "writer";

    /// <summary>Keyword payload indexes of a version collection: what loading and counting filter on.</summary>
    public static IReadOnlyList<string> IndexedFields { get; } = [.. QdrantPayload.IndexedFields, Artifact];

    public static Guid ManifestId { get; } = ChunkVectorRecord.KeyFor("manifest:");
    public static Guid BuildId { get; } = ChunkVectorRecord.KeyFor("build:");

    public static Guid DocumentId(string source) => ChunkVectorRecord.KeyFor("document:" + source);

    public static Guid ArtifactId(string artifact, string key) => ChunkVectorRecord.KeyFor($"artifact:{artifact}:{key}");

    /// <summary>The named vector holding artifact <paramref name="artifact"/>'s vectors.</summary>
    public static string ArtifactVector(string artifact) => "a_" + artifact;

    public static string HeadToken(string collection) => collection + HeadSuffix;

    public static Filter KindIs(string kind) => new() { Must = { Conditions.MatchKeyword(QdrantPayload.Kind, kind) } };

    public static Filter ArtifactIs(string artifact) =>
        new() { Must = { Conditions.MatchKeyword(QdrantPayload.Kind, ArtifactKind), Conditions.MatchKeyword(Artifact, artifact) } };

    // ---- points --------------------------------------------------------------------------------

    public static PointStruct DocumentPoint(CorpusDocument document, byte[] original)
    {
        var point = Vectorless(DocumentId(document.Source));
        var p = point.Payload;
        p[QdrantPayload.Kind] = DocumentKind;
        p[QdrantPayload.Source] = document.Source;
        p[Original] = Convert.ToBase64String(original);
        p[OriginalSha256] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(original));
        p[Title] = document.Metadata.Title;
        Optional(p, Outlet, document.Metadata.Outlet);
        Optional(p, Author, document.Metadata.Author);
        Optional(p, Date, document.Metadata.Date);
        Optional(p, Url, document.Metadata.Url);
        p[QdrantPayload.Text] = document.Text;
        p[ContentHash] = document.ContentHash;
        Optional(p, DuplicateOf, document.DuplicateOf);
        Optional(p, Comments, document.Comments);
        if (document.Structure is { } structure) p[Structure] = JsonSerializer.Serialize(structure, QdrantCorpusJson.Default.DocumentStructure);
        return point;
    }

    public static CorpusDocument ToDocument(IDictionary<string, Value> p) => new(
        Source: Text(p, QdrantPayload.Source),
        Metadata: new DocumentMetadata(Text(p, Title), OptionalText(p, Outlet), OptionalText(p, Author), OptionalText(p, Date), OptionalText(p, Url)),
        Text: Text(p, QdrantPayload.Text),
        ContentHash: Text(p, ContentHash),
        DuplicateOf: OptionalText(p, DuplicateOf),
        Comments: OptionalText(p, Comments),
        Structure: OptionalText(p, Structure) is { } json ? JsonSerializer.Deserialize(json, QdrantCorpusJson.Default.DocumentStructure) : null);

    /// <summary>The original file of a document point (its bytes checked against their hash).</summary>
    public static (string Name, byte[] Content) ToOriginal(IDictionary<string, Value> p)
    {
        var name = Text(p, QdrantPayload.Source);
        var content = Convert.FromBase64String(Text(p, Original));
        if (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)) != Text(p, OriginalSha256))
            throw new VectorStoreException($"The original of '{name}' stored in Qdrant does not match its hash.");
        return (name, content);
    }

    public static PointStruct ChunkPoint(Chunk chunk, ReadOnlyMemory<float>? vector)
    {
        var point = vector is { } v
            ? new PointStruct { Id = ChunkVectorRecord.KeyFor(chunk.Id), Vectors = new Dictionary<string, float[]> { [QdrantPayload.DenseVector] = v.ToArray() } }
            : Vectorless(ChunkVectorRecord.KeyFor(chunk.Id));
        var p = point.Payload;
        p[QdrantPayload.Kind] = QdrantPayload.ChunkKind;
        p[QdrantPayload.ChunkId] = chunk.Id;
        p[QdrantPayload.Source] = chunk.Source;
        p[QdrantPayload.Text] = chunk.Text;
        p[Ordinal] = chunk.Ordinal;
        p[Start] = chunk.Start;
        p[Length] = chunk.Length;
        Optional(p, Section, chunk.Section);
        return point;
    }

    public static Chunk ToChunk(IDictionary<string, Value> p) => new(
        Text(p, QdrantPayload.ChunkId), Text(p, QdrantPayload.Source), (int)Integer(p, Ordinal), Text(p, QdrantPayload.Text),
        (int)Integer(p, Start), (int)Integer(p, Length), OptionalText(p, Section));

    public static PointStruct ArtifactPoint(string artifact, ArtifactVector item)
    {
        var point = new PointStruct
        {
            Id = ArtifactId(artifact, item.Key),
            Vectors = new Dictionary<string, float[]> { [ArtifactVector(artifact)] = item.Vector.ToArray() },
        };
        var p = point.Payload;
        p[QdrantPayload.Kind] = ArtifactKind;
        p[Artifact] = artifact;
        p[Key] = item.Key;
        p[QdrantPayload.Source] = item.Source;
        p[QdrantPayload.Text] = item.Text;
        return point;
    }

    public static ArtifactVector ToArtifactVector(string artifact, IDictionary<string, Value> p, VectorsOutput? vectors)
    {
        var named = vectors?.VectorsOptionsCase == VectorsOutput.VectorsOptionsOneofCase.Vectors
                    && vectors.Vectors.Vectors.TryGetValue(ArtifactVector(artifact), out var output)
            ? output.GetDenseVector()?.Data.ToArray()
            : null;
        return new ArtifactVector(Text(p, Key), Text(p, QdrantPayload.Source), Text(p, QdrantPayload.Text),
            named ?? throw new VectorStoreException($"Artifact '{artifact}' vector '{Text(p, Key)}' has no vector in Qdrant."));
    }

    public static PointStruct BuildPoint(DateTimeOffset startedAt, string writer)
    {
        var point = Vectorless(BuildId);
        point.Payload[QdrantPayload.Kind] = BuildKind;
        point.Payload[StartedAt] = startedAt.ToString("O", CultureInfo.InvariantCulture);
        point.Payload[Writer] = writer;
        return point;
    }

    public static PointStruct ManifestPoint(VersionManifest m)
    {
        var point = Vectorless(ManifestId);
        var p = point.Payload;
        p[QdrantPayload.Kind] = ManifestKind;
        p[Version] = m.Version;
        Optional(p, Parent, m.Parent);
        p[IndexName] = m.IndexName;
        p[CorpusHash] = m.CorpusHash;
        p[Pipeline] = m.Pipeline;
        p[Model] = m.Model;
        p[Dimensions] = m.Dimensions;
        p[Documents] = m.Documents;
        p[Chunks] = m.Chunks;
        p[Artifacts] = JsonSerializer.Serialize(m.Artifacts, QdrantCorpusJson.Default.DictionaryStringArtifactCount);
        p[PublishedAt] = m.PublishedAt.ToString("O", CultureInfo.InvariantCulture);
        p[PublishedBy] = m.PublishedBy;
        Optional(p, Manifest, m.ManifestJson);
        p[Warnings] = JsonSerializer.Serialize(m.Warnings, QdrantCorpusJson.Default.ListString);
        return point;
    }

    public static VersionManifest ToManifest(IDictionary<string, Value> p) => new(
        Version: Text(p, Version),
        Parent: OptionalText(p, Parent),
        IndexName: Text(p, IndexName),
        CorpusHash: Text(p, CorpusHash),
        Pipeline: Text(p, Pipeline),
        Model: Text(p, Model),
        Dimensions: (int)Integer(p, Dimensions),
        Documents: Integer(p, Documents),
        Chunks: Integer(p, Chunks),
        Artifacts: JsonSerializer.Deserialize(Text(p, Artifacts), QdrantCorpusJson.Default.DictionaryStringArtifactCount) ?? [],
        PublishedAt: DateTimeOffset.Parse(Text(p, PublishedAt), CultureInfo.InvariantCulture),
        PublishedBy: Text(p, PublishedBy),
        ManifestJson: OptionalText(p, Manifest),
        Warnings: JsonSerializer.Deserialize(Text(p, Warnings), QdrantCorpusJson.Default.ListString) ?? []);

    public static DateTimeOffset? StartedAtOf(IDictionary<string, Value> p) =>
        OptionalText(p, StartedAt) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    /// <summary>A point with no vector: Qdrant wants an (empty) map of named vectors rather than none.</summary>
    private static PointStruct Vectorless(Guid id) => new() { Id = id, Vectors = new Vectors { Vectors_ = new NamedVectors() } };

    private static void Optional(IDictionary<string, Value> payload, string field, string? value)
    {
        if (value is not null) payload[field] = value;
    }

    public static string Text(IDictionary<string, Value> p, string field) =>
        OptionalText(p, field) ?? throw new VectorStoreException($"A corpus point in Qdrant lacks its '{field}'; the version was not written by ChatBot.");

    public static string? OptionalText(IDictionary<string, Value> p, string field) =>
        p.TryGetValue(field, out var v) && v.KindCase == Value.KindOneofCase.StringValue ? v.StringValue : null;

    private static long Integer(IDictionary<string, Value> p, string field) =>
        p.TryGetValue(field, out var v) && v.KindCase == Value.KindOneofCase.IntegerValue
            ? v.IntegerValue
            : throw new VectorStoreException($"A corpus point in Qdrant lacks its '{field}'; the version was not written by ChatBot.");
}

/// <summary>How many vectors an artifact has, and of what length.</summary>
internal sealed record ArtifactCount(long Count, int Dimensions);

/// <summary>The <c>manifest</c> point of a version.</summary>
/// <param name="IndexName">The dense leg's name for the vectors (corpus hash + embedding model).</param>
/// <param name="ManifestJson">The corpus's manifest.json as moderators last wrote it.</param>
internal sealed record VersionManifest(
    string Version,
    string? Parent,
    string IndexName,
    string CorpusHash,
    string Pipeline,
    string Model,
    int Dimensions,
    long Documents,
    long Chunks,
    Dictionary<string, ArtifactCount> Artifacts,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    string? ManifestJson,
    List<string> Warnings);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DocumentStructure))]
[JsonSerializable(typeof(Dictionary<string, ArtifactCount>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class QdrantCorpusJson : JsonSerializerContext;
