using ChatBot.Core.Quiz;
using ChatBot.Core.Search;

namespace ChatBot.Core.Tests.Quiz;

public sealed class QuizFixture : IAsyncLifetime
{
    public EngineFixture Engine { get; } = new();
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

public sealed class QuizGeneratorTests(QuizFixture fixture) : IClassFixture<QuizFixture>
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 0; seed < 50; seed++) data.Add(seed * 7919 + 3);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Question_is_well_formed_and_its_answer_is_in_the_cited_passage(int seed)
    {
        var q = QuizGenerator.Generate(fixture.Bank, seed);

        Assert.False(string.IsNullOrWhiteSpace(q.Question));
        Assert.False(string.IsNullOrWhiteSpace(q.Answer));
        Assert.Contains(q.Answer, q.Alternatives);
        // The cited passage is a real chunk of the indexed corpus and holds the answer.
        var chunk = fixture.Snapshot.FindChunk(q.Citation.ChunkId);
        Assert.NotNull(chunk);
        Assert.Equal(q.Citation.Source, chunk.Source);
        Assert.Contains(q.Citation.Quote, chunk.Text);
        Assert.True(QuizText.ContainsPhrase(q.Citation.Quote, q.Answer) || QuizText.ContainsPhrase(q.Citation.Quote, FactExtractor.Surname(q.Answer)),
            $"'{q.Answer}' not in '{q.Citation.Quote}'");
        Assert.Equal(fixture.Snapshot.FindDocument(q.Citation.Source)!.Metadata.Title, q.Citation.Title);
        // The stem never gives the answer away, and carries context: the article and most of a sentence.
        foreach (var alternative in q.Alternatives) Assert.False(QuizText.ContainsPhrase(q.Question, alternative), $"stem reveals '{alternative}': {q.Question}");
        Assert.Contains(q.Citation.Title, q.Question);
        Assert.True(QuizText.WordCount(q.Question) >= 15, q.Question);
        // Its own answer grades right.
        Assert.True(AnswerGrader.IsCorrect(q, q.Answer));

        if (q.Type == QuizQuestionType.MultipleChoice)
        {
            Assert.NotNull(q.Choices);
            Assert.Equal(4, q.Choices.Count);
            Assert.Equal(4, q.Choices.Select(QuizText.Normalize).Distinct().Count());
            Assert.Single(q.Choices, c => c == q.Answer);
            foreach (var distractor in q.Choices.Where(c => c != q.Answer))
            {
                Assert.False(AnswerGrader.Matches(q.Kind, q.Answer, q.Alternatives, distractor), $"distractor '{distractor}' grades as the answer '{q.Answer}'");
                Assert.False(QuizText.ContainsPhrase(q.Question, distractor) && q.Kind == QuizAnswerKind.Person, "a person distractor named in the stem is a giveaway");
                if (q.Kind is QuizAnswerKind.Number or QuizAnswerKind.Year)
                {
                    Assert.True(NumberWords.TryParseNumeral(distractor, out var d));
                    NumberWords.TryParseNumeral(q.Answer, out var a);
                    Assert.NotEqual(a, d);
                }
            }
            Assert.True(AnswerGrader.IsCorrect(q, q.AnswerLetter.ToString()));
        }
        else Assert.Null(q.Choices);
    }

    [Fact]
    public void Same_seed_same_question_and_seeds_cover_every_kind_and_type()
    {
        var first = Enumerable.Range(0, 200).Select(s => QuizGenerator.Generate(fixture.Bank, s)).ToList();
        var again = Enumerable.Range(0, 200).Select(s => QuizGenerator.Generate(new QuizGenerator().Bank(fixture.Snapshot), s)).ToList();
        Assert.Equal(first.Select(q => (q.Id, q.Question, q.Answer, string.Join("|", q.Choices ?? []))), again.Select(q => (q.Id, q.Question, q.Answer, string.Join("|", q.Choices ?? []))));

        Assert.Equal(Enum.GetValues<QuizAnswerKind>().Order(), first.Select(q => q.Kind).Distinct().Order());
        Assert.Contains(first, q => q.Type == QuizQuestionType.MultipleChoice);
        Assert.Contains(first, q => q.Type == QuizQuestionType.Short);
        Assert.Equal(3, first.Select(q => q.Difficulty).Distinct().Count());
        Assert.Contains(first, q => q.Question.StartsWith("Who said", StringComparison.Ordinal));
    }

    [Fact]
    public void Who_said_questions_name_the_quoted_person_in_full()
    {
        var whoSaid = fixture.Bank.Facts.Where(f => f.WhoSaid).ToList();
        Assert.NotEmpty(whoSaid);
        var valdes = Assert.Single(whoSaid, f => f.Stem.Contains("There will be no incentives to collaborate", StringComparison.Ordinal));
        Assert.Equal("Guillermo Valdés", valdes.Answer);
        Assert.All(whoSaid, f => Assert.Contains(' ', f.Answer));
        Assert.DoesNotContain(fixture.Bank.Pool(QuizAnswerKind.Person), p => p.Contains("Institution", StringComparison.Ordinal) || p.StartsWith("Secretary", StringComparison.Ordinal));
    }

    [Fact]
    public void Passages_of_the_near_duplicate_article_are_never_used()
    {
        // 003 republishes part of 002: whatever the index left out of 003 must not turn up in a question.
        var indexed = fixture.Snapshot.Chunks.Where(c => c.Source.StartsWith("003", StringComparison.Ordinal)).Select(c => c.Text).ToList();
        foreach (var fact in fixture.Bank.Facts.Where(f => f.Citation.Source.StartsWith("003", StringComparison.Ordinal)))
            Assert.Contains(indexed, text => text.Contains(fact.Citation.Quote, StringComparison.Ordinal));
        var duplicate = fixture.Snapshot.Documents.Single(d => d.Source.StartsWith("003", StringComparison.Ordinal));
        Assert.NotNull(duplicate.DuplicateOf);
        var repeated = fixture.Snapshot.Analysis(duplicate.Source).Sentences
            .Where(s => !indexed.Any(t => t.Contains(s.Text.Trim(), StringComparison.Ordinal))).Select(s => s.Text.Trim()).ToList();
        Assert.NotEmpty(repeated);
        Assert.DoesNotContain(fixture.Bank.Facts, f => f.Citation.Source == duplicate.Source && repeated.Contains(f.Citation.Quote));
    }

    [Fact]
    public void Question_ids_rebuild_the_same_question_and_reject_other_corpora()
    {
        var q = QuizGenerator.Generate(fixture.Bank, 42);
        Assert.True(QuizGenerator.TryParseId(q.Id, fixture.Snapshot.CorpusHash, out var seed));
        Assert.Equal(42, seed);
        Assert.False(QuizGenerator.TryParseId(q.Id, new string('0', 64), out _));
        Assert.False(QuizGenerator.TryParseId("nonsense", fixture.Snapshot.CorpusHash, out _));
    }
}
