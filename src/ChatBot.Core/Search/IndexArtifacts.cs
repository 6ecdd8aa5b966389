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

/// <summary>
/// Artifacts kept in an index folder of the data dir (the embedded provider), one file each
/// (`artifacts/&lt;name&gt;.bin`), so a restart loads them instead of computing them again.
/// </summary>
internal static class ArtifactFiles
{
    private const string Folder = "artifacts";
    private const int FormatVersion = 1;

    public static void Save(string indexFolder, VectorArtifact artifact)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(artifact.Name);
            writer.Write(artifact.Dimensions);
            writer.Write(artifact.Items.Count);
            foreach (var item in artifact.Items)
            {
                writer.Write(item.Key);
                writer.Write(item.Source);
                writer.Write(item.Text);
                foreach (var x in item.Vector.Span) writer.Write(x);
            }
        }
        Corpus.AtomicFile.WriteAllBytes(Path.Combine(indexFolder, Folder, artifact.Name + ".bin"), buffer.ToArray());
    }

    /// <summary>The artifacts saved in <paramref name="indexFolder"/>; an unreadable file is skipped (its leg computes it again).</summary>
    public static IEnumerable<VectorArtifact> Load(string indexFolder)
    {
        var folder = Path.Combine(indexFolder, Folder);
        if (!Directory.Exists(folder)) yield break;
        foreach (var path in Directory.EnumerateFiles(folder, "*.bin"))
        {
            VectorArtifact? artifact;
            try
            {
                using var reader = new BinaryReader(File.OpenRead(path), System.Text.Encoding.UTF8);
                if (reader.ReadInt32() != FormatVersion) continue;
                var name = reader.ReadString();
                var dimensions = reader.ReadInt32();
                var items = new ArtifactVector[reader.ReadInt32()];
                for (var i = 0; i < items.Length; i++)
                {
                    var (key, source, text) = (reader.ReadString(), reader.ReadString(), reader.ReadString());
                    var vector = new float[dimensions];
                    for (var d = 0; d < dimensions; d++) vector[d] = reader.ReadSingle();
                    items[i] = new ArtifactVector(key, source, text, vector);
                }
                artifact = new VectorArtifact(name, dimensions, items);
            }
            catch (Exception ex) when (ex is IOException or EndOfStreamException or ArgumentException)
            {
                artifact = null;
            }
            if (artifact is not null) yield return artifact;
        }
    }
}
