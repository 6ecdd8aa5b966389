using ChatBot.Core.Quiz;

namespace ChatBot.Core.Tests.Quiz;

public sealed class AnswerGraderTests
{
    private static readonly QuizCitation Citation = new("000.txt", "c1", "Title", null, null, "Quote");

    private static QuizQuestion Short(QuizAnswerKind kind, string answer) => new("q", QuizQuestionType.Short, "Stem?", null, QuizDifficulty.Medium, kind, answer,
        kind switch
        {
            QuizAnswerKind.Person => FactExtractor.PersonAlternatives(answer),
            QuizAnswerKind.Number or QuizAnswerKind.Year => FactExtractor.NumberAlternatives(answer),
            _ => [answer],
        }, Citation);

    [Theory]
    [InlineData(QuizAnswerKind.Number, "10,000", "10000", true)]
    [InlineData(QuizAnswerKind.Number, "10,000", "10,000", true)]
    [InlineData(QuizAnswerKind.Number, "10,000", "10 000", true)]
    [InlineData(QuizAnswerKind.Number, "10,000", "ten thousand", true)]
    [InlineData(QuizAnswerKind.Number, "10,000", "about 10000.", true)]
    [InlineData(QuizAnswerKind.Number, "10,000", "10,001", false)]
    [InlineData(QuizAnswerKind.Number, "10,000", "1000", false)]
    [InlineData(QuizAnswerKind.Number, "10,000", "10,000 or 20,000", false)]
    [InlineData(QuizAnswerKind.Number, "10,000", "many", false)]
    [InlineData(QuizAnswerKind.Number, "48", "four dozen", true)]
    [InlineData(QuizAnswerKind.Number, "60", "sixty", true)]
    [InlineData(QuizAnswerKind.Number, "90 percent", "90%", true)]
    [InlineData(QuizAnswerKind.Number, "90 percent", "80 percent", false)]
    [InlineData(QuizAnswerKind.Number, "$1.6 billion", "1.6 billion", true)]
    [InlineData(QuizAnswerKind.Number, "$1.6 billion", "1,600,000,000", true)]
    [InlineData(QuizAnswerKind.Number, "$1.6 billion", "1.6 million", false)]
    [InlineData(QuizAnswerKind.Year, "1996", "1996", true)]
    [InlineData(QuizAnswerKind.Year, "1996", "in 1996", true)]
    [InlineData(QuizAnswerKind.Year, "1996", "1997", false)]
    [InlineData(QuizAnswerKind.Person, "Guillermo Valdés", "valdes", true)]
    [InlineData(QuizAnswerKind.Person, "Guillermo Valdés", "Valdés", true)]
    [InlineData(QuizAnswerKind.Person, "Guillermo Valdés", "GUILLERMO VALDES", true)]
    [InlineData(QuizAnswerKind.Person, "Guillermo Valdés", "Mr. Valdés", true)]
    [InlineData(QuizAnswerKind.Person, "Guillermo Valdés", "Videgaray", false)]
    [InlineData(QuizAnswerKind.Person, "Guillermo Valdés", "Guillermo", false)]
    [InlineData(QuizAnswerKind.Person, "Guillermo Valdés", "Luis Valdés", false)]
    [InlineData(QuizAnswerKind.Person, "Nicole Navas Oxman", "Navas Oxman", true)]
    [InlineData(QuizAnswerKind.Organization, "Drug Enforcement Administration", "drug enforcement administration", true)]
    [InlineData(QuizAnswerKind.Organization, "Drug Enforcement Administration", "the Drug Enforcement Administration", true)]
    [InlineData(QuizAnswerKind.Organization, "Drug Enforcement Administration", "Drug Administration", false)]
    [InlineData(QuizAnswerKind.Organization, "CIA", "C.I.A.", false)]
    [InlineData(QuizAnswerKind.Organization, "CIA", "cia", true)]
    [InlineData(QuizAnswerKind.Place, "Mexico City", "mexico city", true)]
    [InlineData(QuizAnswerKind.Place, "Mexico City", "Mexico", false)]
    [InlineData(QuizAnswerKind.Place, "Sinaloa", "Sinaloa!", true)]
    [InlineData(QuizAnswerKind.Person, "Guillermo Valdés", "", false)]
    [InlineData(QuizAnswerKind.Person, "Guillermo Valdés", "   ", false)]
    [InlineData(QuizAnswerKind.Number, "10,000", "", false)]
    [InlineData(QuizAnswerKind.Place, "Sinaloa", "?!", false)]
    public void Short_answers(QuizAnswerKind kind, string expected, string given, bool correct) =>
        Assert.Equal(correct, AnswerGrader.IsCorrect(Short(kind, expected), given));

    [Fact]
    public void Acronym_alternative_from_the_corpus_is_accepted()
    {
        var q = Short(QuizAnswerKind.Organization, "Drug Enforcement Administration") with
        {
            Alternatives = FactExtractor.OrganizationAlternatives("Drug Enforcement Administration", "Agents of the DEA said"),
        };
        Assert.True(AnswerGrader.IsCorrect(q, "DEA"));
        Assert.True(AnswerGrader.IsCorrect(q, "the dea"));
        Assert.False(AnswerGrader.IsCorrect(q, "CIA"));
    }

    [Theory]
    [InlineData("ODNI", "following the establishment of the US Office of the Director of National Intelligence (ODNI).", "Office of the Director of National Intelligence")]
    [InlineData("PRI", "Enrique Peña Nieto, of the Institutional Revolutionary Party (PRI), which has returned", "Institutional Revolutionary Party")]
    [InlineData("Institutional Revolutionary Party", "of the Institutional Revolutionary Party (PRI), which", "PRI")]
    [InlineData("CBP", "U.S. Customs and Border Protection (CBP) national targeting center", "Customs and Border Protection")]
    public void Acronyms_and_spelled_out_names_are_alternatives_when_the_corpus_pairs_them(string name, string corpus, string alternative)
    {
        var alternatives = FactExtractor.OrganizationAlternatives(name, corpus);
        Assert.Contains(alternative, alternatives);
        var q = Short(QuizAnswerKind.Organization, name) with { Alternatives = alternatives };
        Assert.True(AnswerGrader.IsCorrect(q, alternative.ToLowerInvariant()));
    }

    [Fact]
    public void An_acronym_is_not_expanded_from_unrelated_words()
    {
        Assert.Equal(["ODNI"], FactExtractor.OrganizationAlternatives("ODNI", "a talk with Mark Feierstein (ODNI) about things"));
    }

    [Theory]
    [InlineData("b", true)]
    [InlineData("B", true)]
    [InlineData("(b)", true)]
    [InlineData("B)", true)]
    [InlineData("option b", true)]
    [InlineData("a", false)]
    [InlineData("d", false)]
    [InlineData("e", false)]
    [InlineData("valdes", true)]
    [InlineData("Guillermo Valdés", true)]
    [InlineData("Gabriela Cuevas", false)]
    [InlineData("Cuevas", false)]
    [InlineData("", false)]
    public void Multiple_choice_by_letter_or_option_text(string given, bool correct)
    {
        var q = new QuizQuestion("q", QuizQuestionType.MultipleChoice, "Who said it?", ["Gabriela Cuevas", "Guillermo Valdés", "Alan Bersin", "Mark Morgan"],
            QuizDifficulty.Easy, QuizAnswerKind.Person, "Guillermo Valdés", FactExtractor.PersonAlternatives("Guillermo Valdés"), Citation);
        Assert.Equal('B', q.AnswerLetter);
        Assert.Equal(correct, AnswerGrader.IsCorrect(q, given));
    }

    [Theory]
    [InlineData("10,000", 10_000)]
    [InlineData("10 000", 10_000)]
    [InlineData("10\u202F000", 10_000)]
    [InlineData("four dozen", 48)]
    [InlineData("sixty-five", 65)]
    [InlineData("a hundred", 100)]
    [InlineData("$700 billion", 700_000_000_000)]
    [InlineData("1,234,567", 1_234_567)]
    public void Numbers_in_digits_and_words(string text, double value) =>
        Assert.Equal([value], NumberWords.Values(text));
}
