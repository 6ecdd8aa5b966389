using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

using ChatBot.Core.Embeddings;

namespace ChatBot.Embeddings.OpenAI;

/// <summary>Thrown when a remote embeddings endpoint refuses a request or cannot be reached.</summary>
public sealed class EmbeddingProviderException(string message, int? statusCode, Exception? inner) : Exception(message, inner)
{
    /// <summary>The HTTP status the endpoint answered with; null when it was not reached.</summary>
    public int? StatusCode { get; } = statusCode;
}

/// <summary>
/// Embeddings from any OpenAI-compatible <c>POST {Endpoint}/embeddings</c> (OpenAI, Azure OpenAI's
/// v1 API, Ollama, ...) through Microsoft.Extensions.AI.OpenAI. The <see cref="EmbeddingRole"/> is
/// honoured with the configured query/document prefixes and never sent. Failures become
/// <see cref="EmbeddingProviderException"/> with a message saying which setting to look at.
/// </summary>
public static class OpenAICompatibleEmbeddings
{
    public static IEmbeddingGenerator<string, Embedding<float>> Create(OpenAIEmbeddingsOptions options, HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        if (string.IsNullOrWhiteSpace(options.Endpoint)) throw new InvalidOperationException("Embeddings:Endpoint is not set.");
        if (string.IsNullOrWhiteSpace(options.Model)) throw new InvalidOperationException("Embeddings:Model is not set.");

        var endpoint = new Uri(options.Endpoint);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            Transport = new HttpClientPipelineTransport(httpClient),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 2),
        };
        // The SDK insists on a credential; endpoints without keys (Ollama) ignore the header.
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "no-key" : options.ApiKey);
        var inner = new OpenAIClient(credential, clientOptions)
            .GetEmbeddingClient(options.Model)
            .AsIEmbeddingGenerator(options.Dimensions);
        return new ErrorTranslatingGenerator(inner, endpoint, options.Dimensions, options.QueryPrefix, options.DocumentPrefix);
    }

    /// <summary>The <see cref="IEmbeddingModelInfo"/> of a configuration: the document prefix changes stored vectors, so it is part of the id.</summary>
    public static EmbeddingModelInfo ModelInfo(OpenAIEmbeddingsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var variant = string.IsNullOrEmpty(options.DocumentPrefix)
            ? null
            : "doc-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(options.DocumentPrefix)))[..8];
        return new EmbeddingModelInfo("openai", options.Model ?? throw new InvalidOperationException("Embeddings:Model is not set."), options.Dimensions, variant);
    }

    private sealed class ErrorTranslatingGenerator(
        IEmbeddingGenerator<string, Embedding<float>> inner, Uri endpoint, int? dimensions, string? queryPrefix, string? documentPrefix)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(values);
            var prefix = EmbeddingRoles.Of(options) == EmbeddingRole.Query ? queryPrefix : documentPrefix;
            if (!string.IsNullOrEmpty(prefix)) values = values.Select(v => prefix + v).ToList();
            options = EmbeddingRoles.Without(options); // ChatBot's own option, not the API's

            GeneratedEmbeddings<Embedding<float>> result;
            try
            {
                result = await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
            }
            catch (ClientResultException ex) when (ex.Status > 0)
            {
                var hint = ex.Status switch
                {
                    401 or 403 => " (check Embeddings:ApiKey)",
                    404 => " (check Embeddings:Endpoint and Embeddings:Model)",
                    429 => " (rate limited or out of quota)",
                    _ => "",
                };
                throw new EmbeddingProviderException(
                    $"The embeddings endpoint {endpoint} refused the request: HTTP {ex.Status}{hint}. {FirstLines(ex.Message)}", ex.Status, ex);
            }
            catch (Exception ex) when (ex is ClientResultException or HttpRequestException or AggregateException && FindTransportError(ex) is not null)
            {
                // No HTTP answer at all (the SDK retries, then throws an AggregateException of these).
                throw new EmbeddingProviderException(
                    $"The embeddings endpoint {endpoint} could not be reached (check Embeddings:Endpoint): {FindTransportError(ex)!.Message}", null, ex);
            }

            var wanted = options?.Dimensions ?? dimensions;
            foreach (var embedding in result)
            {
                if (wanted is { } d && embedding.Vector.Length != d)
                    throw new EmbeddingProviderException(
                        $"The embeddings endpoint {endpoint} returned {embedding.Vector.Length}-d vectors; Embeddings:Dimensions is {d}.", null, null);
            }
            return result;
        }

        private static HttpRequestException? FindTransportError(Exception ex) => ex switch
        {
            HttpRequestException http => http,
            AggregateException all => all.InnerExceptions.Select(FindTransportError).FirstOrDefault(e => e is not null),
            { InnerException: { } inner } => FindTransportError(inner),
            _ => null,
        };

        private static string FirstLines(string message) =>
            string.Join(" ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));
    }
}
