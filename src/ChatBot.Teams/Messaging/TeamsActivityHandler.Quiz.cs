using System.Text.Json;
using ChatBot.Core.Quiz;
using ChatBot.Teams.Protocol;
using ChatBot.Teams.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Teams.Messaging;

// The quiz: "quiz" (or the result card's "Next question") sends a question card; its submit is graded.
internal sealed partial class TeamsActivityHandler
{
    private async Task SendQuizQuestionAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (services.GetService<IQuizService>() is not { } quiz)
        {
            await ReplyTextAsync(activity, TeamsTexts.QuizUnavailable, cancellationToken).ConfigureAwait(false);
            return;
        }
        QuizQuestion question;
        try
        {
            question = await quiz.NextQuestionAsync(UserOf(activity), cancellationToken).ConfigureAwait(false);
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
            grade = await quiz.GradeAsync(UserOf(activity), id, answer, cancellationToken).ConfigureAwait(false);
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
        await ReplyAsync(activity, CardActivity(activity, QuizCardRenderer.GradeCard(grade), grade.Feedback), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Graded quiz answer to {QuestionId} from Teams: correct={Correct}", grade.QuestionId, grade.Correct);
    }
}
