using System.Text.RegularExpressions;

namespace ChatBot.Core.Quiz;

/// <summary>
/// Grades a free-text, multiple-choice or true/false answer the way a teacher would: lenient about form
/// (case, accents, punctuation, "10,000" = "10000" = "10 000" = "ten thousand", "$24" = "24", a surname
/// for a full name, an acronym for the spelled-out name, the date written another way, a letter or the option's text,
/// "t"/"yes" for true), strict about substance (a different number, date or person is wrong, an empty
/// answer is wrong).
/// </summary>
public static partial class AnswerGrader
{
    private static readonly HashSet<string> Honorifics = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "dr", "president", "senator", "minister", "secretary", "general", "director", "ambassador", "professor", "sir",
    };

    public static bool IsCorrect(QuizQuestion question, string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer)) return false;
        if (question.Choices is { } choices)
        {
            var letter = LetterAnswer().Match(answer.Trim());
            if (letter.Success)
            {
                var index = char.ToUpperInvariant(letter.Groups["l"].Value[0]) - 'A';
                return index < choices.Count && choices[index] == question.Answer;
            }
            if (question.Type == QuizQuestionType.TrueFalse)
                return QuizBank.TrueFalseAlternatives(question.Answer == "True").Any(a => QuizText.Normalize(a) == QuizText.Normalize(answer));
            // The option's text: right only if it matches the right option and no wrong one.
            var matching = choices.Where(c => Matches(question.AnswerKind, c, Alternatives(question, c), answer)).ToList();
            return matching.Count == 1 && matching[0] == question.Answer;
        }
        return Matches(question.AnswerKind, question.Answer, question.Alternatives, answer);
    }

    /// <summary>What would have been graded right, as shown in the feedback: the answer, its other forms, and the rule for numbers and dates.</summary>
    public static IReadOnlyList<string> AcceptedForms(QuizQuestion question)
    {
        var forms = new List<string>();
        if (question.AnswerLetter is { } letter) forms.Add($"{letter}");
        foreach (var a in question.Alternatives.Prepend(question.Answer))
            if (!forms.Any(f => QuizText.Normalize(f) == QuizText.Normalize(a))) forms.Add(a);
        switch (question.AnswerKind)
        {
            case QuizAnswerKind.Number when NumberWords.TryParseNumeral(question.Answer, out var v):
                forms.Add($"{v.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture)} in any form (digits or words)");
                break;
            case QuizAnswerKind.Date:
                forms.Add("the same date in any form");
                break;
            case QuizAnswerKind.TrueFalse:
                forms = [.. QuizBank.TrueFalseAlternatives(question.Answer == "True")];
                break;
        }
        return forms;
    }

    private static IReadOnlyList<string> Alternatives(QuizQuestion question, string choice) =>
        choice == question.Answer ? question.Alternatives : question.AnswerKind switch
        {
            QuizAnswerKind.Person => FactExtractor.PersonAlternatives(choice),
            QuizAnswerKind.Number => FactExtractor.NumberAlternatives(choice),
            QuizAnswerKind.Date => FactExtractor.DateAlternatives(choice),
            _ => [choice],
        };

    public static bool Matches(QuizAnswerKind kind, string expected, IReadOnlyList<string> alternatives, string answer)
    {
        if (string.IsNullOrWhiteSpace(answer)) return false;
        var given = QuizText.Normalize(answer);
        if (given.Length == 0) return false;
        if (alternatives.Append(expected).Any(a => QuizText.Normalize(a) == given)) return true;
        return kind switch
        {
            QuizAnswerKind.Number => SameNumber(expected, answer),
            QuizAnswerKind.Date => SameDate(expected, answer),
            QuizAnswerKind.Person => SamePerson(expected, alternatives, answer),
            QuizAnswerKind.TrueFalse or QuizAnswerKind.Article => false,
            _ => SameName(expected, alternatives, answer),
        };
    }

    /// <summary>Every number the answer gives must be the expected one: "10000" and "ten thousand" are right, "10,001" is wrong.</summary>
    private static bool SameNumber(string expected, string answer)
    {
        if (!NumberWords.TryParseNumeral(expected.Replace("%", " percent", StringComparison.Ordinal), out var value)) return false;
        var given = NumberWords.Values(answer);
        return given.Count > 0 && given.All(v => Math.Abs(v - value) <= Math.Abs(value) * 1e-9);
    }

    /// <summary>The same year, and the same month and day where the answer has them ("14 Oct 2024" = "October 14, 2024" = "2024-10-14").</summary>
    private static bool SameDate(string expected, string answer)
    {
        if (!DateParts.TryParse(expected, out var e) || !DateParts.TryParse(answer, out var g)) return false;
        if (e.Year != g.Year) return false;
        if (e.Month is { } m && g.Month != m) return false;
        if (e.Day is { } d && g.Day != d) return false;
        // Nothing wrong may be added either: a month given for a year-only answer must not contradict the text.
        return true;
    }

    /// <summary>Parts of the right name, including the surname: "Quillon" or "harriet quillon", not "Harriet" alone or another surname.</summary>
    private static bool SamePerson(string expected, IReadOnlyList<string> alternatives, string answer)
    {
        var given = QuizText.Words(answer).Where(w => !Honorifics.Contains(w)).ToList();
        if (given.Count == 0) return false;
        return alternatives.Append(expected).Any(a =>
        {
            var name = QuizText.Words(a);
            return given.All(name.Contains) && given.Contains(name[^1]);
        });
    }

    /// <summary>Places, organisations and other names: the same significant words, in any case or accent, "the" and "of" aside.</summary>
    private static bool SameName(string expected, IReadOnlyList<string> alternatives, string answer)
    {
        var given = Significant(answer);
        if (given.Count == 0) return false;
        return alternatives.Append(expected).Any(a => Significant(a).SetEquals(given));
    }

    private static HashSet<string> Significant(string text) => QuizText.Words(text).Where(w => !QuizText.FunctionWords.Contains(w)).ToHashSet(StringComparer.Ordinal);

    // "b", "B)", "(b)", "b.", "option b", "answer: B".
    [GeneratedRegex(@"^(option\s+|answer\s*:?\s*)?\(?(?<l>[A-Da-d])[).:]?$", RegexOptions.IgnoreCase)]
    private static partial Regex LetterAnswer();
}
