using ChatBot.Core.Quiz;

namespace ChatBot.Core.Tests.Quiz;

/// <summary>Names classified by general means, on a corpus invented here (no list of the quiz knows any of these names).</summary>
public sealed class CorpusNamesTests
{
    private static readonly QuizCorpus Corpus = SyntheticCorpus.Build(
        ("harbour.txt", "Harbour dredging resumes at Kelderby", "Ottilie Brask", """
            Harbour dredging resumes at Kelderby

            The Northwind Harbour Authority (NHA) restarted dredging in Kelderby on Monday after a pause of 14 months.

            “The channel silted faster than any model predicted,” said Harriet Quillon, the authority's chief engineer.

            Quillon said the work would cost about $42 million and take three years. She added that Veltish crews will run two of the dredgers.

            Osric Tamblyn and Harriet Quillon signed the contract in 2019 in Marrowby.
            """),
        ("ferry.txt", "A new ferry line for Marrowby", null, """
            A new ferry line for Marrowby

            The NHA opened a ferry line from Marrowby to Kelderby in May 2021, Osric Tamblyn said.

            Tamblyn runs the ferry office, which sells 9,000 tickets a month.
            """),
        ("budget.txt", "The harbour budget", null, """
            The harbour budget

            The Kelderby council approved the harbour budget in 2022 after a long debate.

            The budget sets aside money for new cranes and for the ferry pier in Marrowby.
            """));

    private readonly CorpusNames _names = new(Corpus);

    [Fact]
    public void People_are_found_by_speech_pronouns_pairs_and_the_manifest()
    {
        Assert.Equal(QuizAnswerKind.Person, _names.KindOf("Harriet Quillon"));   // quoted: "said Harriet Quillon"
        Assert.Equal(QuizAnswerKind.Person, _names.KindOf("Osric Tamblyn"));     // "Osric Tamblyn said", and "Tamblyn" alone
        Assert.Equal(QuizAnswerKind.Person, _names.KindOf("Quillon"));           // a surname alone
        Assert.Equal("Harriet Quillon", _names.FullName("Quillon"));
    }

    [Fact]
    public void Organisations_places_and_nationalities_are_told_apart()
    {
        Assert.Equal(QuizAnswerKind.Organization, _names.KindOf("Northwind Harbour Authority"));
        Assert.Equal(QuizAnswerKind.Organization, _names.KindOf("NHA"));         // its acronym, spelled out in the corpus
        Assert.Equal("Northwind Harbour Authority", _names.OtherForm("NHA"));
        Assert.Equal(QuizAnswerKind.Place, _names.KindOf("Marrowby"));           // "in Marrowby", "from Marrowby"
        Assert.Equal(QuizAnswerKind.Place, _names.KindOf("Kelderby"));
        Assert.Null(_names.KindOf("Veltish"));                                    // "Veltish crews": a nationality, not a place
        Assert.Null(_names.KindOf("Monday"));
    }

    [Fact]
    public void A_name_in_most_documents_is_the_topic()
    {
        Assert.True(_names.IsTopic("Kelderby"));
        Assert.True(_names.IsTopic("Marrowby"));
        Assert.False(_names.IsTopic("Harriet Quillon"));
    }

    [Fact]
    public void The_invented_corpus_gives_questions_of_many_kinds_each_answerable_from_its_passage()
    {
        var bank = QuizBank.Build(Corpus);
        var kinds = bank.Facts.Select(f => f.Kind).ToHashSet();
        Assert.Superset(new HashSet<QuizKind> { QuizKind.WhoSaid, QuizKind.Number, QuizKind.Date, QuizKind.Actor, QuizKind.TrueFalse, QuizKind.WhichArticle }, kinds);

        var said = Assert.Single(bank.Facts, f => f.Kind == QuizKind.WhoSaid);
        Assert.Equal("Harriet Quillon", said.Answer);
        Assert.Contains("The channel silted faster than any model predicted", said.Stem);
        Assert.Contains("Harbour dredging resumes at Kelderby", said.Stem);

        var money = Assert.Single(bank.Facts, f => f.Kind == QuizKind.Number && f.Answer == "$42 million");
        Assert.Contains("how much", money.Stem);
        var tickets = Assert.Single(bank.Facts, f => f.Kind == QuizKind.Number && f.Answer == "9,000");
        Assert.Contains("how many tickets", tickets.Stem);

        // "The … was approved in 2022": the auxiliary moves before the subject.
        var founded = Assert.Single(bank.Facts, f => f.Kind == QuizKind.Date && f.Answer == "2019");
        Assert.Contains("in what year", founded.Stem, StringComparison.OrdinalIgnoreCase);

        // The subject of a clause is asked with who / which organisation.
        Assert.Contains(bank.Facts, f => f.Kind == QuizKind.Actor && f.Answer == "Tamblyn" && f.Stem.Contains("who runs the ferry office", StringComparison.Ordinal));
        Assert.Contains(bank.Facts, f => f.Kind == QuizKind.Actor && f.AnswerKind == QuizAnswerKind.Organization && f.Stem.Contains("which organisation", StringComparison.Ordinal));
        foreach (var f in bank.Facts.Where(f => f.Kind is not (QuizKind.TrueFalse or QuizKind.WhichArticle))) Assert.Contains(f.Answer, f.Citation.Quote);
    }
}
