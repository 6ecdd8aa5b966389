using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace ChatBot.Core.Search.VectorStores;

/// <summary>Helpers shared by the vector stores: accepted search inputs and normalisation.</summary>
public static class VectorInput
{
    /// <summary>The vector in a search input: ReadOnlyMemory&lt;float&gt;, Memory&lt;float&gt;, float[] or Embedding&lt;float&gt;.</summary>
    /// <exception cref="NotSupportedException">Any other input (e.g. text: no embedding generator is configured on the store).</exception>
    public static ReadOnlyMemory<float> ToVector<TInput>(TInput input) where TInput : notnull => input switch
    {
        ReadOnlyMemory<float> memory => memory,
        Memory<float> memory => memory,
        float[] array => array,
        Embedding<float> embedding => embedding.Vector,
        _ => throw new NotSupportedException(
            $"Search input of type {typeof(TInput).Name} is not supported; pass ReadOnlyMemory<float>, float[] or Embedding<float>."),
    };

    /// <summary>Throws a clear error when a vector's length is not the collection's.</summary>
    public static void EnsureDimensions(ReadOnlySpan<float> vector, int dimensions, string collection, string what = "Vector")
    {
        if (vector.Length != dimensions)
        {
            throw new ArgumentException(
                $"{what} has {vector.Length} dimensions but collection '{collection}' expects {dimensions}.");
        }
    }

    /// <summary>Writes <paramref name="source"/> scaled to unit length; a zero vector stays zero.</summary>
    public static void Normalize(ReadOnlySpan<float> source, Span<float> destination)
    {
        var norm = TensorPrimitives.Norm(source);
        if (norm == 0 || !float.IsFinite(norm))
        {
            if (!float.IsFinite(norm)) throw new ArgumentException("Vector contains NaN or infinite values.");
            source.CopyTo(destination);
            return;
        }
        TensorPrimitives.Divide(source, norm, destination);
    }

    /// <summary>A unit-length copy.</summary>
    public static float[] Normalized(ReadOnlySpan<float> source)
    {
        var copy = new float[source.Length];
        Normalize(source, copy);
        return copy;
    }
}
