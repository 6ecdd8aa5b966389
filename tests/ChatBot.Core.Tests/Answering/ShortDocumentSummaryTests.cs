using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>The small corpus of <see cref="ShortDocumentSummaryTests"/>, built once for the class.</summary>
public sealed class ShortDocumentsCorpus() : WrittenCorpus("short-docs",
    ("setup.md", string.Join("\n\n",
    "# Widget setup",
    "The widget ships with port 7443.",
    "```bash\nsudo widget-install --port 7443\n```",
    "| Setting | Default |\n|---|---|\n| retries | 5 |")),
    ("harbour.txt", string.Join("\n\n",
    "Harbour Ferries Timetable",
    "The harbour ferry leaves the north quay every forty minutes from the first of June until the end of September.",
    "Tickets bought online cost less than tickets bought at the quay, and children under five travel free.")),
    ("roles.md", string.Join("\n\n",
    "# Volunteers of the Lantern Society",
    "The Lantern Society is run by volunteers, and the committee updates this page every spring.",
    "| Name | Role | Since |\n|---|---|---|\n| Ada Quill | Chair of the lantern committee | 2019 |\n| Bo Fenn | Treasurer of the lantern society | 2021 |\n| Cy Marr | Keeper of the lantern archive | 2022 |",
    "## History",
    "The society was founded by three lamplighters who wanted to keep the old street lanterns burning.",
    "Its members restored forty lanterns along the canal between the wars and still light them each winter.",
    "The society meets in the canal museum on the first Tuesday of every month, and visitors are welcome.")));

/// <summary>Pages too short to hold a full-length sentence (a setup note, a price card) are still summarised when named.</summary>
public sealed class ShortDocumentSummaryTests(ShortDocumentsCorpus corpus) : IClassFixture<ShortDocumentsCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

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

    [Fact]
    public async Task A_page_with_a_table_is_summarised_with_the_tables_first_row_not_its_other_rows()
    {
        var answer = await _fixture.Engine.AskAsync("summarize the volunteers page");
        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(QuestionKind.Summary, answer.Kind);
        Assert.All(answer.Citations, c => Assert.Equal("roles.md", c.Source));
        Assert.Contains("Ada Quill", answer.Text); // what the table holds, as the lede says what the text is about
        Assert.DoesNotContain("Bo Fenn", answer.Text);
        Assert.DoesNotContain("Cy Marr", answer.Text);
        Assert.Contains("run by volunteers", answer.Text);
    }

    [Fact]
    public async Task What_is_a_document_named_by_its_file_name_is_its_summary()
    {
        var summary = await _fixture.Engine.AskAsync("summarize harbour.txt");
        Assert.True(summary.Answered, summary.Text);
        var answer = await _fixture.Engine.AskAsync("what is harbour.txt?");
        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(QuestionKind.Summary, answer.Kind);
        Assert.Equal(summary.Text, answer.Text);
    }
}
