using System.Text.Json;
using ChatBot.Core.Quiz;
using ChatBot.Teams.Protocol;
using ChatBot.Teams.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Teams.Messaging;

// The quiz: "quiz" or "quiz <article or topic>" (or the result card's "Next question", with its article
// choice) sends a question card; its submit is graded, and progress is kept under the salted user hash.
internal sealed partial class TeamsActivityHandler
{
    /// <summary>"" for "quiz", the article or topic for "quiz 004" / "quiz article pricing"; null when the text is not the quiz command.</summary>
    internal static string? QuizCommandScope(string text)
    {
        var t = text.Trim().TrimStart('/');
        if (!t.StartsWith("quiz", StringComparison.OrdinalIgnoreCase) || t.Length > 4 && !char.IsWhiteSpace(t[4])) return null;
        var rest = t[4..].Trim();
        if (rest.StartsWith("article", StringComparison.OrdinalIgnoreCase) && (rest.Length == 7 || rest[7] is ' ' or ':')) rest = rest[7..].TrimStart(':', ' ');
        return rest;
    }

    private QuizUser QuizUserOf(Activity activity) => new(Surface, UserOf(activity));

    private async Task SendQuizQuestionAsync(Activity activity, string? scope, CancellationToken cancellationToken)
    {
        if (services.GetService<IQuizService>() is not { } quiz)
        {
            await ReplyTextAsync(activity, TeamsTexts.QuizUnavailable, cancellationToken).ConfigureAwait(false);
            return;
        }
        QuizQuestion question;
        try
        {
            question = await quiz.NextQuestionAsync(QuizUserOf(activity), string.IsNullOrWhiteSpace(scope) ? null : scope, cancellationToken).ConfigureAwait(false);
        }
        catch (QuizScopeException e)
        {
            await ReplyTextAsync(activity, e.Message, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "No quiz question for Teams activity {ActivityId}", activity.Id);
            await ReplyTextAsync(activity, TeamsTexts.QuizUnavailable, cancellationToken).ConfigureAwait(false);
            return;
        }
        await ReplyAsync(activity, CardActivity(activity, QuizCardRenderer.QuestionCard(question), "Quiz: " + question.Question), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Sent quiz question {QuestionId} ({Type}) to Teams", question.Id, question.Type);
    }

    private async Task GradeQuizAnswerAsync(Activity activity, JsonElement data, CancellationToken cancellationToken)
    {
        if (services.GetService<IQuizService>() is not { } quiz)
        {
            await ReplyTextAsync(activity, TeamsTexts.QuizUnavailable, cancellationToken).ConfigureAwait(false);
            return;
        }
        var id = GetString(data, "id");
        var answer = GetString(data, QuizCardRenderer.AnswerInputId);
        QuizGrade grade;
        try
        {
            grade = await quiz.GradeAsync(QuizUserOf(activity), id, answer, cancellationToken).ConfigureAwait(false);
        }
        catch (QuizQuestionNotFoundException)
        {
            await ReplyTextAsync(activity, TeamsTexts.QuizQuestionExpired, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Grading a quiz answer failed on Teams activity {ActivityId}", activity.Id);
            await ReplyTextAsync(activity, TeamsTexts.Failure, cancellationToken).ConfigureAwait(false);
            return;
        }
        IReadOnlyList<QuizArticle> articles;
        try
        {
            articles = await quiz.ArticlesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "No article list for the quiz card");
            articles = [];
        }
        await ReplyAsync(activity, CardActivity(activity, QuizCardRenderer.GradeCard(grade, articles), grade.Feedback), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Graded quiz answer to {QuestionId} from Teams: correct={Correct}", grade.QuestionId, grade.Correct);
    }
}
