using System.Text.RegularExpressions;

namespace ChatBot.Core.Answering;

/// <summary>Cheap surface cues that a sentence holds the kind of thing a question asks for.</summary>
public static partial class AnswerFeatures
{
    public static bool Matches(AnswerType type, string sentence, QuestionAnalysis question) => type switch
    {
        AnswerType.Number => Numbers().Matches(sentence).Any(m => !question.Text.Contains(m.Value, StringComparison.OrdinalIgnoreCase)),
        AnswerType.Date => Dates().Matches(sentence).Any(m => !question.Text.Contains(m.Value, StringComparison.OrdinalIgnoreCase)),
        AnswerType.Person => NewCapitalised(PersonName(), sentence, question, exclude: Organisation()),
        AnswerType.Organization => NewCapitalised(Organisation(), sentence, question),
        AnswerType.Place => NewCapitalised(PlacePhrase(), sentence, question, group: "place"),
        _ => false,
    };

    private static bool NewCapitalised(Regex regex, string sentence, QuestionAnalysis question, string group = "0", Regex? exclude = null)
    {
        foreach (Match m in regex.Matches(sentence))
        {
            var value = m.Groups[group].Value;
            if (exclude is not null && exclude.IsMatch(value)) continue;
            if (NotPeople().IsMatch(value)) continue;
            if (m.Index == 0 && !value.Contains(' ')) continue;
            var terms = Search.SearchAnalyzer.Shared.Terms(value);
            if (terms.Count > 0 && terms.Any(t => !question.NameTerms.Contains(t) && !question.Terms.Contains(t))) return true;
        }
        return false;
    }

    // Capitalised runs that are places or titles, not people.
    [GeneratedRegex(@"^(The\s+)?(United States|U\.S\.|Mexico City|Latin America|Central America|North America|South America|White House|Mexican|American)\b")]
    private static partial Regex NotPeople();

    [GeneratedRegex(@"\b\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|percent)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Numbers();

    [GeneratedRegex(@"\b(1[6-9]|20)\d{2}\b|\b(January|February|March|April|May|June|July|August|September|October|November|December)\b|\b(last|next|this)\s+(year|month|week|decade)\b|\b\d{1,2}(st|nd|rd|th)?\s+century\b")]
    private static partial Regex Dates();

    // Two or more capitalised words in a row: "Ildefonso Guajardo", "Chapo Guzmán Loera".
    [GeneratedRegex(@"\b[A-Z][\p{L}’'\-]+(\s+(de|del|la|van|von)?\s*[A-Z][\p{L}’'\-]+)+")]
    private static partial Regex PersonName();

    // Acronyms and names with an organisation head word.
    [GeneratedRegex(@"\b[A-Z]{2,6}\b|\b([A-Z][\p{L}’'\-]+\s+)*(of\s+|for\s+|and\s+)*([A-Z][\p{L}’'\-]+\s+)*(Party|Agency|Bureau|Administration|Department|Service|Institute|Commission|Center|Centre|Council|Ministry|Secretariat|Office|Navy|Army|Police|Force|Investigations|Enforcement|Protection|Security|Cartel|Congress|Senate)\b")]
    private static partial Regex Organisation();

    [GeneratedRegex(@"\b(in|at|from|near|to|across|inside)\s+(?<place>[A-Z][\p{L}’'\-]+(\s+[A-Z][\p{L}’'\-]+)*)")]
    private static partial Regex PlacePhrase();
}
