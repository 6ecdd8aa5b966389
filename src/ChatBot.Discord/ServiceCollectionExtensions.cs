using ChatBot.Core.Feedback;
using ChatBot.Core.Moderation.Downloads;
using ChatBot.Core.Quiz;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Quiz;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Discord bot: options (section `Discord`, validated at start-up when ApplicationId is
    /// set), the REST client, the interactions dispatcher and commands (/ask, /sources, /reindex, /help,
    /// and /quiz when an <see cref="IDiscordQuiz"/> is registered), the command registrar and, when a bot
    /// token is configured and the gateway enabled, the gateway client. Needs an IAnswerEngine in DI.
    /// Map the endpoint with <c>app.MapDiscordInteractions()</c>.
    /// </summary>
    public static IServiceCollection AddDiscordBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // The default HttpClient logging writes full URLs, and interaction tokens are part of webhook URLs:
        // the rate-limit handler and the retry log their own, redacted lines instead.
        services.TryAddSingleton<RateLimitBuckets>();
        services.TryAddTransient<DiscordRateLimitHandler>();
        var rest = services.AddHttpClient(DiscordRestClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        rest.AddResilienceHandler("discord", (pipeline, context) => DiscordResilience.Configure(pipeline,
            context.ServiceProvider.GetRequiredService<IOptions<DiscordOptions>>().Value,
            context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DiscordRestClient))));
        // Added after the resilience handler, so it runs inside the retries: every attempt waits for its bucket.
        rest.AddHttpMessageHandler<DiscordRateLimitHandler>();

        services.TryAddSingleton<DiscordRestClient>();
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DiscordOptions>>().Value;
            if (string.IsNullOrEmpty(o.PublicKey)) throw new InvalidOperationException("Discord:PublicKey is not configured.");
            return new DiscordSignatureVerifier(o.PublicKey, o.SignatureTimestampTolerance, sp.GetRequiredService<TimeProvider>());
        });
        // Answers are kept by id for the buttons under them; feedback goes through the shared service and hasher.
        services.AddChatBotFeedback(configuration);
        services.TryAddSingleton<DeferredWork>();
        services.AddHostedService(sp => sp.GetRequiredService<DeferredWork>());
        services.TryAddSingleton<DiscordAsker>();
        services.TryAddSingleton<ComponentHandler>();
        services.TryAddSingleton<DiscordInteractionDispatcher>();
        services.TryAddSingleton<DiscordCommandRegistrar>();
        services.TryAddSingleton<DiscordMessageHandler>();

        // /quiz is served when the core quiz is registered (in any order: resolved on first use).
        services.TryAddSingleton<IDiscordQuiz>(sp => sp.GetService<IQuizService>() is { } quiz
            ? ActivatorUtilities.CreateInstance<DiscordQuiz>(sp, quiz)
            : null!);
        services.AddAttachmentDownloads();

        services.AddDiscordCommand<AskCommand>();
        services.AddDiscordCommand<SourcesCommand>();
        services.AddDiscordCommand<QuizCommand>();
        services.AddDiscordCommand<ReindexCommand>();
        services.AddDiscordCommand<CorpusCommand>();
        services.AddDiscordCommand<HelpCommand>();

        var section = configuration.GetSection(DiscordOptions.Section);
        var gatewayWanted = !string.IsNullOrWhiteSpace(section[nameof(DiscordOptions.BotToken)])
            && !string.Equals(section[nameof(DiscordOptions.EnableGateway)], "false", StringComparison.OrdinalIgnoreCase);
        if (gatewayWanted)
        {
            services.TryAddSingleton<DiscordGatewayClient>();
            services.AddHostedService(sp => sp.GetRequiredService<DiscordGatewayClient>());
        }
        return services;
    }

    /// <summary>Adds a slash command handler class (also how the quiz or other parts add theirs).</summary>
    public static IServiceCollection AddDiscordCommand<TCommand>(this IServiceCollection services) where TCommand : DiscordCommand
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<DiscordCommand, TCommand>());
        return services;
    }
}
