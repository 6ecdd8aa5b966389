using System.Text;
using ChatBot.Core.Quiz;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Quiz;

/// <summary>
/// `/quiz` over the core <see cref="IQuizService"/>. The question is posted with buttons: A–D for multiple
/// choice (`cb:quiz:{id}:{letter}`), or "Answer" for a short answer, which opens a modal whose submit
/// (`cb:quiz:{id}:modal`) carries the text typed. Grades go only to the person who answered (ephemeral), with
/// the right answer, the quoted source and their score, so anyone in the channel can answer the same question.
/// Scores are kept per Discord user ("discord:{user id}").
/// </summary>
public sealed class DiscordQuiz(IQuizService quiz, ILogger<DiscordQuiz> logger) : IDiscordQuiz
{
    public const string AnswerInputId = "answer";
    public const int MaxAnswerLength = 200;
    private const string NextAction = "next";
    private const string OpenModalAction = "answer";
    private const string ModalAction = "modal";
    private const int QuizColor = 0x6B46C1;

    public static string UserKey(string discordUserId) => "discord:" + discordUserId;

    public static string ChoiceId(string questionId, char letter) => $"{IDiscordQuiz.ComponentPrefix}{questionId}:{letter}";

    public Task<InteractionResponse> StartAsync(DiscordCommandContext context, CancellationToken cancellationToken) =>
        // The first question may have to wait for the index to load: defer, then edit in the question.
        Task.FromResult(context.Defer("quiz", async (reply, ct) => await reply.EditOriginalAsync(await NextQuestionMessageAsync(context.UserId, ct), ct)));

    public async Task<InteractionResponse> HandleComponentAsync(DiscordCommandContext context, string customId, CancellationToken cancellationToken)
    {
        var rest = customId[IDiscordQuiz.ComponentPrefix.Length..];
        if (rest == NextAction)
            return context.Defer("quiz", async (reply, ct) => await reply.EditOriginalAsync(await NextQuestionMessageAsync(context.UserId, ct), ct), ephemeral: true);

        // Question ids contain ':' themselves ("{corpus}:{seed}"); the action is after the last one.
        var cut = rest.LastIndexOf(':');
        if (cut <= 0) return InteractionResponse.Ephemeral("This quiz button is not valid any more; try `/quiz` again.");
        var (questionId, action) = (rest[..cut], rest[(cut + 1)..]);

        switch (action)
        {
            case OpenModalAction:
                return InteractionResponse.Modal(new MessagePayload
                {
                    CustomId = $"{IDiscordQuiz.ComponentPrefix}{questionId}:{ModalAction}",
                    Title = "Your answer",
                    Components = [Component.Row(TextInput.Short(AnswerInputId, "Answer", MaxAnswerLength, "A name, a number, a place…"))],
                    AllowedMentions = null, // not a message
                });
            case ModalAction when context.Interaction.Type == InteractionType.ModalSubmit:
                return await GradeAsync(context, questionId, context.GetModalValue(AnswerInputId), cancellationToken);
            case { Length: 1 } letter when letter[0] is >= 'A' and <= 'D':
                return await GradeAsync(context, questionId, letter, cancellationToken);
            default:
                return InteractionResponse.Ephemeral("This quiz button is not valid any more; try `/quiz` again.");
        }
    }

    private async Task<MessagePayload> NextQuestionMessageAsync(string userId, CancellationToken ct)
    {
        try
        {
            return RenderQuestion(await quiz.NextQuestionAsync(UserKey(userId), ct));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Making a quiz question for Discord failed");
            return MessagePayload.Text("Sorry, I could not make a quiz question right now. Please try again in a moment.");
        }
    }

    private async Task<InteractionResponse> GradeAsync(DiscordCommandContext context, string questionId, string? answer, CancellationToken ct)
    {
        if (answer is { Length: > MaxAnswerLength }) answer = answer[..MaxAnswerLength];
        QuizGrade grade;
        try
        {
            grade = await quiz.GradeAsync(UserKey(context.UserId), questionId, answer, ct);
        }
        catch (QuizQuestionNotFoundException e)
        {
            return InteractionResponse.Message(new MessagePayload
            {
                Content = TextFitting.Truncate("⚠️ " + e.Message, DiscordLimits.Content),
                Components = [Component.Row(Component.Button(IDiscordQuiz.ComponentPrefix + NextAction, "New question", "➡️"))],
                Flags = MessageFlags.Ephemeral,
            });
        }
        logger.LogInformation("Discord quiz answer graded: question {QuestionId}, correct={Correct}", grade.QuestionId, grade.Correct);
        return InteractionResponse.Message(RenderGrade(grade));
    }

    /// <summary>The question message: the stem, the lettered options, and the answer buttons.</summary>
    public static MessagePayload RenderQuestion(QuizQuestion question)
    {
        var kind = question.Type == QuizQuestionType.MultipleChoice ? "multiple choice" : "short answer";
        var text = new StringBuilder($"**Quiz** ({kind} · {question.Difficulty.ToString().ToLowerInvariant()})\n")
            .Append(TextFitting.Truncate(question.Question, 1200));
        var buttons = new List<Component>();
        if (question.Choices is { } choices)
        {
            text.Append('\n');
            for (var i = 0; i < choices.Count && i < 4; i++)
            {
                var letter = (char)('A' + i);
                text.Append("\n**").Append(letter).Append(")** ").Append(TextFitting.Truncate(choices[i], 150));
                buttons.Add(Component.Button(ChoiceId(question.Id, letter), letter.ToString()));
            }
        }
        else
        {
            buttons.Add(Component.Button($"{IDiscordQuiz.ComponentPrefix}{question.Id}:{OpenModalAction}", "Answer", "✍️"));
        }
        return new MessagePayload { Content = TextFitting.Truncate(text.ToString(), DiscordLimits.Content), Components = [Component.Row([.. buttons])] };
    }

    /// <summary>The grade: right or wrong, the right answer, the quoted source, the score and streak, and a "Next question" button.</summary>
    public static MessagePayload RenderGrade(QuizGrade grade)
    {
        var verdict = grade.Correct ? $"✅ Right! The answer is **{grade.Expected}**." : $"❌ Not quite. The answer is **{grade.Expected}**.";
        var score = $"Score {grade.Score}/{grade.Answered} · streak {grade.Streak} (best {grade.BestStreak})";
        var c = grade.Citation;
        var url = Uri.TryCreate(c.Url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) && c.Url!.Length <= 512 ? c.Url : null;
        var source = new Embed
        {
            Title = TextFitting.Truncate(c.Title, DiscordLimits.EmbedTitle),
            Url = url,
            Description = TextFitting.Truncate("> " + c.Quote.Trim(), 2000),
            Footer = new EmbedFooter { Text = TextFitting.Truncate(string.Join(" · ", new[] { c.Outlet, c.Source }.Where(s => !string.IsNullOrWhiteSpace(s))), 300) },
            Color = QuizColor,
        };
        return new MessagePayload
        {
            Content = TextFitting.Truncate($"{verdict}\n{score}", DiscordLimits.Content),
            Embeds = [source],
            Components = [Component.Row(Component.Button(IDiscordQuiz.ComponentPrefix + NextAction, "Next question", "➡️"))],
            Flags = MessageFlags.Ephemeral,
        };
    }
}
