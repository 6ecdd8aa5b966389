using ChatBot.Core.Quiz;

namespace ChatBot.Core.Tests.Quiz;

public sealed class AnswerGraderTests
{
    private static readonly QuizCitation Citation = new("000.txt", "c1", "Title", null, null, "Quote");

    private static QuizQuestion Short(QuizAnswerKind kind, string answer) => new("q", QuizQuestionType.Short, QuizKind.Cloze, "Stem?", null, QuizDifficulty.Medium, kind, answer,
        kind switch
        {
            QuizAnswerKind.Person => FactExtractor.PersonAlternatives(answer),
            QuizAnswerKind.Number => FactExtractor.NumberAlternatives(answer),
            QuizAnswerKind.Date => FactExtractor.DateAlternatives(answer),
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
    [InlineData(QuizAnswerKind.Date, "1996", "1996", true)]
    [InlineData(QuizAnswerKind.Date, "1996", "in 1996", true)]
    [InlineData(QuizAnswerKind.Date, "1996", "1997", false)]
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

    [Theory]
    [InlineData("14 October 2024", "October 14, 2024", true)]
    [InlineData("14 October 2024", "2024-10-14", true)]
    [InlineData("14 October 2024", "14 Oct 2024", true)]
    [InlineData("14 October 2024", "13 October 2024", false)]
    [InlineData("14 October 2024", "October 2024", false)]
    [InlineData("May 2020", "may 2020", true)]
    [InlineData("May 2020", "June 2020", false)]
    [InlineData("Sept. 11, 2001", "September 11, 2001", true)]
    public void Dates_in_any_form_but_the_same_date(string expected, string given, bool correct) =>
        Assert.Equal(correct, AnswerGrader.IsCorrect(Short(QuizAnswerKind.Date, expected), given));

    [Theory]
    [InlineData("$24", "24", true)]
    [InlineData("$24", "24 dollars", true)]
    [InlineData("$24", "$25", false)]
    [InlineData("50%", "50 percent", true)]
    [InlineData("50%", "fifty percent", true)]
    [InlineData("50%", "40%", false)]
    [InlineData("three", "3", true)]
    [InlineData("three", "three", true)]
    [InlineData("three", "four", false)]
    public void Sums_percentages_and_numbers_in_words(string expected, string given, bool correct) =>
        Assert.Equal(correct, AnswerGrader.IsCorrect(Short(QuizAnswerKind.Number, expected), given));

    [Theory]
    [InlineData("True", "true", true)]
    [InlineData("True", "T", true)]
    [InlineData("True", "yes", true)]
    [InlineData("True", "A", true)]
    [InlineData("True", "false", false)]
    [InlineData("True", "B", false)]
    [InlineData("False", "f", true)]
    [InlineData("False", "No", true)]
    [InlineData("False", "true", false)]
    [InlineData("False", "maybe", false)]
    public void True_or_false(string expected, string given, bool correct)
    {
        var q = new QuizQuestion("q", QuizQuestionType.TrueFalse, QuizKind.TrueFalse, "True or false? …", ["True", "False"], QuizDifficulty.Easy,
            QuizAnswerKind.TrueFalse, expected, QuizBank.TrueFalseAlternatives(expected == "True"), Citation);
        Assert.Equal(correct, AnswerGrader.IsCorrect(q, given));
        Assert.Null(q.AnswerLetter);
    }

    [Fact]
    public void Accepted_forms_list_what_counts()
    {
        var person = Short(QuizAnswerKind.Person, "Guillermo Valdés");
        Assert.Equal(["Guillermo Valdés", "Valdés"], AnswerGrader.AcceptedForms(person));
        var number = Short(QuizAnswerKind.Number, "10,000");
        Assert.Contains("10000", AnswerGrader.AcceptedForms(number));
        Assert.Contains(AnswerGrader.AcceptedForms(number), f => f.Contains("digits or words", StringComparison.Ordinal));
        // The feedback shows them.
        var feedback = QuizService.Feedback(number, false, "9");
        Assert.Contains("Also accepted: 10000", feedback);
        Assert.Contains("Source: “Quote”", feedback);
    }

    [Fact]
    public void A_unique_short_form_of_a_place_counts_but_not_a_word_another_place_shares()
    {
        var corpus = SyntheticCorpus.Build(("a.txt", "Ports", null, """
            Ports

            The ferry left from Port Ellery on Monday and arrived in Ellery Bay later that week.

            Crews in Dunmore Sound and in Port Ellery cleaned the docks for the arrival of 300 visitors.
            """));
        var names = new CorpusNames(corpus);
        Assert.Equal(QuizAnswerKind.Place, names.KindOf("Dunmore Sound"));
        Assert.Contains("Dunmore", FactExtractor.NameAlternatives(names, QuizAnswerKind.Place, "Dunmore Sound"));   // no other place says "Dunmore"
        var ellery = FactExtractor.NameAlternatives(names, QuizAnswerKind.Place, "Port Ellery");
        Assert.DoesNotContain("Ellery", ellery);                        // "Ellery Bay" is another place
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
        var q = new QuizQuestion("q", QuizQuestionType.MultipleChoice, QuizKind.WhoSaid, "Who said it?", ["Gabriela Cuevas", "Guillermo Valdés", "Alan Bersin", "Mark Morgan"],
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
