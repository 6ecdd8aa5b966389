using System.Collections.Concurrent;
using ChatBot.Core.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Core.Search.VectorStores;

/// <summary>
/// The vectors a publication already has, by text: those of the version it builds on and any computed
/// during it. A text's embedding under one model is the same wherever it is computed, so while an offer
/// is open, <see cref="ReusingEmbeddingGenerator"/> embeds only texts it has not seen: a change re-embeds
/// the passages (and sentences) it changed, never the rest, and a writer that must build again on
/// another writer's version embeds nothing twice. The offer is made only with vectors of the model in use.
/// </summary>
public sealed class EmbeddingReuse
{
    private volatile ConcurrentDictionary<string, ReadOnlyMemory<float>>? _known;
    private int _reused;
    private int _embedded;

    /// <summary>Texts answered from known vectors since the offer opened.</summary>
    public int Reused => _reused;

    /// <summary>Texts the model embedded since the offer opened.</summary>
    public int Embedded => _embedded;

    public bool IsOpen => _known is not null;

    /// <summary>Opens an offer of <paramref name="vectors"/> (text → vector) until the result is disposed.</summary>
    public Offering Offer(IEnumerable<KeyValuePair<string, ReadOnlyMemory<float>>> vectors)
    {
        var known = new ConcurrentDictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        foreach (var (text, vector) in vectors) if (!vector.IsEmpty) known.TryAdd(text, vector);
        var previous = Interlocked.Exchange(ref _known, known);
        _reused = 0;
        _embedded = 0;
        return new Offering(known, () => Interlocked.CompareExchange(ref _known, previous, known));
    }

    internal bool TryGet(string text, out ReadOnlyMemory<float> vector)
    {
        vector = default;
        if (_known?.TryGetValue(text, out vector) != true) return false;
        Interlocked.Increment(ref _reused);
        return true;
    }

    internal void Learn(string text, ReadOnlyMemory<float> vector)
    {
        Interlocked.Increment(ref _embedded);
        _known?.TryAdd(text, vector);
    }

    /// <summary>An open offer: what it knows (offered, and learnt since), until disposed.</summary>
    public sealed class Offering(IReadOnlyDictionary<string, ReadOnlyMemory<float>> known, Action close) : IDisposable
    {
        private int _done;

        /// <summary>Everything known now: carry it to the next offer when this attempt is done over.</summary>
        public IReadOnlyDictionary<string, ReadOnlyMemory<float>> Known { get; } = known;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) close();
        }
    }
}

/// <summary>
/// The registered embedding generator, answering document embeddings from <see cref="EmbeddingReuse"/>
/// while an offer is open (queries, and everything outside an offer, go to the model as before).
/// </summary>
public sealed class ReusingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, EmbeddingReuse reuse)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!reuse.IsOpen || EmbeddingRoles.Of(options) != EmbeddingRole.Document)
            return await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);

        var texts = values as IList<string> ?? [.. values];
        var result = new Embedding<float>[texts.Count];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (reuse.TryGet(texts[i], out var known)) result[i] = new Embedding<float>(known);
            else missing.Add(i);
        }
        UsageDetails? usage = null;
        if (missing.Count > 0)
        {
            var fresh = await base.GenerateAsync([.. missing.Select(i => texts[i])], options, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < missing.Count; j++)
            {
                result[missing[j]] = fresh[j];
                reuse.Learn(texts[missing[j]], fresh[j].Vector);
            }
            usage = fresh.Usage;
        }
        return new GeneratedEmbeddings<Embedding<float>>(result) { Usage = usage };
    }
}

public static class EmbeddingReuseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EmbeddingReuse"/> and wraps the embedding generator registered so far (if any)
    /// in <see cref="ReusingEmbeddingGenerator"/>. Call after the embedding provider's registration.
    /// </summary>
    public static IServiceCollection AddEmbeddingReuse(this IServiceCollection services)
    {
        services.TryAddSingleton<EmbeddingReuse>();
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>) && !d.IsKeyedService);
        if (descriptor is null || descriptor.ImplementationFactory?.Target is ReuseMarker) return services;
        services.Remove(descriptor);
        var marker = new ReuseMarker(descriptor);
        services.Add(new ServiceDescriptor(typeof(IEmbeddingGenerator<string, Embedding<float>>), marker.Create, descriptor.Lifetime));
        return services;
    }

    /// <summary>Builds the decorator around the original registration; also marks it, so registering twice wraps once.</summary>
    private sealed class ReuseMarker(ServiceDescriptor original)
    {
        public object Create(IServiceProvider services)
        {
            var inner = original.ImplementationInstance
                        ?? original.ImplementationFactory?.Invoke(services)
                        ?? ActivatorUtilities.CreateInstance(services, original.ImplementationType!);
            return new ReusingEmbeddingGenerator((IEmbeddingGenerator<string, Embedding<float>>)inner, services.GetRequiredService<EmbeddingReuse>());
        }
    }
}
