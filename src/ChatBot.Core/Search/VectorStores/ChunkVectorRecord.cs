using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.VectorData;

namespace ChatBot.Core.Search.VectorStores;

/// <summary>
/// One chunk as stored in a vector store (embedded or Qdrant). The key is a UUID derived from the
/// chunk id, so upserting the same content twice writes the same point.
/// </summary>
public sealed class ChunkVectorRecord
{
    public const int DefaultDimensions = 512;

    [VectorStoreKey] public Guid Key { get; set; }

    [VectorStoreData(IsIndexed = true)] public string ChunkId { get; set; } = "";

    [VectorStoreData(IsIndexed = true)] public string Source { get; set; } = "";

    [VectorStoreData] public string Text { get; set; } = "";

    [VectorStoreVector(DefaultDimensions, DistanceFunction = DistanceFunction.CosineSimilarity)]
    public ReadOnlyMemory<float> Embedding { get; set; }

    /// <summary>A stable UUID (RFC 4122 layout, version 5 bits) from a chunk id.</summary>
    public static Guid KeyFor(string chunkId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(chunkId), hash);
        var bytes = hash[..16].ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
