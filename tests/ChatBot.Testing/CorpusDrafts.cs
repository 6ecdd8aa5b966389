using ChatBot.Core.Answering;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;

namespace ChatBot.Testing;

/// <summary>Realistic drafts made from the real corpus files: paragraphs as chunks, as the engine would retrieve them.</summary>
public static class CorpusDrafts
{
    public static CorpusDocument WashingtonPost { get; } = Document("002_d03fe261832cac16.txt",
        "U.S.-Mexico security cooperation is at a historic high. Will that change under Trump?", "The Washington Post",
        "https://www.washingtonpost.com/world/the_americas/us-mexico-security-cooperation");

    public static CorpusDocument IntelNews { get; } = Document("001_f689064de2772c6a.txt",
        "Is US-Mexico anti-drug intelligence cooperation about to end?", "intelNews");

    public static CorpusDocument Fronteras { get; } = Document("000_ec4c33d2d5d46252.txt",
        "US-Mexico Intelligence Cooperation Braces For Possible Change", "Fronteras Desk");

    public static CorpusDocument TrueNews { get; } = Document("004_3efa1be4316af08c.txt",
        "U.S. efforts to battle drug cartels in Mexico have ground to a halt", "TRUENEWSREPORT");

    public static CorpusDocument Document(string source, string title, string? outlet, string? url = null)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Corpus, source)).Replace("\r\n", "\n");
        return new CorpusDocument(source, new DocumentMetadata(title, outlet, Url: url), text, "sha256-of-" + source);
    }

    /// <summary>The paragraph of <paramref name="document"/> containing <paramref name="phrase"/>, as a retrieved chunk.</summary>
    public static RetrievedPassage Passage(CorpusDocument document, string phrase, double score = 1.0)
    {
        var paragraphs = document.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var index = Array.FindIndex(paragraphs, p => p.Contains(phrase, StringComparison.Ordinal));
        if (index < 0) throw new InvalidOperationException($"'{phrase}' not found in {document.Source}");
        var paragraph = paragraphs[index];
        var start = document.Text.IndexOf(paragraph, StringComparison.Ordinal);
        var chunk = new Chunk($"{document.Source}#{index}", document.Source, index, paragraph, start, paragraph.Length);
        return new RetrievedPassage(chunk, document, score, LexicalScore: score);
    }

    /// <summary>A draft whose extractive answer quotes the sentence of the first passage containing <paramref name="extractivePhrase"/>.</summary>
    public static AnswerDraft Draft(string question, string extractivePhrase, params RetrievedPassage[] passages)
    {
        var first = passages[0];
        var sentence = first.Chunk.Text.Split(". ").First(s => s.Contains(extractivePhrase, StringComparison.Ordinal)).TrimEnd('.') + ".";
        var extractive = new Answer
        {
            Question = question,
            Answered = true,
            Text = $"{sentence} [1]",
            Citations = [new Citation(1, first.Document.Source, first.Document.Title, first.Document.Metadata.Outlet, first.Document.Metadata.Url, sentence) { ChunkId = first.Chunk.Id }],
            Mode = "extractive",
            Reason = "extractive: top passage",
            TopScore = first.Score,
        };
        return new AnswerDraft(question, passages, extractive);
    }

    /// <summary>"When did Mexico start extraditing its citizens to the US?" with three passages, the first answering it.</summary>
    public static AnswerDraft Extradition() => Draft(
        "When did Mexico begin extraditing its citizens to the United States?",
        "1996",
        Passage(WashingtonPost, "It wasn't until 1996 that Mexico began extraditing"),
        Passage(WashingtonPost, "Every airplane passenger who arrives in Mexico is vetted"),
        Passage(IntelNews, "Some senior American officials believe"));

    public static AnswerDraft Refusal(string question) => new(question, [], new Answer
    {
        Question = question,
        Answered = false,
        Text = "I can only answer questions about the articles I know, and they don't cover that.",
        Mode = "refusal",
        Reason = "refusal: no passage above the evidence threshold",
    });
}
