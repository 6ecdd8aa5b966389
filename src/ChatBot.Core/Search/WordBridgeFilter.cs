using System.Collections.Frozen;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChatBot.Core.Search;

/// <summary>
/// General-English bridges between the words a question is typed in and the words a text is written in, applied to
/// lower-case tokens before stemming, on both sides (index and question), so BM25, answer coverage and the corpus
/// vocabulary all see one word. Three small kinds, each a fact of English rather than of any corpus:
/// <list type="bullet">
/// <item>casual and clipped spellings people type ("ppl" = people, "govt" = government, "yrs" = years);</item>
/// <item>a quarter's short name, written out ("Q2" = "second quarter"), as reports and transcripts write both;</item>
/// <item>the noun, verb and adjective of one fact that the stemmer keeps apart, and nouns for one thing ("death", "dead" =
/// die; "sick" = ill; "headcount", "workforce" = employees; "stock" = shares, as market reports write either).</item>
/// </list>
/// A link joins words that say the same thing in any text; one whose words often mean something else is left out: "min"
/// (minute or minimum), "hr" (hours or human resources), "app", "auth", the verb "employ" (as often "use": "employs a
/// sensor"), "staff" (no train figure moved with it). To refit: a link is kept only when the
/// train files gain and no unanswerable question (trap) is answered because of it (docs/retrieval.md, round 12).
/// </summary>
public sealed class WordBridgeFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _position;
    private string? _pending;

    public WordBridgeFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    /// <summary>Word → the word (or words, space-separated) it is read as ("target: words" groups, read once).</summary>
    internal static readonly FrozenDictionary<string, string> Bridges = WordTable.Parse(
        // casual and clipped spellings
        "people: ppl | government: govt gov't | department: dept depts | year: yr yrs | hour: hrs | week: wk wks | " +
        "manager: mgr | approximately: approx | please: pls plz | about: abt | through: thru | " +
        "you: u | your: ur | international: intl | " +
        "configuration: config configs | environment: env | variable: var vars | repository: repo repos | directory: dir dirs | " +
        "administrator: admin admins | " +
        // quarters of a (financial) year
        "first quarter: q1 | second quarter: q2 | third quarter: q3 | fourth quarter: q4 | " +
        // one fact as noun, verb or adjective
        "die: death deaths dead | employees: workforce headcount | ill: sick sickness | " +
        "shares: stock stocks");

    public override bool IncrementToken()
    {
        if (_pending is not null)
        {
            // The second word of a written-out link ("quarter" of "second quarter"), at the next position.
            _term.SetEmpty().Append(_pending);
            _position.PositionIncrement = 1;
            _pending = null;
            return true;
        }
        if (!m_input.IncrementToken()) return false;
        if (_term.Length > 10 || !Bridges.TryGetValue(_term.ToString(), out var target)) return true;
        var space = target.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0) _term.SetEmpty().Append(target);
        else
        {
            _term.SetEmpty().Append(target[..space]);
            _pending = target[(space + 1)..];
        }
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _pending = null;
    }
}
