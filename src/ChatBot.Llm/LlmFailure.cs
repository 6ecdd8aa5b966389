using Microsoft.SemanticKernel;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ChatBot.Llm;

/// <summary>Turns an LLM call's exception into a short cause for logs and Answer.Reason.</summary>
public static class LlmFailure
{
    /// <summary>Exception types and status codes only, never server-supplied text (which may echo a key prefix).</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutException timeout: return $"timed out ({timeout.Message})";
                case TimeoutRejectedException rejected: return $"timed out after {rejected.Timeout.TotalSeconds:0.###} s";
                case BrokenCircuitException: return "circuit open after repeated failures";
                case HttpOperationException { StatusCode: { } status }: return $"HTTP {(int)status} {status}";
                case HttpRequestException { StatusCode: { } status }: return $"HTTP {(int)status} {status}";
                case System.ClientModel.ClientResultException { Status: > 0 } result: return $"HTTP {result.Status} {(System.Net.HttpStatusCode)result.Status}";
            }
        }
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is not HttpRequestException request) continue;
            // The socket's own code ("ConnectionRefused", "HostNotFound") says what to fix; it carries no server text.
            var cause = (request.InnerException as System.Net.Sockets.SocketException)?.SocketErrorCode.ToString()
                        ?? (request.HttpRequestError != HttpRequestError.Unknown ? request.HttpRequestError.ToString() : nameof(HttpRequestException));
            return $"network error ({cause})";
        }
        return $"failed ({exception.GetType().Name})";
    }
}
