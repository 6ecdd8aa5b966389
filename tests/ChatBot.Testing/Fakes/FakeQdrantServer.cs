using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qdrant.Client.Grpc;

namespace ChatBot.Testing.Fakes;

/// <summary>
/// One call as the fake received it: the gRPC method ("Points/Upsert"), its collection, wait flag,
/// when it arrived, and its outcome (null while it is in flight).
/// </summary>
public sealed record FakeQdrantCall(string Method, string? Collection, bool? Wait, bool HadApiKey, DateTimeOffset At, StatusCode? Status, int Points = 0);

/// <summary>
/// A Qdrant stand-in on 127.0.0.1 speaking Qdrant's gRPC protocol (HTTP/2 cleartext on Kestrel,
/// Grpc.AspNetCore) with Qdrant.Client's own message types, the methods bound by hand as
/// <see cref="Method{TRequest,TResponse}"/>s of the services `qdrant.Qdrant`, `qdrant.Collections` and
/// `qdrant.Points`. It behaves as Qdrant documents: see <see cref="FakeQdrantStore"/> for the data
/// rules; here: the api key (`api-key` metadata, Unauthenticated without it, the health check
/// exempt), wait semantics (wait=false is acknowledged and applied only when the test says so) and
/// injectable failures (any status, ResourceExhausted with `retry-after`, a build that dies midway,
/// an upsert held in flight). Methods it does not serve answer Unimplemented, as Qdrant does for
/// unknown ones.
/// </summary>
public sealed class FakeQdrantServer : IAsyncDisposable
{
    private const string Qdrant = "qdrant.Qdrant";
    private const string Collections = "qdrant.Collections";
    private const string Points = "qdrant.Points";

    private readonly Lock _gate = new();
    private readonly List<FakeQdrantCall> _calls = [];
    private readonly List<(string? Method, Status Status, Metadata Trailers)> _faults = [];
    private readonly List<Action> _pending = [];
    private readonly List<(string Method, int Count, TaskCompletionSource Arrived)> _waiters = [];
    private readonly TimeProvider _time;
    private LoopbackServer? _server;
    private int _upserts;
    private int _failUpsertsAfter = -1;
    private int _holdUpsertsAfter = -1;
    private TaskCompletionSource? _held;
    private TaskCompletionSource? _release;

    private FakeQdrantServer(string? apiKey, string version, TimeProvider time)
    {
        ApiKey = apiKey;
        Version = version;
        _time = time;
    }

    public FakeQdrantStore Store { get; } = new();

    /// <summary>"http://127.0.0.1:port/".</summary>
    public Uri BaseAddress => _server!.BaseAddress;

    /// <summary>What a client puts in Qdrant:Url.</summary>
    public string Url => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>The key every call but the health check must carry (null: no authentication).</summary>
    public string? ApiKey { get; set; }

    /// <summary>What the health check reports.</summary>
    public string Version { get; set; }

    public IReadOnlyList<FakeQdrantCall> Calls
    {
        get { lock (_gate) return [.. _calls]; }
    }

    public IReadOnlyDictionary<string, string> Aliases => Store.Aliases;

    public IReadOnlyList<string> CollectionNames => Store.CollectionNames;

    public int PointCount(string collectionOrAlias) => Store.PointCount(collectionOrAlias);

    public static async Task<FakeQdrantServer> StartAsync(string? apiKey = null, string version = "1.15.4", TimeProvider? time = null)
    {
        var fake = new FakeQdrantServer(apiKey, version, time ?? TimeProvider.System);
        fake._server = await LoopbackServer.StartAsync(
            endpoints => endpoints.MapGrpcService<FakeQdrantServer>(),
            services =>
            {
                // gRPC over cleartext needs an HTTP/2-only endpoint (prior knowledge, as Qdrant's port 6334 serves it).
                services.Configure<KestrelServerOptions>(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
                services.AddGrpc(o => o.MaxReceiveMessageSize = 32 * 1024 * 1024);
                services.AddSingleton(fake);
                services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<FakeQdrantServer>>(new MethodProvider()));
            });
        return fake;
    }

    // ---- fault injection -------------------------------------------------------------------

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> ("Points/Upsert"; null: any) fail with <paramref name="code"/>.</summary>
    public void Fail(StatusCode code, string? method = null, int times = 1, string? detail = null, TimeSpan? retryAfter = null)
    {
        var trailers = new Metadata();
        if (retryAfter is { } delay) trailers.Add("retry-after", ((int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var status = new Status(code, detail ?? code switch
        {
            StatusCode.ResourceExhausted => "Rate limiting exceeded: Write rate limit exceeded, retry later",
            StatusCode.Unavailable => "Shard temporarily unavailable: the fake was told to fail",
            _ => "Service internal error: the fake was told to fail",
        });
        lock (_gate)
        {
            for (var i = 0; i < times; i++) _faults.Add((method, status, trailers));
        }
    }

    /// <summary>After <paramref name="upserts"/> more successful upserts every upsert fails (Internal), as a server dying mid-build, until <see cref="Recover"/>.</summary>
    public void FailUpsertsAfter(int upserts)
    {
        lock (_gate) _failUpsertsAfter = _upserts + upserts;
    }

    /// <summary>
    /// The upsert after <paramref name="upserts"/> more is held in flight (not applied) until <see cref="Recover"/>
    /// or the client goes away; the task completes when it arrives, so a test can kill the client mid-build.
    /// </summary>
    public Task HoldUpsertsAfter(int upserts)
    {
        lock (_gate)
        {
            _holdUpsertsAfter = _upserts + upserts;
            _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _held.Task;
        }
    }

    /// <summary>Completes once <paramref name="count"/> calls of <paramref name="method"/> have arrived.</summary>
    public Task WhenCalls(string method, int count)
    {
        lock (_gate)
        {
            if (_calls.Count(c => c.Method == method) >= count) return Task.CompletedTask;
            var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((method, count, arrived));
            return arrived.Task;
        }
    }

    /// <summary>Ends injected failures and releases a held upsert.</summary>
    public void Recover()
    {
        lock (_gate)
        {
            _faults.Clear();
            _failUpsertsAfter = -1;
            _holdUpsertsAfter = -1;
            _release?.TrySetResult();
        }
    }

    /// <summary>Applies the writes that were sent with wait=false (Qdrant applies them "soon"; the fake, when told).</summary>
    public int ApplyPendingWrites()
    {
        List<Action> pending;
        lock (_gate)
        {
            pending = [.. _pending];
            _pending.Clear();
        }
        foreach (var apply in pending) apply();
        return pending.Count;
    }

    public async ValueTask DisposeAsync()
    {
        Recover();
        if (_server is not null) await _server.DisposeAsync();
    }

    // ---- the service -----------------------------------------------------------------------

    private Task<HealthCheckReply> HealthCheck(HealthCheckRequest request, ServerCallContext context) =>
        Task.FromResult(new HealthCheckReply { Title = "qdrant - vector search engine", Version = Version, Commit = "0000000fake" });

    private Task<CollectionOperationResponse> Create(CreateCollection request, ServerCallContext context) =>
        Done(new CollectionOperationResponse { Result = Store.CreateCollection(request) });

    private Task<CollectionOperationResponse> Delete(DeleteCollection request, ServerCallContext context) =>
        Done(new CollectionOperationResponse { Result = Store.DeleteCollection(request.CollectionName) });

    private Task<GetCollectionInfoResponse> GetInfo(GetCollectionInfoRequest request, ServerCallContext context) =>
        Done(new GetCollectionInfoResponse { Result = Store.Info(request.CollectionName) });

    private Task<ListCollectionsResponse> List(ListCollectionsRequest request, ServerCallContext context) =>
        Done(new ListCollectionsResponse { Collections = { Store.CollectionNames.Select(n => new CollectionDescription { Name = n }) } });

    private Task<CollectionExistsResponse> Exists(CollectionExistsRequest request, ServerCallContext context) =>
        Done(new CollectionExistsResponse { Result = new CollectionExists { Exists = Store.Exists(request.CollectionName) } });

    private Task<CollectionOperationResponse> UpdateAliases(ChangeAliases request, ServerCallContext context)
    {
        Store.ChangeAliases(request.Actions);
        return Done(new CollectionOperationResponse { Result = true });
    }

    private Task<ListAliasesResponse> ListAliases(ListAliasesRequest request, ServerCallContext context) =>
        Done(new ListAliasesResponse { Aliases = { Store.ListAliases() } });

    private Task<ListAliasesResponse> ListCollectionAliases(ListCollectionAliasesRequest request, ServerCallContext context) =>
        Done(new ListAliasesResponse { Aliases = { Store.ListAliases(request.CollectionName) } });

    private async Task<PointsOperationResponse> Upsert(UpsertPoints request, ServerCallContext context)
    {
        var apply = Store.PrepareUpsert(request.CollectionName, request.Points);
        Task? hold = null;
        lock (_gate)
        {
            if (_failUpsertsAfter >= 0 && _upserts >= _failUpsertsAfter)
                throw new RpcException(new Status(StatusCode.Internal, "Service internal error: the fake's storage died mid-build"));
            if (_holdUpsertsAfter >= 0 && _upserts >= _holdUpsertsAfter)
            {
                _held!.TrySetResult();
                hold = _release!.Task;
            }
        }
        if (hold is not null)
        {
            await hold.WaitAsync(context.CancellationToken); // a client that goes away cancels this: nothing is written
            context.CancellationToken.ThrowIfCancellationRequested();
        }
        lock (_gate) _upserts++;
        return Write(request.Wait, apply);
    }

    private Task<PointsOperationResponse> DeletePoints(DeletePoints request, ServerCallContext context) =>
        Task.FromResult(Write(request.Wait, Store.PrepareDelete(request.CollectionName, request.Points)));

    private Task<PointsOperationResponse> CreateFieldIndex(CreateFieldIndexCollection request, ServerCallContext context)
    {
        Store.CreateFieldIndex(request.CollectionName, request.FieldName, request.FieldType);
        return Done(new PointsOperationResponse { Result = new UpdateResult { OperationId = Store.NextOperationId(), Status = UpdateStatus.Completed } });
    }

    private Task<GetResponse> GetPoints(GetPoints request, ServerCallContext context) =>
        Done(new GetResponse { Result = { Store.Get(request) } });

    private Task<ScrollResponse> Scroll(ScrollPoints request, ServerCallContext context) => Done(Store.Scroll(request));

    private Task<CountResponse> Count(CountPoints request, ServerCallContext context) =>
        Done(new CountResponse { Result = new CountResult { Count = Store.Count(request) } });

    private Task<QueryResponse> Query(QueryPoints request, ServerCallContext context) =>
        Done(new QueryResponse { Result = { Store.Query(request) } });

    /// <summary>wait=true: applied before the answer (Completed); wait=false: Acknowledged, applied by <see cref="ApplyPendingWrites"/>.</summary>
    private PointsOperationResponse Write(bool wait, Action apply)
    {
        if (wait) apply();
        else lock (_gate) _pending.Add(apply);
        return new PointsOperationResponse
        {
            Result = new UpdateResult { OperationId = Store.NextOperationId(), Status = wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged },
        };
    }

    private static Task<T> Done<T>(T response) => Task.FromResult(response);

    /// <summary>Every call: recorded, authenticated, maybe failed on purpose, then handled; Qdrant's errors become the call's status.</summary>
    private async Task<TResponse> Handle<TRequest, TResponse>(string method, TRequest request, ServerCallContext context,
        Func<TRequest, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
    {
        var key = context.RequestHeaders.GetValue("api-key");
        var status = StatusCode.OK;
        var (collection, wait, points) = Describe(request);
        int index;
        lock (_gate)
        {
            index = _calls.Count;
            _calls.Add(new FakeQdrantCall(method, collection, wait, key is not null, _time.GetUtcNow(), null, points));
            var arrivals = _calls.Count(c => c.Method == method);
            foreach (var waiter in _waiters.Where(w => w.Method == method && arrivals >= w.Count).ToList())
            {
                waiter.Arrived.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
        try
        {
            if (ApiKey is not null && method != "Qdrant/HealthCheck")
            {
                if (key is null) throw new RpcException(new Status(StatusCode.Unauthenticated, "Must provide an API key or an Authorization bearer token"));
                if (key != ApiKey) throw new RpcException(new Status(StatusCode.Unauthenticated, "Invalid API key or JWT"));
            }
            lock (_gate)
            {
                var fault = _faults.FindIndex(f => f.Method is null || f.Method == method);
                if (fault >= 0)
                {
                    var (_, injected, trailers) = _faults[fault];
                    _faults.RemoveAt(fault);
                    throw new RpcException(injected, trailers);
                }
            }
            return await handler(request, context);
        }
        catch (RpcException e)
        {
            status = e.StatusCode;
            throw;
        }
        catch (OperationCanceledException)
        {
            status = StatusCode.Cancelled;
            throw;
        }
        finally
        {
            lock (_gate) _calls[index] = _calls[index] with { Status = status };
        }
    }

    private static (string? Collection, bool? Wait, int Points) Describe(object request) => request switch
    {
        UpsertPoints u => (u.CollectionName, u.Wait, u.Points.Count),
        DeletePoints d => (d.CollectionName, d.Wait, 0),
        CreateFieldIndexCollection f => (f.CollectionName, f.Wait, 0),
        CreateCollection c => (c.CollectionName, null, 0),
        DeleteCollection c => (c.CollectionName, null, 0),
        GetCollectionInfoRequest c => (c.CollectionName, null, 0),
        CollectionExistsRequest c => (c.CollectionName, null, 0),
        QueryPoints q => (q.CollectionName, null, 0),
        ScrollPoints s => (s.CollectionName, null, 0),
        CountPoints c => (c.CollectionName, null, 0),
        GetPoints g => (g.CollectionName, null, 0),
        _ => (null, null, 0),
    };

    /// <summary>Binds Qdrant's methods (service and method names as in Qdrant's protos) with the messages' own parsers.</summary>
    private sealed class MethodProvider : IServiceMethodProvider<FakeQdrantServer>
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<FakeQdrantServer> context)
        {
            Bind(context, Qdrant, "HealthCheck", HealthCheckRequest.Parser, HealthCheckReply.Parser, s => s.HealthCheck);
            Bind(context, Collections, "Create", CreateCollection.Parser, CollectionOperationResponse.Parser, s => s.Create);
            Bind(context, Collections, "Delete", DeleteCollection.Parser, CollectionOperationResponse.Parser, s => s.Delete);
            Bind(context, Collections, "Get", GetCollectionInfoRequest.Parser, GetCollectionInfoResponse.Parser, s => s.GetInfo);
            Bind(context, Collections, "List", ListCollectionsRequest.Parser, ListCollectionsResponse.Parser, s => s.List);
            Bind(context, Collections, "CollectionExists", CollectionExistsRequest.Parser, CollectionExistsResponse.Parser, s => s.Exists);
            Bind(context, Collections, "UpdateAliases", ChangeAliases.Parser, CollectionOperationResponse.Parser, s => s.UpdateAliases);
            Bind(context, Collections, "ListAliases", ListAliasesRequest.Parser, ListAliasesResponse.Parser, s => s.ListAliases);
            Bind(context, Collections, "ListCollectionAliases", ListCollectionAliasesRequest.Parser, ListAliasesResponse.Parser, s => s.ListCollectionAliases);
            Bind(context, Points, "Upsert", UpsertPoints.Parser, PointsOperationResponse.Parser, s => s.Upsert);
            Bind(context, Points, "Delete", global::Qdrant.Client.Grpc.DeletePoints.Parser, PointsOperationResponse.Parser, s => s.DeletePoints);
            Bind(context, Points, "CreateFieldIndex", CreateFieldIndexCollection.Parser, PointsOperationResponse.Parser, s => s.CreateFieldIndex);
            Bind(context, Points, "Get", global::Qdrant.Client.Grpc.GetPoints.Parser, GetResponse.Parser, s => s.GetPoints);
            Bind(context, Points, "Scroll", ScrollPoints.Parser, ScrollResponse.Parser, s => s.Scroll);
            Bind(context, Points, "Count", CountPoints.Parser, CountResponse.Parser, s => s.Count);
            Bind(context, Points, "Query", QueryPoints.Parser, QueryResponse.Parser, s => s.Query);
        }

        private static void Bind<TRequest, TResponse>(ServiceMethodProviderContext<FakeQdrantServer> context, string service, string name,
            MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser,
            Func<FakeQdrantServer, Func<TRequest, ServerCallContext, Task<TResponse>>> handler)
            where TRequest : class, IMessage<TRequest>
            where TResponse : class, IMessage<TResponse>
        {
            var method = new Method<TRequest, TResponse>(MethodType.Unary, service, name,
                Marshallers.Create(m => m.ToByteArray(), requestParser.ParseFrom),
                Marshallers.Create(m => m.ToByteArray(), responseParser.ParseFrom));
            var shortName = $"{service["qdrant.".Length..]}/{name}";
            context.AddUnaryMethod(method, [], (server, request, call) => server.Handle(shortName, request, call, handler(server)));
        }
    }
}
