using System.Numerics.Tensors;
using ChatBot.Core.Corpus;

namespace ChatBot.Core.Search.Hybrid;

/// <summary>
/// The dense leg's second artifact beside the chunk vectors: one embedding (as a document) per unit of
/// every document (<see cref="DocumentAnalysis.Sentences"/>: sentences, list items, table rows,
/// headings), computed once when a corpus version is indexed and held in memory with its snapshot, so
/// answering compares the question with each candidate sentence without embedding anything per question.
/// Identified by the corpus hash and the embedding model id; each unit is keyed by its document and
/// its span, so vectors of a differently segmented corpus are never matched to the wrong sentence.
/// </summary>
public sealed class SentenceVectors
{
    private readonly Dictionary<string, DocumentVectors> _documents;

    private SentenceVectors(string corpusHash, string modelId, int dimensions, Dictionary<string, DocumentVectors> documents)
    {
        CorpusHash = corpusHash;
        ModelId = modelId;
        Dimensions = dimensions;
        _documents = documents;
    }

    public string CorpusHash { get; }
    public string ModelId { get; }
    public int Dimensions { get; }

    /// <summary>How many units have a vector.</summary>
    public int Count => _documents.Values.Sum(d => d.Spans.Length);

    /// <summary>The vector of unit <paramref name="index"/> of a document, or empty when it has none.</summary>
    public ReadOnlySpan<float> Of(string source, int index) =>
        _documents.TryGetValue(source, out var d) && index >= 0 && index < d.Spans.Length
            ? d.Vectors.AsSpan(index * Dimensions, Dimensions)
            : [];

    /// <summary>Cosine similarity of a unit with a normalised query vector (vectors are stored normalised); null when the unit has none.</summary>
    public double? Similarity(string source, int index, ReadOnlySpan<float> query)
    {
        var v = Of(source, index);
        if (v.IsEmpty || query.Length != v.Length) return null;
        return TensorPrimitives.Dot(v, query);
    }

    /// <summary>The text units to embed for a snapshot, in the order <see cref="Create"/> expects their vectors.</summary>
    public static IReadOnlyList<(string Source, AnalyzedSentence Unit)> UnitsOf(IndexSnapshot snapshot) =>
        snapshot.Documents.SelectMany(d => snapshot.Analysis(d.Source).Sentences.Select(s => (d.Source, s))).ToList();

    /// <summary>
    /// The text a unit is embedded as: its own, and for a list item or table row its section heading
    /// before it ("2.3.0 (2021-04-02): Fixed: exports time out", "Premium: 40 projects"). Such a unit
    /// is a fragment of the list or card its heading titles, and says little on its own.
    /// </summary>
    public static string EmbeddedText(IndexSnapshot snapshot, string source, AnalyzedSentence unit) =>
        unit.Kind is BlockKind.ListItem or BlockKind.TableRow && snapshot.Analysis(source).HeadingOf(unit.Section) is { } heading
            ? heading.Text + ": " + unit.Text
            : unit.Text;

    /// <summary>Builds the set from the vectors of <see cref="UnitsOf"/>, in the same order (normalised here).</summary>
    public static SentenceVectors Create(IndexSnapshot snapshot, string modelId, IReadOnlyList<ReadOnlyMemory<float>> vectors)
    {
        var units = UnitsOf(snapshot);
        if (units.Count != vectors.Count) throw new ArgumentException($"Expected {units.Count} vectors, got {vectors.Count}.", nameof(vectors));
        var dimensions = vectors.Count == 0 ? 0 : vectors[0].Length;
        var documents = new Dictionary<string, DocumentVectors>(StringComparer.Ordinal);
        var i = 0;
        foreach (var group in units.GroupBy(u => u.Source))
        {
            var list = group.ToList();
            var data = new float[list.Count * dimensions];
            for (var k = 0; k < list.Count; k++, i++)
            {
                var v = vectors[i].Span;
                if (v.Length != dimensions) throw new ArgumentException("Vectors differ in length.", nameof(vectors));
                var target = data.AsSpan(k * dimensions, dimensions);
                v.CopyTo(target);
                var norm = TensorPrimitives.Norm(target);
                if (norm > 0) TensorPrimitives.Divide(target, norm, target);
            }
            documents[group.Key] = new DocumentVectors(list.Select(u => (u.Unit.Span.Start, u.Unit.Span.Length)).ToArray(), data);
        }
        return new SentenceVectors(snapshot.CorpusHash, modelId, dimensions, documents);
    }

    /// <summary>Whether these vectors belong to this snapshot (same corpus, same units) and model.</summary>
    public bool Matches(IndexSnapshot snapshot, string modelId)
    {
        if (CorpusHash != snapshot.CorpusHash || ModelId != modelId) return false;
        foreach (var d in snapshot.Documents)
        {
            var units = snapshot.Analysis(d.Source).Sentences;
            if (!_documents.TryGetValue(d.Source, out var stored) || stored.Spans.Length != units.Count) return false;
            for (var k = 0; k < units.Count; k++)
                if (stored.Spans[k] != (units[k].Span.Start, units[k].Span.Length)) return false;
        }
        return true;
    }

    /// <summary>The artifact name of a model's sentence vectors: one per model, so a model change never reads another's vectors.</summary>
    public static string ArtifactName(string modelId)
    {
        var safe = new string(modelId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
        var name = "sentences_" + safe;
        return name.Length <= 64 ? name : name[..64];
    }

    private static string KeyOf(string source, AnalyzedSentence unit) => $"{source}#{unit.Span.Start}:{unit.Span.Length}";

    /// <summary>
    /// These vectors as a per-version artifact of the snapshot: kept in the index folder by the embedded
    /// store and published with the version by a shared one (Qdrant), so no restart or replica embeds them again.
    /// </summary>
    public VectorArtifact ToArtifact(IndexSnapshot snapshot)
    {
        var items = new List<ArtifactVector>(Count);
        foreach (var (source, unit) in UnitsOf(snapshot))
            items.Add(new ArtifactVector(KeyOf(source, unit), source, EmbeddedText(snapshot, source, unit), Of(source, unit.Index).ToArray()));
        return new VectorArtifact(ArtifactName(ModelId), Dimensions, items);
    }

    /// <summary>
    /// The vectors of an artifact when it holds exactly this snapshot's units (same documents, same
    /// spans, same texts), else null: a differently segmented corpus is embedded again, never mismatched.
    /// </summary>
    public static SentenceVectors? FromArtifact(IndexSnapshot snapshot, string modelId, VectorArtifact artifact)
    {
        var units = UnitsOf(snapshot);
        if (artifact.Name != ArtifactName(modelId) || artifact.Items.Count != units.Count) return null;
        for (var i = 0; i < units.Count; i++)
        {
            var (source, unit) = units[i];
            var item = artifact.Items[i];
            if (item.Key != KeyOf(source, unit) || item.Text != EmbeddedText(snapshot, source, unit)) return null;
        }
        return Create(snapshot, modelId, artifact.Items.Select(i => i.Vector).ToList());
    }

    private sealed record DocumentVectors((int Start, int Length)[] Spans, float[] Vectors);
}
