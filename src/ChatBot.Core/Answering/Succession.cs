using System.Text.RegularExpressions;
using ChatBot.Core.Search;

namespace ChatBot.Core.Answering;

/// <summary>
/// Who came before or after someone in a role, as general English writes it: "X handed the role to Y", "Y took over
/// (the role) from X", "Y succeeded / replaced X", "X was succeeded / replaced by Y" all put Y after X. A question asks
/// for one side ("who was the manager before X", "who replaced X", "who did X succeed"); an answer naming only people
/// on the other side of X answers something else.
/// </summary>
public static partial class Succession
{
    public enum Side { Before, After }

    /// <summary>The side of the named person a who-question asks for, or null when it asks no succession.</summary>
    public static Side? Asked(string question)
    {
        if (DidSucceed().IsMatch(question)) return Side.Before;
        if (AskedBefore().IsMatch(question)) return Side.Before;
        if (AskedAfter().IsMatch(question)) return Side.After;
        return null;
    }

    /// <summary>
    /// Whether the text relates the question's person (any of <paramref name="nameTerms"/>) to others only on the side
    /// opposite <paramref name="asked"/>: at least one such relation, none on the asked side.
    /// </summary>
    public static bool OnlyOtherSide(string text, IReadOnlySet<string> nameTerms, Side asked)
    {
        if (nameTerms.Count == 0) return false;
        bool IsAsked(string name) => SearchAnalyzer.Shared.Terms(name).Any(nameTerms.Contains);
        var before = false;
        var after = false;
        foreach (var pattern in new[] { HandedTo(), TookOverFrom(), Succeeded(), SucceededBy(), Appointed(), WasAppointed() })
        {
            foreach (Match m in pattern.Matches(text))
            {
                var earlier = m.Groups["a"].Value;
                var later = m.Groups["b"].Value;
                // Relative to the question's person: the other one is after it when it is the earlier one, before it when it is the later.
                if (IsAsked(earlier) && !IsAsked(later)) after = true;
                else if (IsAsked(later) && !IsAsked(earlier)) before = true;
            }
        }
        return asked == Side.Before ? after && !before : before && !after;
    }

    /// <summary>
    /// The people a text says gave up a role to someone ("X handed the role to Y", "Y took over from X", "Y succeeded X", "X
    /// was replaced by Y"): X, the earlier holder; their names as written.
    /// </summary>
    public static IReadOnlyList<string> Earlier(string text) =>
        new[] { HandedTo(), TookOverFrom(), Succeeded(), SucceededBy() }
            .SelectMany(p => p.Matches(text)).Select(m => m.Groups["a"].Value).ToList();

    /// <summary>
    /// Whether a text says anyone came into or handed on a role ("succeeded", "took over", "was named", "will become",
    /// "interim", "the new chief"). "Who will replace X?" over "With me today are Y, our chief executive, and X, our finance
    /// chief" names a new person but no succession: Y holds another role, and the text cannot say who follows X.
    /// </summary>
    public static bool Tells(string text) => SuccessionCue().IsMatch(text);

    [GeneratedRegex(@"\b(succe(ed|eds|eded|eding|ssor|ssion)|replac(e|es|ed|ing|ement)|took\s+over|takes?\s+over|taking\s+over|tak(e|es|ing)\s+the\s+helm|step(s|ped)?\s+(in|up)|in\s+place\s+of|handed|passed\s+the|named|appointed|appoints|appoint|hired|promoted|elected|chosen|picked|became|becomes|will\s+become|to\s+become|new|interim|acting|incoming|designate|predecessor|former|previously)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SuccessionCue();

    // Within one sentence: no sentence end (a full stop before a space), so "3.8.4" and "Dr." do not stop it.
    private const string Clause = @"(?:[^.;]|\.(?=\S)){0,100}?";

    private const string Name = @"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Sir|Dame)\.?\s+)?\p{Lu}[\p{L}\-’']+(?:\s+\p{Lu}[\p{L}\-’']+){0,3}";

    [GeneratedRegex(@"(?<a>" + Name + @")" + Clause + @"\b(handed|passed)\s+(\w+\s+){0,5}?(over\s+)?to\s+(?<b>" + Name + ")")]
    private static partial Regex HandedTo();

    // The later holder may be named before a relative clause: "Ben Ode, who took over from Ana Ruiz".
    private const string Who = @"(?:,\s+who(?:\s+had)?)?";

    [GeneratedRegex(@"(?<b>" + Name + @")" + Who + @"\s+(took\s+over|inherited)\b" + Clause + @"\bfrom\s+(?<a>" + Name + ")")]
    private static partial Regex TookOverFrom();

    [GeneratedRegex(@"(?<b>" + Name + @")" + Who + @"\s+(succeeded|replaced)\s+(?<a>" + Name + ")")]
    private static partial Regex Succeeded();

    [GeneratedRegex(@"(?<a>" + Name + @")\s+(was|is|has\s+been)\s+(succeeded|replaced)\s+by\s+(?<b>" + Name + ")")]
    private static partial Regex SucceededBy();

    // "The board named X, its deputy, as director", "X was appointed chair": X took a role from someone unnamed, so X is the
    // later holder (an empty earlier side): an answer to "who will replace X?" that only says so answers something else.
    [GeneratedRegex(@"\b(named|appointed|promoted|hired|chose|picked|elected)\s+(?<b>" + Name + @")(?:,[^,;.]{1,80},)?\s+(as|to\s+be|to\s+the\s+(post|role|job)\s+of)\b(?<a>)")]
    private static partial Regex Appointed();

    [GeneratedRegex(@"(?<b>" + Name + @")(?:,[^,;.]{1,80},)?\s+(was|is|has\s+been|had\s+been)\s+(named|appointed|promoted|elected)\b(?<a>)")]
    private static partial Regex WasAppointed();

    // "Who did X succeed / replace / take over from?": X's predecessor.
    [GeneratedRegex(@"\bwho(m)?\s+did\s+.+\b(succeed|replace|take\s+over\s+from|follow)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DidSucceed();

    [GeneratedRegex(@"\b(before|preceded|predecessor|prior\s+to|ahead\s+of)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AskedBefore();

    [GeneratedRegex(@"\b(after|succeeded|successor|replaced|took\s+over|followed|(will|would|is\s+going\s+to)\s+(replace|succeed|take\s+over)|replacing|succeeding|taking\s+over)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AskedAfter();
}
