using System.Text.RegularExpressions;
using ChatBot.Core.Search;

namespace ChatBot.Core.Answering;

/// <summary>What kind of thing a question asks for.</summary>
public enum AnswerType { Any, Person, Number, Date, Place, Organization, Statement }

/// <summary>A question taken apart: its expected answer type, its content terms, and the names and numbers in it.</summary>
public sealed record QuestionAnalysis(
    string Text,
    AnswerType Type,
    IReadOnlyList<string> Terms,
    IReadOnlySet<string> NameTerms,
    IReadOnlyList<string> SalientWords,
    bool IsInjection,
    bool IsSmallTalk)
{
    public bool HasContent => Terms.Count > 0;
}

/// <summary>
/// Reads a question. The answer type comes from its wh-word and head noun ("who" → a person,
/// "how many / how large" → a number, "which party / agency" → an organisation, "what did X say" →
/// a statement). Terms are the analysed content words minus the question's own frame words.
/// </summary>
public static partial class QuestionAnalyzer
{
    /// <summary>Words that shape a question rather than say what it is about (analysed forms).</summary>
    private static readonly HashSet<string> FrameTerms = new(StringComparer.Ordinal)
    {
        "who", "whom", "whose", "what", "which", "when", "where", "why", "how", "did", "doe", "do", "done",
        "sai", "said", "tell", "told", "think", "accord", "mani", "much", "larg", "big", "happen", "kind", "type",
        "name", "mention", "describ", "explain", "articl", "corpu", "know", "give", "besid", "other", "likelihood",
    };

    public static QuestionAnalysis Analyze(string question)
    {
        var text = question.Trim();
        var terms = SearchAnalyzer.Shared.Terms(text).Where(t => !FrameTerms.Contains(t)).Distinct().ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var salient = new List<string>();
        foreach (Match m in CapitalisedWord().Matches(text))
        {
            if (m.Index == 0 || QuestionWords().IsMatch(m.Value)) continue; // sentence-initial capital says nothing
            salient.Add(m.Value);
            foreach (var t in SearchAnalyzer.Shared.Terms(m.Value)) names.Add(t);
        }
        foreach (Match m in Number().Matches(text)) salient.Add(m.Value);
        return new QuestionAnalysis(text, TypeOf(text), terms, names, salient, Injection().IsMatch(text), SmallTalk().IsMatch(text));
    }

    public static AnswerType TypeOf(string question)
    {
        var q = question.Trim();
        if (StatementQuestion().IsMatch(q)) return AnswerType.Statement;
        if (NumberQuestion().IsMatch(q)) return AnswerType.Number;
        if (DateQuestion().IsMatch(q)) return AnswerType.Date;
        if (OrganizationQuestion().IsMatch(q)) return AnswerType.Organization;
        if (PlaceQuestion().IsMatch(q)) return AnswerType.Place;
        if (PersonQuestion().IsMatch(q)) return AnswerType.Person;
        return AnswerType.Any;
    }

    [GeneratedRegex(@"^\s*(what|how)\s+(did|does|do|has|have|had|would|will)\b.*\b(say|said|think|thinks|believe|argue|warn|claim|tell|told|predict|describe|call)\b|\baccording to\b|\bwhat\b.*\bopinion\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatementQuestion();

    [GeneratedRegex(@"\bhow\s+(many|much|large|big|long|old|far|often|strong)\b|\bwhat\s+(share|percentage|percent|proportion|number|amount|size)\b|\bhow\s+many\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberQuestion();

    [GeneratedRegex(@"^\s*when\b|\bwhat\s+(year|date|month|day|decade|century)\b|\bin\s+which\s+year\b|\bsince\s+when\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateQuestion();

    [GeneratedRegex(@"\b(which|what)\s+(\w+\s+)?(party|parties|agency|agencies|organi[sz]ation|organi[sz]ations|group|groups|department|ministry|company|bureau|newspaper|outlet|institution|cartel|body|bodies)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrganizationQuestion();

    [GeneratedRegex(@"^\s*where\b|\b(which|what)\s+(country|city|state|place|town|region|border)\b|\bin\s+which\s+(country|city|place)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceQuestion();

    [GeneratedRegex(@"^\s*(who|whom|whose)\b|\b(which|what)\s+(person|official|minister|president|leader|man|woman|expert|senator|ambassador)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PersonQuestion();

    // Attempts to steer the bot away from the corpus: answered with a refusal, never obeyed.
    [GeneratedRegex(@"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|prompts?|rules?|guidelines?|previous|above)\b|\b(system|your|hidden|initial)\s+prompt\b|\bprint\s+(your|the)\s+(prompt|instructions)\b|\byou\s+are\s+now\b|\bpretend\s+(to\s+be|you)\b|\bjailbreak\b|\bdeveloper\s+mode\b|\bact\s+as\b", RegexOptions.IgnoreCase)]
    private static partial Regex Injection();

    [GeneratedRegex(@"^\s*(hi|hello|hey|thanks|thank you|good (morning|afternoon|evening)|yo|sup|ok|okay|cool|bye)\b[\s!.?]*$", RegexOptions.IgnoreCase)]
    private static partial Regex SmallTalk();

    [GeneratedRegex(@"\b[A-Z][\p{L}’'\-]*[\p{L}]\b")]
    private static partial Regex CapitalisedWord();

    [GeneratedRegex(@"^(Who|Whom|Whose|What|Which|When|Where|Why|How|Is|Are|Was|Were|Did|Does|Do|Can|Could|Should|Would|Will|According|And|But|The|A|An|In|I)$")]
    private static partial Regex QuestionWords();

    [GeneratedRegex(@"\b\d[\d,.]*\b")]
    private static partial Regex Number();
}
