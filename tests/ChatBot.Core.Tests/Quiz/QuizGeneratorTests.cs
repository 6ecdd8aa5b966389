using ChatBot.Core.Quiz;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Quiz;

/// <summary>What every generated question must be, checked on many seeds of both corpora.</summary>
public static class QuestionChecks
{
    public static void WellFormed(QuizBank bank, int seed)
    {
        var q = bank.Generate(seed);
        var fact = bank.FactFor(seed);
        var briefs = FactExtractor.BriefTitles(bank.Corpus);
        var brief = briefs[q.Citation.Source];
        var context = $"seed {seed}: {q.Question} => {q.Answer}";

        // Reads as a question and names its document briefly (the document is the answer of "which document").
        Assert.Contains("?", q.Question);
        if (q.Kind != QuizKind.WhichArticle) Assert.Contains($"“{brief}”", q.Question);
        Assert.True(brief.Split(' ').Length <= 9, brief);

        // The cited passage is indexed text of its document and holds the answer as written.
        var document = Assert.Single(bank.Corpus.Documents, d => d.Source == q.Citation.Source);
        Assert.Contains(q.Citation.Quote, document.Text);
        Assert.Equal(document.Title, q.Citation.Title);
        switch (q.Kind)
        {
            case QuizKind.TrueFalse:
                Assert.Contains(fact.Answer, q.Citation.Quote);
                Assert.Equal(["True", "False"], q.Choices);
                Assert.Equal(q.Answer == "True" ? fact.Stem : fact.FalseStem, q.Question);
                Assert.NotEqual(fact.Stem, fact.FalseStem);
                break;
            case QuizKind.WhichArticle:
                Assert.Equal(brief, q.Answer);
                Assert.Equal(QuizQuestionType.MultipleChoice, q.Type);
                Assert.Contains(FactExtractor.Statement(q.Citation.Quote), q.Question);
                break;
            default:
                Assert.True(q.Citation.Quote.Contains(q.Answer, StringComparison.Ordinal), $"{context}: answer not written in “{q.Citation.Quote}”");
                // Never guessable from the question: no form of the answer is in it.
                foreach (var a in q.Alternatives) Assert.False(QuizText.ContainsPhrase(q.Question, a), $"{context}: the question gives away '{a}'");
                break;
        }

        // Its own answer grades right; nothing is not an answer.
        Assert.True(AnswerGrader.IsCorrect(q, q.Answer), context);
        Assert.False(AnswerGrader.IsCorrect(q, ""), context);
        Assert.NotEmpty(AnswerGrader.AcceptedForms(q));

        if (q.Type == QuizQuestionType.MultipleChoice)
        {
            Assert.NotNull(q.Choices);
            Assert.Equal(4, q.Choices.Count);
            Assert.Equal(4, q.Choices.Select(QuizText.Normalize).Distinct().Count());
            Assert.Single(q.Choices, c => c == q.Answer);
            Assert.True(AnswerGrader.IsCorrect(q, q.AnswerLetter.ToString()));
            foreach (var distractor in q.Choices.Where(c => c != q.Answer))
            {
                // No distractor is another right answer: not graded right, not said of the same thing elsewhere.
                Assert.False(AnswerGrader.Matches(q.AnswerKind, q.Answer, q.Alternatives, distractor), $"{context}: distractor '{distractor}' grades as the answer");
                Assert.False(bank.AlsoRight(fact, distractor), $"{context}: distractor '{distractor}' may also be right");
                Assert.False(QuizText.ContainsPhrase(q.Question, distractor) && q.Kind != QuizKind.WhichArticle, $"{context}: distractor '{distractor}' is in the question");
                if (q.AnswerKind is QuizAnswerKind.Number)
                {
                    Assert.True(NumberWords.TryParseNumeral(distractor, out var d));
                    NumberWords.TryParseNumeral(q.Answer, out var a);
                    Assert.NotEqual(a, d);
                }
                if (q.AnswerKind is QuizAnswerKind.Date)
                {
                    Assert.True(DateParts.TryParse(distractor, out var d));
                    DateParts.TryParse(q.Answer, out var a);
                    Assert.NotEqual(a, d);
                }
            }
        }
        else if (q.Type == QuizQuestionType.Short) Assert.Null(q.Choices);
    }

    /// <summary>People, places and organisations the quiz finds in a corpus, and the manifest's outlets.</summary>
    public static List<string> NamesOf(QuizBank bank) =>
        new[] { QuizAnswerKind.Person, QuizAnswerKind.Place, QuizAnswerKind.Organization, QuizAnswerKind.Name }
            .SelectMany(bank.Names.All).SelectMany(n => n.Split(' ')).Where(w => w.Length > 3 && !QuizText.FunctionWords.Contains(w.ToLowerInvariant()))
            .Concat(bank.Corpus.Documents.Select(d => d.Outlet).OfType<string>())
            .Concat(bank.Corpus.Documents.SelectMany(d => d.Title.Split(' ')).Where(w => w.Length > 3 && char.IsUpper(w[0]) && bank.Names.IsTopic(w)))
            .Where(w => !CommonWords.Contains(w)).Distinct().ToList();

    /// <summary>None of a corpus's names may be written in the quiz's code, comments included.</summary>
    public static void CodeNamesNothingOf(QuizBank bank)
    {
        var names = NamesOf(bank);
        var files = new[] { "src/ChatBot.Core/Quiz", "src/ChatBot.Discord/Quiz" }.SelectMany(d => Directory.GetFiles(Path.Combine(RepoPaths.Root, d), "*.cs", SearchOption.AllDirectories))
            .Concat(new[] { "src/ChatBot.Discord/Commands/QuizCommand.cs", "src/ChatBot.Teams/Rendering/QuizCardRenderer.cs", "src/ChatBot.Teams/Messaging/TeamsActivityHandler.Quiz.cs",
                     "src/ChatBot/Cli/QuizCommand.cs", "src/ChatBot/wwwroot/quiz.js", "src/ChatBot/wwwroot/index.html" }.Select(f => Path.Combine(RepoPaths.Root, f)));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var name in names) Assert.False(QuizText.ContainsPhrase(text, name), $"{Path.GetFileName(file)} names '{name}' of the corpus");
        }
    }

    // English words that organisation and place names share with ordinary code comments ("National", "Security", "Agency" …).
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "Agency", "Administration", "Service", "Commission", "Council", "Party", "Institution", "Center", "Navy", "Patrol", "Post", "National", "Security",
        "Research", "Foreign", "Relations", "Border", "Central", "SQLite",
        "City", "Cloud", "Server", "Docs", "Labs", "Team", "Business", "Free",
        "University", "Office", "Building", "Board",
        "Public", "Questions", "Authority", "Plan", "Health", "Department", "State", "Morning", "Cross", "Watch", "Works",
        "States", "Street", "School", "Society", "Committee", "Centre", "Alliance", "Court",
        "Plus", "Capital", "Details", "Leading", "Standard", "Journal", "Bureau", "Audio", "Northern", "Product", "Laboratory",
        "U.S.", // an English abbreviation the sentence splitter must know, like "Gen." or "U.K."
    };

    public static TheoryData<int> Seeds(int count)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < count; i++) data.Add(i * 7919 + 3);
        return data;
    }
}

public sealed class QuizGeneratorTests(QuizFixture fixture) : IClassFixture<QuizFixture>
{
    public static TheoryData<int> Seeds() => QuestionChecks.Seeds(120);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Question_is_well_formed_answerable_from_its_passage_and_not_guessable(int seed) => QuestionChecks.WellFormed(fixture.Bank, seed);

    [Fact]
    public void Thirty_seeded_questions_mix_at_least_four_kinds_and_every_format()
    {
        var thirty = Enumerable.Range(1, 30).Select(s => fixture.Bank.Generate(s)).ToList();
        Assert.True(thirty.Select(q => q.Kind).Distinct().Count() >= 4, string.Join(", ", thirty.Select(q => q.Kind)));

        var many = Enumerable.Range(0, 300).Select(s => fixture.Bank.Generate(s)).ToList();
        Assert.Equal(Enum.GetValues<QuizKind>().Order(), many.Select(q => q.Kind).Distinct().Order());
        Assert.Equal(Enum.GetValues<QuizQuestionType>().Order(), many.Select(q => q.Type).Distinct().Order());
        Assert.Equal(3, many.Select(q => q.Difficulty).Distinct().Count());
        Assert.Contains(many, q => q.Kind == QuizKind.TrueFalse && q.Answer == "True");
        Assert.Contains(many, q => q.Kind == QuizKind.TrueFalse && q.Answer == "False");
    }

    [Fact]
    public void Same_seed_same_question()
    {
        var first = Enumerable.Range(0, 100).Select(s => fixture.Bank.Generate(s)).ToList();
        // A bank built afresh from the same snapshot (once: building one is the slow part) draws the same questions.
        var rebuilt = new QuizGenerator().Bank(fixture.Snapshot);
        var again = Enumerable.Range(0, 100).Select(s => rebuilt.Generate(s)).ToList();
        Assert.Equal(first.Select(q => (q.Id, q.Question, q.Answer, string.Join("|", q.Choices ?? []))), again.Select(q => (q.Id, q.Question, q.Answer, string.Join("|", q.Choices ?? []))));
    }

    [Fact]
    public void Who_said_questions_answer_with_the_name_their_passage_writes_and_quote_only_the_words_said()
    {
        var whoSaid = fixture.Bank.Facts.Where(f => f.Kind == QuizKind.WhoSaid).ToList();
        Assert.True(whoSaid.Count >= 10, $"{whoSaid.Count} who-said facts");
        foreach (var f in whoSaid)
        {
            Assert.Contains(f.Answer, f.Citation.Quote);
            Assert.StartsWith("Who said this, according to “", f.Stem);
            // The attribution ("said X") is not part of what is quoted in the question.
            Assert.DoesNotContain(" said ", f.Stem.Split(": “", 2)[1]);
        }
        // Where the passage names the speaker in full, the answer is the full name.
        Assert.Contains(whoSaid, f => f.Answer.Contains(' '));
    }

    [Fact]
    public void General_knowledge_and_anaphoric_numbers_are_not_asked()
    {
        // A date used as the name of an event ("the Sept. 11, 2001, attacks"), or "the two countries", is no test of the material.
        Assert.DoesNotContain(fixture.Bank.Facts, f => f.Kind == QuizKind.Date && f.Context!.Contains("___, attacks", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Bank.Facts, f => f.Kind == QuizKind.Number && f.Context!.Contains("the ___ ", StringComparison.Ordinal));
        // A place mentioned in passing by one article only is not blanked out.
        foreach (var f in fixture.Bank.Facts.Where(f => f.Kind == QuizKind.Cloze && f.AnswerKind == QuizAnswerKind.Place))
            Assert.True(fixture.Bank.Corpus.Originals.Count(d => QuizText.ContainsPhrase(d.Text, f.Answer)) >= 2, f.Answer);
    }

    [Fact]
    public void Passages_of_the_near_duplicate_article_are_never_used()
    {
        // 003 republishes part of 002: whatever the index left out of 003 must not turn up in a question.
        var duplicate = fixture.Snapshot.Documents.Single(d => d.DuplicateOf is not null);
        var indexed = fixture.Snapshot.Chunks.Where(c => c.Source == duplicate.Source).Select(c => c.Text).ToList();
        var facts = fixture.Bank.Facts.Where(f => f.Citation.Source == duplicate.Source).ToList();
        foreach (var fact in facts) Assert.Contains(indexed, text => text.Contains(fact.Citation.Quote, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Bank.Facts, f => f.Kind == QuizKind.WhichArticle && f.Citation.Source == duplicate.Source);
    }

    [Fact]
    public void Question_ids_rebuild_the_same_question_carry_a_scope_and_reject_other_corpora()
    {
        var q = fixture.Bank.Generate(42, "004");
        Assert.EndsWith(":42~004", q.Id);
        Assert.True(QuizGenerator.TryParseId(q.Id, fixture.Snapshot.CorpusHash, out var seed, out var scope));
        Assert.Equal((42, "004"), (seed, scope));
        Assert.Equal(fixture.Bank.Generate(42).Question, q.Question);
        Assert.False(QuizGenerator.TryParseId(q.Id, new string('0', 64), out _));
        Assert.False(QuizGenerator.TryParseId("nonsense", fixture.Snapshot.CorpusHash, out _));
        Assert.False(QuizGenerator.TryParseId(q.Id.Replace("~004", "~<b>", StringComparison.Ordinal), fixture.Snapshot.CorpusHash, out _));
    }

    [Fact]
    public void The_quiz_code_names_nothing_of_the_corpus()
    {
        Assert.Contains("Valdés", QuestionChecks.NamesOf(fixture.Bank));
        QuestionChecks.CodeNamesNothingOf(fixture.Bank);
    }

}

public sealed class TidewatchQuizTests(TidewatchQuizFixture fixture) : IClassFixture<TidewatchQuizFixture>
{
    public static TheoryData<int> Seeds() => QuestionChecks.Seeds(60);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Question_is_well_formed_answerable_from_its_passage_and_not_guessable(int seed) => QuestionChecks.WellFormed(fixture.Bank, seed);

    [Fact]
    public void The_quiz_code_names_nothing_of_the_docs() => QuestionChecks.CodeNamesNothingOf(fixture.Bank);

    [Fact]
    public void Product_docs_give_several_kinds_and_never_quote_page_chrome_or_code()
    {
        var questions = Enumerable.Range(1, 60).Select(s => fixture.Bank.Generate(s)).ToList();
        Assert.True(questions.Select(q => q.Kind).Distinct().Count() >= 3, string.Join(", ", questions.Select(q => q.Kind).Distinct()));
        Assert.Contains(questions, q => q.Kind == QuizKind.Number);
        foreach (var q in questions)
        {
            Assert.DoesNotContain("cookie", q.Citation.Quote, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("`", q.Question);
            Assert.DoesNotContain("|", q.Question);
        }
        // "Which document" offers the docs by their short titles, from the manifest or the file.
        var which = questions.FirstOrDefault(q => q.Kind == QuizKind.WhichArticle);
        if (which is not null) Assert.All(which.Choices!, c => Assert.Contains(c, FactExtractor.BriefTitles(fixture.Bank.Corpus).Values));
    }
}
