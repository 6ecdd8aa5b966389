using ChatBot.Core.Corpus;
using ChatBot.Core.Quiz;
using ChatBot.Core.Search;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Quiz;

/// <summary>The real engine over a corpus, and its quiz bank.</summary>
public abstract class QuizCorpusFixture(string corpus) : IAsyncLifetime
{
    public EngineFixture Engine { get; } = new(corpus);
    public IndexSnapshot Snapshot { get; private set; } = null!;
    public QuizBank Bank { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Snapshot = await Engine.Index.EnsureReadyAsync();
        Bank = new QuizGenerator().Bank(Snapshot);
    }

    public Task DisposeAsync()
    {
        Engine.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The repository's five articles.</summary>
public sealed class QuizFixture() : QuizCorpusFixture(RepoPaths.Corpus);

/// <summary>The second corpus: product docs in Markdown, HTML and plain text.</summary>
public sealed class TidewatchQuizFixture() : QuizCorpusFixture(Path.Combine(RepoPaths.Fixtures, "corpora", "tidewatch"));

/// <summary>The third corpus: a university programme's handbook, people page, FAQ, news items, minutes and notices.</summary>
public sealed class ThornburyQuizFixture() : QuizCorpusFixture(Path.Combine(RepoPaths.Fixtures, "corpora", "thornbury"));

/// <summary>The fourth corpus: a transit agency's rider guide, accessibility page, press releases, board minutes, service changes and about page.</summary>
public sealed class LarkspurQuizFixture() : QuizCorpusFixture(Path.Combine(RepoPaths.Fixtures, "corpora", "larkspur"));

/// <summary>The fifth corpus: news coverage of a city water crisis from several outlets, a press release, an op-ed, council minutes and a syndicated excerpt.</summary>
public sealed class VellmoorQuizFixture() : QuizCorpusFixture(Path.Combine(RepoPaths.Fixtures, "corpora", "vellmoor"));

/// <summary>The sixth corpus: an instrument maker's product recall and change of chief executive, in a wiki page, a regulator's notice, news, a press release, a memo, an earnings call and a support article.</summary>
public sealed class HalvardQuizFixture() : QuizCorpusFixture(Path.Combine(RepoPaths.Fixtures, "corpora", "halvard"));

/// <summary>A corpus written inside a test, analysed as the index would (one chunk a paragraph): names and facts invented for the test.</summary>
public static class SyntheticCorpus
{
    public static QuizCorpus Build(params (string Source, string Title, string? Author, string Text)[] documents)
    {
        var docs = new List<QuizDocument>();
        foreach (var (source, title, author, text) in documents)
        {
            var document = new CorpusDocument(source, new DocumentMetadata(title, Author: author), text, source);
            var sentences = DocumentAnalysis.Analyze(document).Sentences
                .Select(s => new QuizSentence(s.Index, s.Paragraph, s.Span.Start, s.Span.End, s.Text.Trim(), $"{source}#p{s.Paragraph}", s.Speaker, s.SpeakerInherited, s.QuotedShare, 2.0))
                .ToList();
            docs.Add(new QuizDocument(source, title, null, author, null, false, text, sentences));
        }
        return new QuizCorpus(new string('a', 64), docs);
    }
}
