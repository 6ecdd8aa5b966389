using ChatBot.Http;
using ChatBot.Hosting.Options;
using ChatBot.Hosting.RateLimiting;
using ChatBot.Hosting.Readiness;
using ChatBot.Hosting.Shutdown;
using ChatBot.Hosting.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatBot.Hosting;

public static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// The HTTP API of `serve`: Api and Server options, JSON, readiness (start-up index load and the
    /// /readyz health check) and graceful shutdown. Needs IAnswerEngine and ICorpusIndex (AddChatBotCore).
    /// </summary>
    public static IServiceCollection AddChatBotHttpApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApiOptions, ApiOptionsValidator>(ApiOptions.Section);
        services.AddValidatedOptions<ServerOptions, ServerOptionsValidator>(ServerOptions.Section);
        services.AddSingleton<IConfigureOptions<HostOptions>, ConfigureShutdownTimeout>();

        services.AddChatBotProblemDetails();
        services.TryAddSingleton<ReadinessLog>();
        services.ConfigureHttpJsonOptions(o =>
        {
            // Readable UTF-8 for every JSON response written with the shared options (problem details included).
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });

        services.TryAddSingleton<IndexWarmupState>();
        services.AddHostedService<IndexWarmupService>();
        var health = services.AddHealthChecks().AddCheck<CorpusIndexHealthCheck>("corpus_index");
        if (services.Any(d => d.ServiceType == typeof(Core.Search.VectorStores.IChunkVectorIndex))) health.AddCheck<VectorStoreHealthCheck>("vector_store");

        services.TryAddSingleton<ShutdownState>();
        services.AddHostedService<ShutdownDrainService>();
        return services;
    }

    /// <summary>
    /// Per-user, server-wide and moderator limits (the RateLimits section) for endpoints marked with
    /// RequireChatBotRateLimits() or RequireChatBotModeratorRateLimits(), and the ForwardedHeaders section
    /// that says which proxies may name the client's address (and so its bucket).
    /// </summary>
    public static IServiceCollection AddChatBotRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.Section);
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>, ConfigureChatBotRateLimiter>();
        services.AddValidatedOptions<ForwardedHeadersSettings, ForwardedHeadersSettingsValidator>(ForwardedHeadersSettings.Section);
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ConfigureForwardedHeaders>();
        return services;
    }

    /// <summary>Trusts exactly the configured proxies; the framework's default (any loopback proxy) is cleared.</summary>
    private sealed class ConfigureForwardedHeaders(IOptions<ForwardedHeadersSettings> settings) : IConfigureOptions<ForwardedHeadersOptions>
    {
        public void Configure(ForwardedHeadersOptions options)
        {
            var s = settings.Value;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            if (!s.Enabled)
            {
                options.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = s.ForwardLimit;
            foreach (var proxy in s.KnownProxies) options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var network in s.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }

    /// <summary>
    /// The "ChatBot" meter and activity source, ASP.NET Core and HttpClient instrumentation, and an
    /// OTLP exporter when Telemetry:OtlpEndpoint is set.
    /// </summary>
    public static IServiceCollection AddChatBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.Section);
        services.AddMetrics();
        services.TryAddSingleton<ChatBotTelemetry>();

        // The exporter must be chosen while registering; a malformed endpoint is left to the options
        // validation, which stops start-up naming the key.
        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(string.IsNullOrWhiteSpace(settings.ServiceName) ? "chatbot" : settings.ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(ChatBotTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments(ChatBotRoutes.Health) && !context.Request.Path.StartsWithSegments(ChatBotRoutes.Ready))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(ChatBotTelemetry.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
        if (settings.OtlpEndpointUri is { } endpoint)
        {
            var protocol = settings.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            otel.UseOtlpExporter(protocol, endpoint);
        }
        return services;
    }

    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/>, checked by <typeparamref name="TValidator"/> when the host starts.</summary>
    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }

    private sealed class ConfigureShutdownTimeout(IOptions<ServerOptions> server) : IConfigureOptions<HostOptions>
    {
        public void Configure(HostOptions options) => options.ShutdownTimeout = TimeSpan.FromSeconds(server.Value.ShutdownTimeoutSeconds);
    }
}
