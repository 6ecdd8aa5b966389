using System.Text;
using ChatBot.Core.Search;
using ChatBot.Core.Text;

namespace ChatBot.Core.Answering;

/// <summary>One unit of the corpus as answering sees it: where it is, and whether another document already has it.</summary>
public sealed record CorpusUnit(string Source, AnalyzedSentence Unit, bool Repeated);

/// <summary>
/// What answering needs of a snapshot beyond the chunk indexes, built once per snapshot: every unit
/// that can be quoted, which term occurs in which units (to find every mention of a subject), and which
/// units merely repeat a unit of an earlier document (a republished excerpt), so the same sentence is
/// never quoted twice.
/// </summary>
public sealed class AnswerIndex
{
    private readonly Dictionary<string, List<int>> _postings = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, int), int> _byPosition;

    private AnswerIndex(IndexSnapshot snapshot)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var units = new List<CorpusUnit>();
        // Originals first, so the repeated copy is the one in the near-duplicate document.
        foreach (var document in snapshot.Documents.OrderBy(d => d.DuplicateOf is null ? 0 : 1).ThenBy(d => d.Source, StringComparer.Ordinal))
        {
            foreach (var unit in snapshot.Analysis(document.Source).Sentences)
            {
                var key = Normalise(unit.Text);
                var repeated = key.Length > 20 && !seen.Add(key);
                units.Add(new CorpusUnit(document.Source, unit, repeated));
            }
        }
        Units = units;
        _byPosition = units.Select((u, i) => (u, i)).ToDictionary(x => (x.u.Source, x.u.Unit.Index), x => x.i);
        for (var i = 0; i < units.Count; i++)
        {
            if (!units[i].Unit.IsAnswerable || units[i].Repeated) continue;
            foreach (var t in units[i].Unit.Terms)
            {
                if (!_postings.TryGetValue(t, out var list)) _postings[t] = list = [];
                list.Add(i);
            }
        }
        Originals = snapshot.Documents.Where(d => d.DuplicateOf is null).Select(d => d.Source).ToList();
    }

    public static AnswerIndex For(IndexSnapshot snapshot) => snapshot.Derived(s => new AnswerIndex(s));

    /// <summary>Every unit of every document (originals first).</summary>
    public IReadOnlyList<CorpusUnit> Units { get; }

    /// <summary>The unit at a document's unit index.</summary>
    public CorpusUnit? Find(string source, int index) => _byPosition.TryGetValue((source, index), out var i) ? Units[i] : null;

    /// <summary>Sources of the documents that are not near-duplicates of another.</summary>
    public IReadOnlyList<string> Originals { get; }

    /// <summary>Quotable units (not headings or code, not repeated) that hold every one of <paramref name="terms"/>.</summary>
    public IEnumerable<CorpusUnit> WithAll(IReadOnlyCollection<string> terms)
    {
        if (terms.Count == 0) return [];
        IEnumerable<int>? ids = null;
        foreach (var t in terms)
        {
            var list = _postings.GetValueOrDefault(t) ?? [];
            ids = ids is null ? list : ids.Intersect(list);
        }
        return (ids ?? []).Select(i => Units[i]);
    }

    /// <summary>Quotable units that hold any of <paramref name="terms"/>.</summary>
    public IEnumerable<CorpusUnit> WithAny(IEnumerable<string> terms) =>
        terms.SelectMany(t => _postings.GetValueOrDefault(t) ?? []).Distinct().Select(i => Units[i]);

    /// <summary>Letters and digits only, folded: "wasn’t" and "wasn't" are the same sentence.</summary>
    public static string Normalise(string text)
    {
        var folded = TextFolding.Fold(text);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded) if (char.IsLetterOrDigit(c)) sb.Append(c);
        return sb.ToString();
    }
}
