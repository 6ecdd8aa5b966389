using System.Net;

namespace ChatBot.Qdrant;

/// <summary>A Qdrant request failed: the server's own error message, the HTTP status, or why it could not be reached.</summary>
public sealed class QdrantException : Exception
{
    public QdrantException(string message, HttpStatusCode? statusCode = null, string? serverError = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ServerError = serverError;
    }

    /// <summary>The HTTP status, or null when no response came (unreachable, timed out).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Qdrant's `status.error` text (or the raw body when not JSON).</summary>
    public string? ServerError { get; }
}
