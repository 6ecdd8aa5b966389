using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>The small corpus of <see cref="YesNoSettlingTests"/>, built once for the class.</summary>
public sealed class YesNoSettlingCorpus() : WrittenCorpus("yes-no-settling",
    ("minutes.txt", string.Join("\n\n",
    "Rowing club committee: minutes of the March meeting",
    "The committee met in the boathouse on 3 March, with the captain in the chair.",
    "The captain presented a request from the junior squad to raise the weekly training limit from six to eight sessions. The treasurer said the limit had been changed only last year and that the boats were fully booked in the evenings. The committee did not agree the request. The limit will be reviewed in the autumn.",
    "The committee thanked the volunteers who repainted the slipway in February.")),
    ("guide.txt", string.Join("\n\n",
    "Junior squad guide",
    "Junior rowers train on Saturday mornings and on two weekday evenings during the season.",
    "Every junior must pass a swimming test before going out in a boat.")));

/// <summary>A yes/no answer runs on from the sentence naming the matter to the one that settles it.</summary>
public sealed class YesNoSettlingTests(YesNoSettlingCorpus corpus) : IClassFixture<YesNoSettlingCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task A_yes_no_answer_shows_the_sentence_that_settles_it()
    {
        var answer = await _fixture.Engine.AskAsync("did the committee agree to raise the training limit to eight sessions?");
        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(QuestionKind.YesNo, answer.Kind);
        Assert.Contains("did not agree", answer.Text);
        Assert.DoesNotContain("reviewed in the autumn", answer.Text); // it stops at the settling sentence
    }
}
