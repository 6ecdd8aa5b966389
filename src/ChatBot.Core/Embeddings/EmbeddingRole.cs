using Microsoft.Extensions.AI;

namespace ChatBot.Core.Embeddings;

/// <summary>
/// What a text is to the embedding model. Retrieval models trained asymmetrically (arctic-embed, e5,
/// nomic-embed, ...) embed a search query differently from the passages it should find, usually by
/// an instruction prefixed to the query; symmetric models (text-embedding-3) ignore the role.
/// </summary>
public enum EmbeddingRole
{
    /// <summary>A passage, sentence or other text that is stored and searched (the default).</summary>
    Document,

    /// <summary>A question or search text compared against stored documents.</summary>
    Query,
}

/// <summary>
/// The role travels in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>, so the engine
/// keeps the standard <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> and any provider can honour
/// it: local models read it with <see cref="Of"/>; providers that forward options to a remote API
/// take it out first (<see cref="Without"/>). No role means <see cref="EmbeddingRole.Document"/>.
/// </summary>
public static class EmbeddingRoles
{
    public const string PropertyName = "embedding_role";

    public static EmbeddingGenerationOptions For(EmbeddingRole role) =>
        new() { AdditionalProperties = new() { [PropertyName] = role } };

    /// <summary>The role the options ask for; <see cref="EmbeddingRole.Document"/> when none.</summary>
    /// <exception cref="ArgumentException">The property holds something that is not a role.</exception>
    public static EmbeddingRole Of(EmbeddingGenerationOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue(PropertyName, out var value) != true) return EmbeddingRole.Document;
        return value switch
        {
            EmbeddingRole role when Enum.IsDefined(role) => role,
            string name when Enum.TryParse<EmbeddingRole>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) => parsed,
            _ => throw new ArgumentException($"'{PropertyName}' must be an {nameof(EmbeddingRole)} (got '{value}').", nameof(options)),
        };
    }

    /// <summary>The options without the role (a copy; the caller's options are not changed).</summary>
    public static EmbeddingGenerationOptions? Without(EmbeddingGenerationOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.ContainsKey(PropertyName)) return options;
        var copy = options.Clone();
        var rest = new AdditionalPropertiesDictionary(properties);
        rest.Remove(PropertyName);
        copy.AdditionalProperties = rest.Count == 0 ? null : rest;
        return copy;
    }
}

/// <summary>How the engine embeds: questions as queries, passages and sentences as documents.</summary>
public static class EmbeddingGeneratorRoleExtensions
{
    /// <summary>The embedding of a search query (a question), for comparing against documents.</summary>
    public static async Task<ReadOnlyMemory<float>> EmbedQueryAsync(
        this IEmbeddingGenerator<string, Embedding<float>> generator, string query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return await generator.GenerateVectorAsync(query, EmbeddingRoles.For(EmbeddingRole.Query), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The embeddings of texts to be stored and searched, in the order given.</summary>
    public static Task<GeneratedEmbeddings<Embedding<float>>> EmbedDocumentsAsync(
        this IEmbeddingGenerator<string, Embedding<float>> generator, IEnumerable<string> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return generator.GenerateAsync(documents, EmbeddingRoles.For(EmbeddingRole.Document), cancellationToken);
    }
}
