using System.Text;
using ChatBot.Core.Feedback;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Interactions;

/// <summary>Handles button clicks (component interactions, type 3): "Show passages", 👍/👎 feedback, quiz buttons.</summary>
public sealed class ComponentHandler(AnswerLedger answers, FeedbackService feedback, IServiceProvider services, ILogger<ComponentHandler> logger)
{
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
        if (answers.Find(key) is { } answer) return InteractionResponse.Message(DiscordAnswerRenderer.RenderPassages(answer.Citations));

        // The answer left the cache (restart or age): show what the message's Sources embed still carries.
        var fields = interaction.Message?.Embeds?.SelectMany(e => e.Fields ?? []).ToList() ?? [];
        if (fields.Count == 0) return InteractionResponse.Ephemeral("Those passages are no longer available; please ask again.");
        var text = new StringBuilder("The full passages have expired; here is what the answer showed:\n\n");
        foreach (var field in fields) text.Append("**").Append(field.Name).Append("**\n").Append(field.Value).Append("\n\n");
        return InteractionResponse.Ephemeral(TextFitting.Truncate(text.ToString().TrimEnd(), DiscordLimits.Content));
    }

    /// <summary>
    /// 👍/👎 by answer id (the button's custom_id): the shared FeedbackService stores the server's own record
    /// of that answer with the shared user hash, within the per-user limit.
    /// </summary>
    private async Task<InteractionResponse> RecordFeedbackAsync(string answerId, bool helpful, DiscordCommandContext context, CancellationToken ct)
    {
        FeedbackOutcome outcome;
        try
        {
            outcome = await feedback.RecordAsync(DiscordAsker.Surface, context.UserId, answerId, helpful, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Recording Discord feedback failed");
            return InteractionResponse.Ephemeral("Sorry, your feedback could not be saved right now.");
        }
        return InteractionResponse.Ephemeral(outcome switch
        {
            FeedbackOutcome.TooMany => "That is a lot of feedback in a minute; please wait a moment and try again.",
            FeedbackOutcome.UnknownAnswer => "This answer is too old to rate now; ask again and rate the new answer.",
            _ => helpful ? "Thanks for the 👍 — glad it helped." : "Thanks for the 👎 — noted, it helps us improve.",
        });
    }
}
