using ChatBot.Core.Answering;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Commands;

/// <summary>`/ask question:&lt;text&gt;`: defers at once, answers in the background by editing the original response.</summary>
/// <remarks>The asker (and so the engine) is resolved on use, so `chatbot discord register` needs no engine.</remarks>
public sealed class AskCommand(IServiceProvider services, IOptions<DiscordOptions> options, TimeProvider time, ILogger<AskCommand> logger) : DiscordCommand
{
    public override string Name => "ask";
    public override string Description => "Ask a question about the article corpus";

    public override IReadOnlyList<ApplicationCommandOption> Options =>
    [
        new() { Type = ApplicationCommandOption.StringType, Name = "question", Description = "Your question", Required = true, MaxLength = 2000 },
    ];

    /// <summary>A synthesizer (the LLM) writes for seconds and streams; the extractive answer is instant.</summary>
    private bool Streams => services.GetService<IAnswerSynthesizer>() is not null;

    public override Task<InteractionResponse> ExecuteAsync(DiscordCommandContext context, CancellationToken cancellationToken)
    {
        var question = context.GetString("question")?.Trim();
        if (string.IsNullOrEmpty(question))
            return Task.FromResult(InteractionResponse.Ephemeral("Please type your question after `/ask question:` — `/sources` lists the documents I answer from."));

        return Task.FromResult(context.Defer("ask", async (reply, ct) =>
        {
            var asker = services.GetRequiredService<DiscordAsker>();
            if (!Streams)
            {
                var outcome = await asker.AskAsync(question, context.ConversationId, context.UserId, ct);
                await reply.SendAsync(outcome.Messages, ct);
                return;
            }
            // The LLM writes for a few seconds: show the text as it comes, editing at a pace Discord accepts.
            await using var partial = new ThrottledPartialEdits(reply.EditOriginalAsync, options.Value.StreamingEditInterval, time, logger, ct);
            var streamed = await asker.AskAsync(question, context.ConversationId, context.UserId, partial, ct);
            await partial.CompleteAsync(ct);
            await reply.SendAsync(streamed.Messages, ct);
        }));
    }
}
