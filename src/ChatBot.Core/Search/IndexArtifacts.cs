using System.Collections.Concurrent;

namespace ChatBot.Core.Search;

/// <summary>
/// One vector of a <see cref="VectorArtifact"/>: <see cref="Key"/> is unique within the artifact (e.g.
/// "source#sentence-index"); <see cref="Text"/> is what was embedded, kept so that the next version can
/// reuse the vector of an unchanged text instead of embedding it again.
/// </summary>
public sealed record ArtifactVector(string Key, string Source, string Text, ReadOnlyMemory<float> Vector);

/// <summary>
/// A set of vectors an index leg computes from one corpus version beside the chunk vectors (e.g. one
/// vector per sentence). It belongs to the version: with a shared corpus it is published with the
/// version and loaded with it, so no replica embeds it again.
/// </summary>
/// <param name="Name">Letters, digits, '_' and '-' (it names a vector in the store); unique per version.</param>
public sealed record VectorArtifact(string Name, int Dimensions, IReadOnlyList<ArtifactVector> Items)
{
    /// <exception cref="ArgumentException">The name is not a plain name, or a vector's length differs from <see cref="Dimensions"/>.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Name) || Name.Length > 64 || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw new ArgumentException($"Artifact name '{Name}' must be 1-64 letters, digits, '_' or '-'.");
        ArgumentOutOfRangeException.ThrowIfLessThan(Dimensions, 1);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Items)
        {
            if (item.Vector.Length != Dimensions)
                throw new ArgumentException($"Artifact '{Name}': vector '{item.Key}' has {item.Vector.Length} dimensions, expected {Dimensions}.");
            if (!keys.Add(item.Key)) throw new ArgumentException($"Artifact '{Name}': key '{item.Key}' appears twice.");
        }
    }
}

/// <summary>
/// The per-version artifacts of a snapshot, by name. A leg adds its artifact while the snapshot is built
/// (<see cref="IIndexLeg.EnsureBuiltAsync"/>) and finds it already there when the snapshot was loaded from
/// a published version: then it has nothing to compute.
/// </summary>
public sealed class IndexArtifacts
{
    private readonly ConcurrentDictionary<string, VectorArtifact> _byName = new(StringComparer.Ordinal);

    public IReadOnlyCollection<VectorArtifact> All => [.. _byName.Values.OrderBy(a => a.Name, StringComparer.Ordinal)];

    public bool TryGet(string name, out VectorArtifact artifact) => _byName.TryGetValue(name, out artifact!);

    /// <summary>Adds or replaces an artifact (validated first).</summary>
    public void Set(VectorArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        artifact.Validate();
        _byName[artifact.Name] = artifact;
    }
}
