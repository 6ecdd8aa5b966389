using System.Text;
using ChatBot.Core.Quiz;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Model;
using ChatBot.Discord.Rendering;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Quiz;

/// <summary>
/// `/quiz [article:]` over the core <see cref="IQuizService"/>. The question is posted with buttons: A–D for
/// multiple choice (`cb:quiz:{id}:{letter}`), True/False, or "Answer" for a short answer, which opens a modal
/// whose submit (`cb:quiz:{id}:modal`) carries the text typed. Grades go only to the person who answered
/// (ephemeral), with the right answer, the forms accepted, the quoted source and their durable score and
/// streak, so anyone in the channel can answer the same question. A question id carries the article or
/// topic it was asked under, and "Next question" (`cb:quiz:next~{scope}`) keeps to it. Progress is kept per
/// Discord user, under the salted user hash.
/// </summary>
public sealed class DiscordQuiz(IQuizService quiz, ILogger<DiscordQuiz> logger) : IDiscordQuiz
{
    public const string AnswerInputId = "answer";
    public const int MaxAnswerLength = 200;
    private const string NextAction = "next";
    private const string OpenModalAction = "answer";
    private const string ModalAction = "modal";
    private const string TrueAction = "true";
    private const string FalseAction = "false";
    private const int QuizColor = 0x6B46C1;

    public static QuizUser UserKey(string discordUserId) => new(DiscordAsker.Surface, discordUserId);

    public static string ChoiceId(string questionId, char letter) => $"{IDiscordQuiz.ComponentPrefix}{questionId}:{letter}";

    public Task<InteractionResponse> StartAsync(DiscordCommandContext context, CancellationToken cancellationToken)
    {
        var scope = context.GetString(QuizCommand.ArticleOption)?.Trim();
        // The first question may have to wait for the index to load: defer, then edit in the question.
        return Task.FromResult(context.Defer("quiz", async (reply, ct) => await reply.EditOriginalAsync(await NextQuestionMessageAsync(context.UserId, scope, ct), ct)));
    }

    public async Task<InteractionResponse> HandleComponentAsync(DiscordCommandContext context, string customId, CancellationToken cancellationToken)
    {
        var rest = customId[IDiscordQuiz.ComponentPrefix.Length..];
        if (rest == NextAction || rest.StartsWith(NextAction + "~", StringComparison.Ordinal))
        {
            var scope = rest.Length > NextAction.Length ? rest[(NextAction.Length + 1)..] : null;
            return context.Defer("quiz", async (reply, ct) => await reply.EditOriginalAsync(await NextQuestionMessageAsync(context.UserId, scope, ct), ct), ephemeral: true);
        }

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
            case TrueAction or FalseAction:
                return await GradeAsync(context, questionId, action == TrueAction ? "True" : "False", cancellationToken);
            default:
                return InteractionResponse.Ephemeral("This quiz button is not valid any more; try `/quiz` again.");
        }
    }

    private async Task<MessagePayload> NextQuestionMessageAsync(string userId, string? scope, CancellationToken ct)
    {
        try
        {
            return RenderQuestion(await quiz.NextQuestionAsync(UserKey(userId), string.IsNullOrWhiteSpace(scope) ? null : scope, ct));
        }
        catch (QuizScopeException e)
        {
            return MessagePayload.Text(TextFitting.Truncate("⚠️ " + e.Message, DiscordLimits.Content));
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
        var kind = question.Type switch
        {
            QuizQuestionType.MultipleChoice => "multiple choice",
            QuizQuestionType.TrueFalse => "true or false",
            _ => "short answer",
        };
        var text = new StringBuilder($"**Quiz** ({kind} · {question.Difficulty.ToString().ToLowerInvariant()})\n")
            .Append(TextFitting.Truncate(question.Question, 1200));
        var buttons = new List<Component>();
        if (question.Type == QuizQuestionType.TrueFalse)
        {
            buttons.Add(Component.Button($"{IDiscordQuiz.ComponentPrefix}{question.Id}:{TrueAction}", "True", "✅"));
            buttons.Add(Component.Button($"{IDiscordQuiz.ComponentPrefix}{question.Id}:{FalseAction}", "False", "❌"));
        }
        else if (question.Choices is { } choices)
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
        var others = grade.Accepted.Where(a => a != grade.Expected && !grade.Expected.EndsWith(") " + a, StringComparison.Ordinal) && a.Length > 1).ToList();
        if (others.Count > 0 && grade.Kind != QuizKind.TrueFalse) verdict += $"\nAlso accepted: {string.Join("; ", others)}";
        var score = $"Score {grade.Score}/{grade.Answered} · streak {grade.Streak} (best {grade.BestStreak})";
        if (!grade.Correct && grade.ReviewIn is { } again) score += $" · this one comes back in {again} questions";
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
            Components = [Component.Row(Component.Button(NextId(grade.Scope), "Next question", "➡️"))],
            Flags = MessageFlags.Ephemeral,
        };
    }

    /// <summary>"Next question", keeping to the article or topic (custom ids hold up to 100 characters; a scope key at most 40).</summary>
    public static string NextId(string? scope) => IDiscordQuiz.ComponentPrefix + NextAction + (string.IsNullOrEmpty(scope) ? "" : "~" + scope);
}
