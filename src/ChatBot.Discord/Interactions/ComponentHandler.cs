using System.Security.Cryptography;
using System.Text;
using ChatBot.Core.Feedback;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Interactions;

/// <summary>Handles button clicks (component interactions, type 3): "Show passages", 👍/👎 feedback, quiz buttons.</summary>
public sealed class ComponentHandler(AnswerCache cache, IServiceProvider services, IOptions<DiscordOptions> options, TimeProvider time, ILogger<ComponentHandler> logger)
{
    private readonly string _salt = string.IsNullOrEmpty(options.Value.FeedbackSalt)
        ? Convert.ToHexString(RandomNumberGenerator.GetBytes(16))
        : options.Value.FeedbackSalt;

    public async Task<InteractionResponse> HandleAsync(DiscordCommandContext context, CancellationToken ct)
    {
        var customId = context.Interaction.Data?.CustomId ?? "";
        if (customId.StartsWith(ComponentIds.PassagesPrefix, StringComparison.Ordinal))
            return ShowPassages(customId[ComponentIds.PassagesPrefix.Length..], context.Interaction);
        if (customId.StartsWith(ComponentIds.FeedbackUpPrefix, StringComparison.Ordinal))
            return await RecordFeedbackAsync(customId[ComponentIds.FeedbackUpPrefix.Length..], helpful: true, context, ct);
        if (customId.StartsWith(ComponentIds.FeedbackDownPrefix, StringComparison.Ordinal))
            return await RecordFeedbackAsync(customId[ComponentIds.FeedbackDownPrefix.Length..], helpful: false, context, ct);
        if (customId.StartsWith(IDiscordQuiz.ComponentPrefix, StringComparison.Ordinal) && services.GetService<IDiscordQuiz>() is { } quiz)
            return await quiz.HandleComponentAsync(context, customId, ct);
        logger.LogInformation("Unknown Discord component custom_id '{CustomId}'", TextFitting.Truncate(customId, 100));
        return InteractionResponse.Ephemeral("This button is no longer supported.");
    }

    private InteractionResponse ShowPassages(string key, Interaction interaction)
    {
        if (cache.Find(key) is { } answer) return InteractionResponse.Message(DiscordAnswerRenderer.RenderPassages(answer.Citations));

        // The answer left the cache (restart or age): show what the message's Sources embed still carries.
        var fields = interaction.Message?.Embeds?.SelectMany(e => e.Fields ?? []).ToList() ?? [];
        if (fields.Count == 0) return InteractionResponse.Ephemeral("Those passages are no longer available; please ask again.");
        var text = new StringBuilder("The full passages have expired; here is what the answer showed:\n\n");
        foreach (var field in fields) text.Append("**").Append(field.Name).Append("**\n").Append(field.Value).Append("\n\n");
        return InteractionResponse.Ephemeral(TextFitting.Truncate(text.ToString().TrimEnd(), DiscordLimits.Content));
    }

    /// <summary>The shared <see cref="UserHasher"/> when registered (same hashes as the other surfaces), else the adapter's own salt.</summary>
    private string UserHash(string userId) =>
        services.GetService<UserHasher>() is { } hasher ? hasher.Hash(DiscordAsker.Surface, userId) : FeedbackUserHash.Compute(_salt, userId);

    private async Task<InteractionResponse> RecordFeedbackAsync(string key, bool helpful, DiscordCommandContext context, CancellationToken ct)
    {
        var store = services.GetService<IFeedbackStore>();
        var thanks = helpful ? "Thanks for the 👍 — glad it helped." : "Thanks for the 👎 — noted, it helps us improve.";
        if (store is null)
        {
            logger.LogDebug("Feedback not recorded: no IFeedbackStore registered");
            return InteractionResponse.Ephemeral(thanks);
        }
        var answer = cache.Find(key);
        var entry = new FeedbackEntry(
            DiscordAsker.Surface,
            UserHash(context.UserId),
            answer?.Question ?? "",
            answer?.Text ?? context.Interaction.Message?.Content ?? "",
            answer?.Citations.Select(c => c.Source).Distinct().ToList() ?? [],
            helpful,
            time.GetUtcNow());
        try
        {
            await store.RecordAsync(entry, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Recording Discord feedback failed");
            return InteractionResponse.Ephemeral("Sorry, your feedback could not be saved right now.");
        }
        return InteractionResponse.Ephemeral(thanks);
    }
}
