using System.Text.RegularExpressions;
using ChatBot.Core.Search;

namespace ChatBot.Core.Answering;

/// <summary>
/// The ways English writes the same job title: an abbreviation and its spelled-out forms ("CFO", "chief financial
/// officer", "finance chief"). A question names a role one way and a sentence another ("who is the firm's CFO?" over
/// "A. Okoro, our chief financial officer"), and neither the corpus's own initials (<see cref="CorpusVocabulary.Aliases"/>:
/// a news report writes "chief executive" in lower case, so it coins no "CEO") nor the stemmer relate them. The table is
/// general English, a short list of common titles; it says nothing of any corpus. A form is only used where the corpus
/// writes every one of its words.
/// </summary>
public static partial class RoleTitles
{
    /// <summary>
    /// Each line one title: its forms, separated by "|". Abbreviations come first; the first spelled-out form is the one an
    /// abbreviation is read as when the corpus never writes the abbreviation. Synonyms that also name other posts are left
    /// out ("finance director" is a CFO in one firm and a department head in another; "head" and "boss" name any post).
    /// </summary>
    private const string Table = """
        ceo | chief executive officer | chief executive
        cfo | chief financial officer | chief finance officer | finance chief
        coo | chief operating officer | operations chief
        cto | chief technology officer | chief technical officer
        cio | chief information officer
        cmo | chief marketing officer
        gm | general manager
        vp | vice president | vice-president
        evp | executive vice president
        svp | senior vice president
        chair | chairman | chairwoman | chairperson
        spokesperson | spokesman | spokeswoman
        """;

    /// <summary>Every title: its forms as written in the table and as analysed terms ("chief financial officer" → chief, financi, offic).</summary>
    private static readonly IReadOnlyList<(string[] Written, IReadOnlyList<IReadOnlyList<string>> Forms)> Titles = Table
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
        .Select(written => (written, (IReadOnlyList<IReadOnlyList<string>>)written.Select(f => (IReadOnlyList<string>)SearchAnalyzer.Shared.Terms(f)).ToList()))
        .ToList();

    /// <summary>
    /// The titles a question names: for each, the form it uses (its analysed terms) and the other forms whose every term
    /// <paramref name="knows"/> (the corpus writes them). A title none of whose other forms the corpus writes is left out.
    /// </summary>
    public static IReadOnlyList<TitleForms> In(string question, Func<string, bool> knows)
    {
        var terms = SearchAnalyzer.Shared.Terms(question);
        var found = new List<TitleForms>();
        foreach (var (_, title) in Titles)
        {
            // The longest form the question writes ("chief executive officer" before "chief executive").
            var asked = title.Where(f => Contains(terms, f)).OrderByDescending(f => f.Count).FirstOrDefault();
            if (asked is null) continue;
            var others = title.Where(f => !ReferenceEquals(f, asked) && !f.SequenceEqual(asked) && f.All(knows)).ToList();
            if (others.Count > 0) found.Add(new TitleForms(asked, others));
        }
        return found;
    }

    /// <summary>
    /// The question with each abbreviated title followed by its spelled-out form ("who is the CFO?" → "who is the CFO (chief
    /// financial officer)?"), for embedding: the small model reads the words better than the initials.
    /// </summary>
    public static string WithSpelledOut(string question) => Word().Replace(question, m =>
    {
        if (SearchAnalyzer.Shared.Terms(m.Value) is not [var t]) return m.Value;
        foreach (var (written, forms) in Titles)
            if (forms is [[var abbreviation], { Count: > 1 }, ..] && abbreviation == t && !question.Contains(written[1], StringComparison.OrdinalIgnoreCase))
                return $"{m.Value} ({written[1]})";
        return m.Value;
    });

    /// <summary>Whether a sequence of analysed terms holds a phrase's terms one after another.</summary>
    internal static bool Contains(IReadOnlyList<string> terms, IReadOnlyList<string> phrase)
    {
        for (var i = 0; i + phrase.Count <= terms.Count; i++)
        {
            var all = true;
            for (var j = 0; j < phrase.Count && all; j++) all = terms[i + j] == phrase[j];
            if (all) return true;
        }
        return false;
    }

    // A word that may be an abbreviation; not part of a file name or address ("notes.md").
    [GeneratedRegex(@"(?<![\p{L}.])\p{L}{2,5}(?!\p{L}|\.\p{L})")]
    private static partial Regex Word();
}

/// <summary>A title a question names: the form it uses (<see cref="Asked"/>, analysed terms) and the other forms the corpus writes.</summary>
public sealed record TitleForms(IReadOnlyList<string> Asked, IReadOnlyList<IReadOnlyList<string>> Others);
