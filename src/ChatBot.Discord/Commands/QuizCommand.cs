using ChatBot.Discord.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Commands;

/// <summary>
/// Hook for the quiz: register an implementation (e.g. over the core quiz service) to enable `/quiz`.
/// Buttons whose custom_id starts with <see cref="ComponentPrefix"/> are routed to it.
/// </summary>
public interface IDiscordQuiz
{
    public const string ComponentPrefix = "cb:quiz:";

    Task<InteractionResponse> StartAsync(DiscordCommandContext context, CancellationToken cancellationToken);

    Task<InteractionResponse> HandleComponentAsync(DiscordCommandContext context, string customId, CancellationToken cancellationToken);
}

/// <summary>`/quiz`: only registered with Discord and served when an <see cref="IDiscordQuiz"/> is in DI.</summary>
public sealed class QuizCommand(IServiceProvider services) : DiscordCommand
{
    public const string ArticleOption = "article";

    public override string Name => "quiz";
    public override string Description => "Quiz yourself on the articles";

    public override IReadOnlyList<ApplicationCommandOption> Options =>
    [
        new()
        {
            Type = ApplicationCommandOption.StringType, Name = ArticleOption, MaxLength = 100,
            Description = "Only this article or topic: a file number or name, title words, or a topic",
        },
    ];
    public override bool IsAvailable => services.GetService<IDiscordQuiz>() is not null;

    public override Task<InteractionResponse> ExecuteAsync(DiscordCommandContext context, CancellationToken cancellationToken) =>
        services.GetRequiredService<IDiscordQuiz>().StartAsync(context, cancellationToken);
}
