using System.Text.RegularExpressions;

namespace ChatBot.Core.Quiz;

/// <summary>
/// Grades a free-text or multiple-choice answer: lenient about form (case, accents, punctuation,
/// "10,000" = "10000" = "10 000" = "ten thousand", a surname for a full name, a letter or the option's
/// text), strict about substance (a different number or person is wrong, an empty answer is wrong).
/// </summary>
public static partial class AnswerGrader
{
    private static readonly HashSet<string> Honorifics = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "dr", "president", "senator", "minister", "secretary", "general", "director", "ambassador", "professor", "sir",
    };

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal) { "the", "of", "in", "at", "a", "an", "and", "for", "it", "was", "is" };

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
            // The option's text: right only if it matches the right option and no wrong one.
            var matching = choices.Where(c => Matches(question.Kind, c, Alternatives(question, c), answer)).ToList();
            return matching.Count == 1 && matching[0] == question.Answer;
        }
        return Matches(question.Kind, question.Answer, question.Alternatives, answer);
    }

    private static IReadOnlyList<string> Alternatives(QuizQuestion question, string choice) =>
        choice == question.Answer ? question.Alternatives : question.Kind switch
        {
            QuizAnswerKind.Person => FactExtractor.PersonAlternatives(choice),
            QuizAnswerKind.Number or QuizAnswerKind.Year => FactExtractor.NumberAlternatives(choice),
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
            QuizAnswerKind.Number or QuizAnswerKind.Year => SameNumber(expected, answer),
            QuizAnswerKind.Person => SamePerson(expected, answer),
            _ => SameName(expected, alternatives, answer),
        };
    }

    /// <summary>Every number the answer gives must be the expected one: "10000" and "ten thousand" are right, "10,001" is wrong.</summary>
    private static bool SameNumber(string expected, string answer)
    {
        if (!NumberWords.TryParseNumeral(expected, out var value)) return false;
        var given = NumberWords.Values(answer);
        return given.Count > 0 && given.All(v => Math.Abs(v - value) <= Math.Abs(value) * 1e-9);
    }

    /// <summary>Parts of the right name, including the surname: "Valdés" or "guillermo valdes", not "Guillermo" alone or "Videgaray".</summary>
    private static bool SamePerson(string expected, string answer)
    {
        var name = QuizText.Words(expected);
        var given = QuizText.Words(answer).Where(w => !Honorifics.Contains(w)).ToList();
        return given.Count > 0 && given.All(name.Contains) && given.Contains(name[^1]);
    }

    /// <summary>Places and organisations: the same significant words, in any case or accent, "the" and "of" aside.</summary>
    private static bool SameName(string expected, IReadOnlyList<string> alternatives, string answer)
    {
        var given = Significant(answer);
        if (given.Count == 0) return false;
        return alternatives.Append(expected).Any(a => Significant(a).SetEquals(given));
    }

    private static HashSet<string> Significant(string text) => QuizText.Words(text).Where(w => !Filler.Contains(w)).ToHashSet(StringComparer.Ordinal);

    // "b", "B)", "(b)", "b.", "option b", "answer: B".
    [GeneratedRegex(@"^(option\s+|answer\s*:?\s*)?\(?(?<l>[A-Da-d])[).:]?$", RegexOptions.IgnoreCase)]
    private static partial Regex LetterAnswer();
}
