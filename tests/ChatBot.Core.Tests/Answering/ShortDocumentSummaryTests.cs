using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>Pages too short to hold a full-length sentence (a setup note, a price card) are still summarised when named.</summary>
public sealed class ShortDocumentSummaryTests : IDisposable
{
    private readonly EngineFixture _fixture;

    public ShortDocumentSummaryTests()
    {
        _fixture = EngineFixture.Over("short-docs",
            ("setup.md", string.Join("\n\n",
            "# Widget setup",
            "The widget ships with port 7443.",
            "```bash\nsudo widget-install --port 7443\n```",
            "| Setting | Default |\n|---|---|\n| retries | 5 |")),
            ("harbour.txt", string.Join("\n\n",
            "Harbour Ferries Timetable",
            "The harbour ferry leaves the north quay every forty minutes from the first of June until the end of September.",
            "Tickets bought online cost less than tickets bought at the quay, and children under five travel free.")));
    }

    [Fact]
    public async Task A_short_page_is_summarised_from_what_it_has_and_nothing_else()
    {
        var answer = await _fixture.Engine.AskAsync("summarize the widget setup page");
        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(QuestionKind.Summary, answer.Kind);
        Assert.Contains("7443", answer.Text);
        Assert.All(answer.Citations, c => Assert.Equal("setup.md", c.Source));
        Assert.DoesNotContain("widget-install", answer.Text); // a command is not a summary
    }

    public void Dispose() => _fixture.Dispose();
}
