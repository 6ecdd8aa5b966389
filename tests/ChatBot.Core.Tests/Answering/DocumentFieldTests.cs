using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>"Who wrote article 1?", "which outlet published article 2?": answered from the document's metadata, never made up.</summary>
public class DocumentFieldTests(HarbourCorpus corpus) : IClassFixture<HarbourCorpus>
{
    private IAnswerEngine Engine => corpus.Fixture.Engine;

    [Theory]
    [InlineData("Who wrote the Northshire Gazette article?", "Mina Carrow", "001")]
    [InlineData("who is the author of article 1", "Mina Carrow", "001")]
    [InlineData("Which outlet published article 2?", "Bluewake Lines", "002")]
    [InlineData("who published the ferry timetable page?", "Bluewake Lines", "002")]
    public async Task The_field_leads_the_answer_with_the_document_cited(string question, string value, string source)
    {
        var answer = await Engine.AskAsync(question);
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith(value + " — “", answer.Text);
        var citation = Assert.Single(answer.Citations);
        Assert.StartsWith(source, citation.Source);
    }

    [Fact]
    public async Task A_field_the_metadata_lacks_is_left_to_the_text()
    {
        // The manifest gives no date for the Gazette article: no metadata answer, whatever the text then says.
        var answer = await Engine.AskAsync("When was the Northshire Gazette article published?");
        Assert.DoesNotContain("(Northshire Gazette; by Mina Carrow", answer.Text);
    }

    [Fact]
    public async Task Two_fields_of_one_document_are_answered_together()
    {
        var answer = await Engine.AskAsync("Who wrote article 1 and which outlet published it?");
        Assert.True(answer.Answered, answer.Text);
        Assert.StartsWith("Mina Carrow; Northshire Gazette — “", answer.Text);
        Assert.StartsWith("001", Assert.Single(answer.Citations).Source);

        // No date in its metadata: not answered from the metadata.
        var dated = await Engine.AskAsync("Who wrote article 1 and when was it published?");
        Assert.DoesNotContain("Mina Carrow; ", dated.Text);
    }

    [Theory]
    [InlineData("Who wrote the letter to the harbour master?")] // no document named: a question about the text
    [InlineData("Who wrote the Gazette article and when was it published?")] // two questions, answered part by part
    [InlineData("Who reopened the north channel?")]
    public void Only_a_named_document_asks_for_a_field(string question) =>
        Assert.Null(QuestionAnalyzer.Analyze(question).AsksDocumentField);

    [Theory]
    [InlineData("who wrote article 3?", DocumentField.Author)]
    [InlineData("when was the Gazette piece published", DocumentField.Date)]
    [InlineData("What's the publication date of the ferry page?", DocumentField.Date)]
    [InlineData("which newspaper ran the dredging story?", DocumentField.Outlet)]
    public void The_field_is_read_from_the_question(string question, DocumentField field) =>
        Assert.Equal(field, QuestionAnalyzer.Analyze(question).AsksDocumentField);

    [Fact]
    public async Task A_source_the_question_names_counts_as_held_by_its_own_document()
    {
        // The sentence says "the company"; its document is Bluewake Lines' own page.
        var answer = await Engine.AskAsync("According to Bluewake Lines, how many passengers did the Marrowby route carry last year?");
        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("310,000", answer.Text);
        Assert.Contains(" answer_coverage=1 ", answer.Reason);
    }

    [Theory]
    [InlineData("According to the Gazette, when did the channel reopen?", "gazett")]
    [InlineData("when did the gazette say the channel reopened", "gazett")]
    [InlineData("What did Harriet Quillon say about the basin?", "harriet quillon")]
    [InlineData("what did they say about the basin?", "")]
    [InlineData("When did the channel reopen?", "")]
    public void The_named_source_is_read_from_the_question(string question, string terms) =>
        Assert.Equal(terms, string.Join(' ', ExtractiveAnswerer.NamedSourceTerms(question).Order(StringComparer.Ordinal)));
}
