using System.Numerics.Tensors;
using System.Text;

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
    private const string Magic = "CBSV1";
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

    /// <summary>
    /// Binary layout (little-endian): "CBSV1", corpus hash, model id, dimensions, document count; per
    /// document: source, unit count, (start, length) per unit, then unit count × dimensions float32.
    /// </summary>
    public void WriteTo(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(CorpusHash);
        w.Write(ModelId);
        w.Write(Dimensions);
        w.Write(_documents.Count);
        foreach (var (source, d) in _documents.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.Write(source);
            w.Write(d.Spans.Length);
            foreach (var (start, length) in d.Spans) { w.Write(start); w.Write(length); }
            foreach (var f in d.Vectors) w.Write(f);
        }
    }

    /// <exception cref="InvalidDataException">The stream is not a sentence-vector file.</exception>
    public static SentenceVectors ReadFrom(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (r.ReadString() != Magic) throw new InvalidDataException("Not a sentence-vector file.");
            var hash = r.ReadString();
            var model = r.ReadString();
            var dimensions = r.ReadInt32();
            var count = r.ReadInt32();
            if (dimensions is < 0 or > 65536 || count < 0) throw new InvalidDataException("Corrupt sentence-vector header.");
            var documents = new Dictionary<string, DocumentVectors>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var source = r.ReadString();
                var units = r.ReadInt32();
                if (units < 0) throw new InvalidDataException("Corrupt sentence-vector file.");
                var spans = new (int, int)[units];
                for (var k = 0; k < units; k++) spans[k] = (r.ReadInt32(), r.ReadInt32());
                var data = new float[units * dimensions];
                for (var k = 0; k < data.Length; k++) data[k] = r.ReadSingle();
                documents[source] = new DocumentVectors(spans, data);
            }
            return new SentenceVectors(hash, model, dimensions, documents);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("Truncated sentence-vector file.");
        }
    }

    private sealed record DocumentVectors((int Start, int Length)[] Spans, float[] Vectors);
}
