using Grpc.Core;
using Microsoft.Extensions.VectorData;
using Polly.Timeout;

namespace ChatBot.Qdrant;

/// <summary>
/// Turns what the gRPC stack throws into one line a user can act on (which server, what went wrong,
/// what to set), as a <see cref="VectorStoreException"/>. The api key never appears.
/// </summary>
public static class QdrantErrors
{
    public const string SystemName = "qdrant";

    /// <summary>True for a failure of the call itself (transport, status, timeout), false for a bug or a cancellation by the caller.</summary>
    public static bool IsQdrantFailure(Exception exception) =>
        exception is RpcException or TimeoutRejectedException or global::Qdrant.Client.QdrantException;

    public static bool IsNotFound(Exception exception) => exception is RpcException { StatusCode: StatusCode.NotFound };

    public static bool IsAlreadyExists(Exception exception) => exception is RpcException { StatusCode: StatusCode.AlreadyExists };

    /// <summary>Qdrant's rejection of a vector of the wrong length ("Vector dimension error: expected dim: 4, got 3").</summary>
    public static bool IsDimensionError(Exception exception) =>
        exception is RpcException { StatusCode: StatusCode.InvalidArgument } rpc && rpc.Status.Detail.Contains("dim", StringComparison.OrdinalIgnoreCase);

    /// <summary>One line for <paramref name="exception"/> while doing <paramref name="operation"/> against the server at <paramref name="where"/>.</summary>
    public static string Describe(Exception exception, string where, string operation, TimeSpan timeout) => exception switch
    {
        RpcException { StatusCode: StatusCode.Unavailable } rpc =>
            $"Qdrant at {where} is unreachable: {Reason(rpc)}. Check Qdrant:Url (gRPC, usually port {QdrantOptions.DefaultGrpcPort}) and that Qdrant is running.",
        RpcException { StatusCode: StatusCode.Unauthenticated } rpc =>
            $"Qdrant at {where} refused the api key ({rpc.Status.Detail}); set Qdrant:ApiKey to the server's key.",
        RpcException { StatusCode: StatusCode.PermissionDenied } rpc =>
            $"Qdrant at {where} does not allow {operation} with this api key ({rpc.Status.Detail}); a read-only key cannot build indexes.",
        RpcException { StatusCode: StatusCode.ResourceExhausted } rpc =>
            $"Qdrant at {where} is overloaded and kept refusing {operation} after retries: {rpc.Status.Detail}",
        RpcException { StatusCode: StatusCode.Unimplemented } =>
            $"Qdrant at {where} does not implement {operation}; is Qdrant:Url Qdrant's gRPC port ({QdrantOptions.DefaultGrpcPort})?",
        RpcException rpc => $"Qdrant at {where} failed {operation}: {rpc.StatusCode}: {Reason(rpc)}",
        TimeoutRejectedException => $"Qdrant at {where} did not answer {operation} within {timeout.TotalSeconds:0.#} s (Qdrant:Timeout).",
        global::Qdrant.Client.QdrantException q => $"Qdrant at {where} failed {operation}: {q.Message}",
        _ => $"Qdrant at {where} failed {operation}: {exception.Message}",
    };

    public static VectorStoreException Wrap(Exception exception, string where, string operation, TimeSpan timeout, string? collection = null) =>
        new(Describe(exception, where, operation, timeout), exception)
        {
            VectorStoreSystemName = SystemName,
            VectorStoreName = where,
            CollectionName = collection,
            OperationName = operation,
        };

    /// <summary>The transport's own words ("Connection refused (127.0.0.1:1)") rather than gRPC's generic detail.</summary>
    private static string Reason(RpcException rpc)
    {
        var text = rpc.Status.DebugException?.Message;
        if (string.IsNullOrWhiteSpace(text)) text = rpc.Status.Detail;
        return text.ReplaceLineEndings(" ").TrimEnd('.');
    }
}
