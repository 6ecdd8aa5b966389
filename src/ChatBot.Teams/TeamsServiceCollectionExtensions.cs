using ChatBot.Core.Feedback;
using ChatBot.Core.Moderation.Downloads;
using ChatBot.Teams.Auth;
using ChatBot.Teams.Connector;
using ChatBot.Teams.Messaging;
using ChatBot.Teams.Webhook;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ChatBot.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Teams surface: <see cref="TeamsOptions"/> (section `Teams`, validated at start-up
    /// when configured), Bot Framework token validation, the outgoing token provider and connector
    /// client, the background answerer and the outgoing-webhook handler. Needs an IAnswerEngine
    /// (AddChatBotCore); uses ICorpusIndex, IQuizService and ICorpusModeration when registered
    /// (AddChatBotStudentsAndModerators); feedback goes through Core's FeedbackService (stored when an
    /// IFeedbackStore is registered, e.g. AddSqliteFeedback).
    /// </summary>
    public static IServiceCollection AddTeamsBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(FactoryDocumentRetriever.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        // Files moderators send come through Core's hardened attachment downloader; feedback through Core's service.
        services.AddAttachmentDownloads();
        services.AddChatBotFeedback(configuration);
        services.AddHttpClient(BotTokenProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient(ConnectorClient.HttpClientName)
            .AddResilienceHandler("teams-connector", builder =>
            {
                // Retry only what the connector documents as transient (429 with Retry-After, 5xx); POST is safe to
                // retry there because a refused activity was not posted.
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(500),
                    BackoffType = DelayBackoffType.Exponential,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Exception is HttpRequestException
                        || args.Outcome.Result is { StatusCode: System.Net.HttpStatusCode.TooManyRequests }
                        || (int?)args.Outcome.Result?.StatusCode is 502 or 503 or 504),
                });
                builder.AddTimeout(TimeSpan.FromSeconds(20));
            });

        services.TryAddSingleton<BotFrameworkTokenValidator>();
        services.TryAddSingleton<BotTokenProvider>();
        services.TryAddSingleton<ConnectorClient>();
        services.TryAddSingleton<ActivityQueue>();
        services.TryAddSingleton<TeamsActivityHandler>();
        services.TryAddSingleton<BotMessagesEndpoint>();
        services.TryAddSingleton<OutgoingWebhookHandler>();
        services.AddHostedService<ActivityWorker>();
        return services;
    }

    /// <summary>Maps POST /teams/messages (Bot Framework) and POST /teams/webhook (outgoing webhook).</summary>
    public static IEndpointConventionBuilder MapTeams(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/teams");
        group.MapPost("/messages", (HttpContext http, BotMessagesEndpoint endpoint) => endpoint.HandleAsync(http));
        group.MapPost("/webhook", (HttpContext http, OutgoingWebhookHandler handler) => handler.HandleAsync(http));
        return group;
    }
}
