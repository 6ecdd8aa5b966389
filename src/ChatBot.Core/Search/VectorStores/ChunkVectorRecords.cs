namespace ChatBot.Core.Search.VectorStores;

/// <summary>Input checks shared by the <see cref="IChunkVectorIndex"/> implementations.</summary>
public static class ChunkVectorRecords
{
    /// <summary>
    /// The records ready for an index build: every key set (from <see cref="ChunkVectorRecord.KeyFor"/>
    /// when left empty), keys unique, vectors non-empty and all of one length, which is returned.
    /// </summary>
    /// <exception cref="ArgumentException">No records, mixed or empty vectors, or a chunk id twice.</exception>
    public static (IReadOnlyList<ChunkVectorRecord> Records, int Dimensions) PrepareForBuild(IReadOnlyList<ChunkVectorRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0) throw new ArgumentException("Cannot build a vector index from zero records.", nameof(records));
        var dimensions = records[0].Embedding.Length;
        if (dimensions == 0) throw new ArgumentException($"Record 0 ({records[0].ChunkId}) has an empty embedding.", nameof(records));
        var prepared = new List<ChunkVectorRecord>(records.Count);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i] ?? throw new ArgumentException($"Record {i} is null.", nameof(records));
            if (record.Embedding.Length != dimensions)
            {
                throw new ArgumentException(
                    $"Record {i} ({record.ChunkId}) has {record.Embedding.Length} dimensions; the first record has {dimensions}.", nameof(records));
            }
            if (record.Key == Guid.Empty)
            {
                if (string.IsNullOrEmpty(record.ChunkId)) throw new ArgumentException($"Record {i} has neither a key nor a chunk id.", nameof(records));
                record = new ChunkVectorRecord { Key = ChunkVectorRecord.KeyFor(record.ChunkId), ChunkId = record.ChunkId, Source = record.Source, Text = record.Text, Embedding = record.Embedding };
            }
            if (!seen.Add(record.Key)) throw new ArgumentException($"Chunk '{record.ChunkId}' (key {record.Key}) appears twice.", nameof(records));
            prepared.Add(record);
        }
        return (prepared, dimensions);
    }

    /// <summary>
    /// The dimensions of a collection definition's one vector property, which must use cosine
    /// similarity (both stores rank by cosine). <paramref name="store"/> names the store in the error.
    /// </summary>
    public static int DimensionsFrom(Microsoft.Extensions.VectorData.VectorStoreCollectionDefinition definition, string store)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var vectors = definition.Properties.OfType<Microsoft.Extensions.VectorData.VectorStoreVectorProperty>().ToList();
        if (vectors.Count != 1) throw new ArgumentException("The definition must have exactly one vector property.", nameof(definition));
        if (vectors[0].DistanceFunction is { } distance && distance != Microsoft.Extensions.VectorData.DistanceFunction.CosineSimilarity)
        {
            throw new NotSupportedException($"Distance function '{distance}' is not supported; {store} uses cosine similarity.");
        }
        return vectors[0].Dimensions;
    }
}
