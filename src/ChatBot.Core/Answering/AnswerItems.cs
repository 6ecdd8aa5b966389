using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ChatBot.Core.Corpus;
using ChatBot.Core.Quiz;
using ChatBot.Core.Search;

namespace ChatBot.Core.Answering;

/// <summary>A thing of one kind found in a sentence: a person's name, a number with its unit, a date, a place, an organisation.</summary>
public sealed record AnswerItem(AnswerType Type, string Text, int Start, int Length)
{
    public int End => Start + Length;

    /// <summary>
    /// The sentence says this value was replaced: "8420, not 8080", "changed from 30 to 60", "was 5 before 2.0",
    /// "instead of 10", "formerly 3.8". Such a value answers "what was it before", not "what is it".
    /// </summary>
    public bool Superseded { get; init; }

    /// <summary>
    /// The item is a person a role stands for ("the finance lead" where a table of people gives that role one holder): it
    /// answers who for its own sentence, but a neighbour holding only such an item is no completion of another sentence.
    /// </summary>
    public bool ByRole { get; init; }

    private readonly AnswerType _type = Type;
    private readonly string _text = Text;

    public AnswerType Type { get => _type; init { _type = value; Measure = MeasureFor(value, _text); } }

    public string Text { get => _text; init { _text = value; Measure = MeasureFor(_type, value); } }

    /// <summary>
    /// What a number measures, from its written shape: money ("£21.40", "40 dollars"), a percentage, a size ("10 KB"), a
    /// span of time ("six hours"). Computed when the item is made (or its text or type changed by <c>with</c>), not on
    /// every read: the ranker asks it of every item of every candidate.
    /// </summary>
    public Measure Measure { get; private init; } = MeasureFor(Type, Text);

    private static Measure MeasureFor(AnswerType type, string? text) =>
        type == AnswerType.Number && text is not null ? AnswerItems.MeasureOf(text) : Measure.None;
}

/// <summary>What a number measures, as far as its written shape says (<see cref="AnswerItem.Measure"/>).</summary>
public enum Measure { None, Money, Percent, Size, Time }

/// <summary>
/// Finds the items an answer can lead with in a corpus's sentences. Names and what each one is come
/// from the corpus itself (<see cref="CorpusNames"/>: who it quotes, titles, "in X", "X, the …",
/// organisation head words); numbers and dates from their written shapes. Computed once per unit and
/// snapshot.
/// </summary>
public sealed partial class AnswerItems
{
    private readonly CorpusNames _names;
    private readonly ConcurrentDictionary<(string, int), IReadOnlyList<AnswerItem>> _cache = new();

    private AnswerItems(CorpusNames names, IReadOnlyList<CorpusUnit> units, Func<string, string?>? documentDate = null)
    {
        _names = names;
        _documentDate = documentDate ?? (_ => null);
        _replaced = new Lazy<IReadOnlySet<string>>(() => units
            .SelectMany(u => In(u.Source, u.Unit)).Where(i => i.Superseded && IsDistinctive(i)).Select(i => Key(i.Text))
            .ToHashSet(StringComparer.Ordinal));
        PersonTerms = names.All(QuizAnswerKind.Person).SelectMany(n => SearchAnalyzer.Shared.Terms(n)).ToHashSet(StringComparer.Ordinal);
        _tableRoles = new Lazy<IReadOnlyDictionary<string, string>>(() => TableRoles(units));
    }

    private readonly Lazy<IReadOnlyDictionary<string, string>> _tableRoles;
    private readonly ConcurrentDictionary<(string, int), IReadOnlyList<AnswerItem>> _roleCache = new();

    /// <summary>
    /// Roles a table of people gives their holders ("Name: A. Okoro; Role: Finance lead, payroll officer" → "finance lead" and
    /// "payroll officer" are A. Okoro's), lower case: the cells beside a cell that holds nothing but a person's name,
    /// split at commas and "and" (a cell may list two roles), each of two to six words with no digit. A role two rows give
    /// different holders says no one in particular, and goes.
    /// </summary>
    private IReadOnlyDictionary<string, string> TableRoles(IReadOnlyList<CorpusUnit> units)
    {
        var holders = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var u in units.Where(u => u.Unit.Kind == BlockKind.TableRow && !u.Repeated))
        {
            var text = u.Unit.Text;
            var cells = TableText.Cells(text);
            if (cells.Count < 2) continue;
            var people = In(u.Source, u.Unit).Where(i => i.Type == AnswerType.Person).ToList();
            var nameCell = cells.Select(c => (Cell: c, Person: people.FirstOrDefault(p => p.Start >= c.ValueStart && p.End <= c.ValueEnd)))
                .FirstOrDefault(x => x.Person is not null && text[x.Cell.ValueStart..x.Cell.ValueEnd].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= x.Person.Text.Split(' ').Length + 1);
            if (nameCell.Person is null) continue;
            foreach (var cell in cells.Where(c => c != nameCell.Cell))
                foreach (var role in RoleSplit().Split(text[cell.ValueStart..cell.ValueEnd]))
                {
                    var r = role.Trim().TrimEnd('.').ToLowerInvariant();
                    var words = r.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                    if (words is < 2 or > 6 || r.Any(char.IsDigit)) continue;
                    if (!holders.TryGetValue(r, out var set)) holders[r] = set = new HashSet<string>(StringComparer.Ordinal);
                    set.Add(nameCell.Person.Text);
                }
        }
        return holders.Where(kv => kv.Value.Count == 1).ToDictionary(kv => kv.Key, kv => kv.Value.First(), StringComparer.Ordinal);
    }

    // Where one table cell lists several roles: "Founder, head of finance", "Harbour pilot and radio operator".
    [GeneratedRegex(@",\s*|\s+and\s+|\s*;\s*")]
    private static partial Regex RoleSplit();

    /// <summary>
    /// "Invoices are approved by the finance lead": a role a table of people gives one holder (<see cref="TableRoles"/>),
    /// named with "the" in prose, stands for that person, as a role before a name does ("the finance lead, A. Okoro"). The
    /// item is the holder's name, placed where the role stands.
    /// </summary>
    internal IReadOnlyList<AnswerItem> TableRoleHolders(string source, AnalyzedSentence unit) =>
        _roleCache.GetOrAdd((source, unit.Index), _ =>
        {
            var roles = _tableRoles.Value;
            if (roles.Count == 0 || unit.Kind == BlockKind.TableRow) return [];
            var items = new List<AnswerItem>();
            var text = unit.Text;
            foreach (var (role, name) in roles)
            {
                for (var at = text.IndexOf(role, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(role, at + 1, StringComparison.OrdinalIgnoreCase))
                {
                    var end = at + role.Length;
                    if (end < text.Length && char.IsLetterOrDigit(text[end]) || !TheBefore().IsMatch(text[..at])) continue;
                    if (!items.Any(i => i.Start < end && at < i.End)) items.Add(new AnswerItem(AnswerType.Person, name, at, role.Length) { ByRole = true });
                }
            }
            return items;
        });

    // "… by the finance lead", "The harbour pilot …": a role named with the definite article.
    [GeneratedRegex(@"(^|\W)the\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex TheBefore();

    /// <summary>Every analysed word of a person's name in the corpus ("what did X say" asks for X's words).</summary>
    public IReadOnlySet<string> PersonTerms { get; }

    public CorpusNames Names => _names;

    /// <summary>The finder of a snapshot (built on first use).</summary>
    public static AnswerItems For(IndexSnapshot snapshot) =>
        snapshot.Derived(s => new AnswerItems(new CorpusNames(QuizCorpus.From(s)), AnswerIndex.For(s).Units, source => s.FindDocument(source)?.Metadata.Date));

    private readonly Func<string, string?> _documentDate;
    private readonly ConcurrentDictionary<string, int?> _documentYear = new(StringComparer.Ordinal);

    /// <summary>The year a document is dated (its metadata's date), or null when it has none.</summary>
    private int? DocumentYear(string source) => _documentYear.GetOrAdd(source, s =>
        _documentDate(s) is { } date && YearIn().Match(date) is { Success: true } m ? Year(m) : null);

    /// <summary>
    /// Whether a date can answer a question about what will happen ("when will the ferries be delivered?"): not when every
    /// year it names is before the year its document is dated ("the ferries it replaces were built in 2014", in minutes of
    /// 2031). What the document tells as past is no date of a thing still to come. Questions not about the future, documents
    /// without a date, and dates naming no year all fit.
    /// </summary>
    internal bool FitsFuture(string source, AnswerItem item, QuestionAnalysis question)
    {
        if (item.Type is not (AnswerType.Date or AnswerType.Time) || !question.AsksFuture || DocumentYear(source) is not { } written) return true;
        var years = YearIn().Matches(item.Text).Select(Year).ToList();
        return years.Count == 0 || years.Any(y => y >= written);
    }

    /// <summary>Every item of every type in a unit.</summary>
    public IReadOnlyList<AnswerItem> In(string source, AnalyzedSentence unit) =>
        _cache.GetOrAdd((source, unit.Index), _ => Find(unit));

    /// <summary>
    /// Items of <paramref name="type"/> in a unit that the question does not already name. A value the corpus
    /// says was replaced (<see cref="IsOld"/>) counts only when the question asks for the value before a change.
    /// </summary>
    public IEnumerable<AnswerItem> NewItems(string source, AnalyzedSentence unit, AnswerType type, QuestionAnalysis question, bool includeOld = false) =>
        In(source, unit).Concat(type == AnswerType.Person ? RoleHolder(source, unit, question).Concat(TableRoleHolders(source, unit)) : []).Where(i => Matches(i, type) && IsNew(i, question) && (includeOld || question.AsksForOld || !IsOld(i)) && Fits(i, question.Measure) && FitsYears(i, question) && FitsFuture(source, i, question) && (type != AnswerType.Date || !TimeOfNamedDate(source, unit, i, question)) && (!question.Measure.Interval || Recurs().IsMatch(unit.Text)));

    /// <summary>
    /// "Who is the head buyer?" over "The head buyer is the Corner Shop, a bakery.": a copula sentence whose
    /// subject ends with the role the question asks about names the role's holder, whatever kind of name follows (a firm,
    /// a shop, a ship), so its capitalised complement counts as the person asked for. Nothing is added when a person's
    /// name already follows the copula.
    /// </summary>
    internal IEnumerable<AnswerItem> RoleHolder(string source, AnalyzedSentence unit, QuestionAnalysis question)
    {
        var text = unit.Text;
        if (AskedRole().Match(question.Text) is not { Success: true } asked) yield break;
        var role = SearchAnalyzer.Shared.Terms(asked.Groups["r"].Value);
        if (role.Count == 0) yield break;
        foreach (Match m in RoleCopula().Matches(text))
        {
            var subject = SearchAnalyzer.Shared.Terms(string.Join(' ', text[..m.Index].Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(5)));
            if (subject.Count == 0 || subject[^1] != role[^1] || !role.All(subject.Contains)) continue;
            var c = m.Groups["c"];
            if (In(source, unit).Any(i => i.Type == AnswerType.Person && i.Start >= c.Index && i.Start <= c.Index + c.Length)) continue;
            yield return new AnswerItem(AnswerType.Person, c.Value, c.Index, c.Length);
        }
    }

    // "who is / was / 's the lead buyer (in the case)?": the role is the words after the determiner, before a preposition.
    [GeneratedRegex(@"^\s*who(?:\s+(?:is|was|are|were)|['’]s)\s+(?:the|an?|[\p{L}\-]+['’]s)\s+(?<r>[\p{L}\-]+(?:\s+[\p{L}\-]+){0,3}?)\s*(?:\b(?:of|in|at|for|on|behind|to|with|from)\b[^?]*)?[?.!\s]*$", RegexOptions.IgnoreCase)]
    private static partial Regex AskedRole();

    // "… is the Corner Shop", "… was Acme Bakers Ltd": a copula and a capitalised complement (a name, "of" / "and" inside).
    [GeneratedRegex(@"\b(?:is|was)\s+(?<c>(?:the\s+)?\p{Lu}[\p{L}\-’']*(?:\s+\p{Lu}[\p{L}\-’']*|\s+(?:of|and|&)\s+\p{Lu}[\p{L}\-’']*){0,5})")]
    private static partial Regex RoleCopula();

    /// <summary>
    /// Whether a number is of the measure asked: "how much does it cost" wants money, "what percentage" a percentage,
    /// "how many hours" a count of hours (not "£21.40 an hour"), "how big" a size. Other items, and questions that name
    /// no measure, always fit.
    /// </summary>
    public static bool Fits(AnswerItem item, AskedMeasure asked)
    {
        if (item.Type != AnswerType.Number || asked.Measure is null && asked.CountOf is null) return true;
        var m = item.Measure;
        if (asked.Measure is { } want) return m == want;
        // A count: never money or a share; a count of a time unit is a span of time.
        if (m is Measure.Money or Measure.Percent) return false;
        return !TimeUnits.Contains(asked.CountOf!) || m == Measure.Time;
    }

    /// <summary>
    /// Whether a date is in the year the question fixes ("which month of 2032", "when in 2032 did …"): a date that names
    /// only other years ("9 June 2033") tells when something else happened, however well its sentence matches. A date
    /// naming no year ("in March"), a span covering the year ("2030 to 2034", "2031-33"), and every other item fit.
    /// </summary>
    internal static bool FitsYears(AnswerItem item, QuestionAnalysis question)
    {
        if (item.Type is not (AnswerType.Date or AnswerType.Time)) return true;
        var fixedYears = question.FixedYears;
        if (fixedYears.Count == 0) return true;
        var own = new List<int>();
        foreach (Match m in YearIn().Matches(item.Text))
        {
            var year = Year(m);
            own.Add(year);
            // "2031-33": a span to the year the two digits name, in the same century.
            if (m.Groups["e"].Success) own.Add(year / 100 * 100 + int.Parse(m.Groups["e"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return own.Count == 0 || fixedYears.Any(y => own.Contains(y) || own.Count > 1 && y > own.Min() && y < own.Max());
    }

    private static int Year(Match m) => int.Parse(m.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);

    // A year in an item's text, with a two-digit end of a span after it ("2031-33").
    [GeneratedRegex(@"(?<![\d.])(?<y>(1[6-9]|20)\d{2})(?!\d)([\-–/](?<e>\d{2})(?!\d))?")]
    private static partial Regex YearIn();

    /// <summary>
    /// "When is the meeting after the one on 13 May?" over "The next meeting will be held on 13 May at 14:00": a time of day
    /// right after a date the question names is the hour of that same day, no other date.
    /// </summary>
    private bool TimeOfNamedDate(string source, AnalyzedSentence unit, AnswerItem item, QuestionAnalysis question)
    {
        if (item.Type != AnswerType.Time) return false;
        var date = In(source, unit).LastOrDefault(d => d.Type == AnswerType.Date && d.End <= item.Start);
        return date is not null && !IsNew(date, question) && DateTimeJoin().IsMatch(unit.Text[date.End..item.Start]);
    }

    [GeneratedRegex(@"^\s*(,|at|from|,\s*at)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DateTimeJoin();

    /// <summary>
    /// Whether a bare year the date pattern found is part of a code, not a date: "Motion 2031-19", "QX-2031-04", a
    /// number after it that ends no span ("2031-32") and is no month ("2031-03"), or a capitalised code before it.
    /// </summary>
    internal static bool IsYearInCode(string text, int start, int length)
    {
        if (length != 4 || text.AsSpan(start, 4).ContainsAnyExceptInRange('0', '9')) return false;
        if (CodePrefix().IsMatch(text[..start])) return true;
        if (CodeSuffix().Match(text, start + 4) is not { Success: true } after) return false;
        var digits = after.Groups["d"].Value;
        var year = int.Parse(text.AsSpan(start, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
        var value = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        return digits.Length == 2 ? value <= year % 100 && value is < 1 or > 12 : digits.Length != 4 || value <= year;
    }

    // "QX-2031", "FY/2031": a code of capitals joined to the year by a hyphen or a slash.
    [GeneratedRegex(@"\b\p{Lu}{1,6}[\-/]$")]
    private static partial Regex CodePrefix();

    [GeneratedRegex(@"\G[\-–/](?<d>\d+)(?![\d.])")]
    private static partial Regex CodeSuffix();

    // "How often": the sentence says the span recurs ("every 5 minutes", "repeat_every … 30m", "twice a week", "interval").
    [GeneratedRegex(@"(\b|_)(every|each|per|interval|intervals|repeat\w*|frequen\w*|once|twice|times\s+(a|per))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Recurs();

    /// <summary>Analysed forms of the units of time ("hours" → "hour").</summary>
    internal static readonly IReadOnlySet<string> TimeUnits = new HashSet<string>(StringComparer.Ordinal)
    {
        "second", "minut", "hour", "dai", "week", "month", "year", "decad", "ms", "s", "h", "m", "d", "min", "hr", "hrs", "sec", "secs", "mins",
    };

    /// <summary>The measure of a number item's text (see <see cref="AnswerItem.Measure"/>).</summary>
    public static Measure MeasureOf(string text)
    {
        if (text.Length > 0 && text[0] is '$' or '€' or '£') return Measure.Money;
        var unit = UnitWord().Match(text);
        if (!unit.Success) return Measure.None;
        var u = unit.Groups["u"].Value.ToLowerInvariant();
        if (u is "%" or "percent" or "per cent") return Measure.Percent;
        if (u is "dollars" or "dollar" or "pounds" or "euros" or "euro" or "pence" or "cents" or "usd" or "gbp" or "eur") return Measure.Money;
        if (u.EndsWith('b') && u.Length <= 3 || u.StartsWith("byte", StringComparison.Ordinal) || u.EndsWith("bytes", StringComparison.Ordinal)) return Measure.Size;
        return SearchAnalyzer.Shared.Terms(u) is [var t] && TimeUnits.Contains(t) || TimeUnits.Contains(u) ? Measure.Time : Measure.None;
    }

    // The unit after a number's digits or number word: "%", "percent", "KB", "hours", "dollars".
    [GeneratedRegex(@"(?:(?<=\d)|\s)(?<u>%|per\s+cent|\p{L}+)\s*$")]
    private static partial Regex UnitWord();

    private readonly Lazy<IReadOnlySet<string>> _replaced;

    /// <summary>
    /// Values some sentence of the corpus says were replaced ("the default port is 8420, not 8080"), when
    /// distinctive enough to mean the same thing wherever they occur: at least three digits, or a dotted version.
    /// "Set port = 8080" elsewhere then names the old value too. Small numbers ("from 2 to 3 nodes") stay local
    /// to their sentence: a 2 elsewhere is most likely another thing.
    /// </summary>
    public IReadOnlySet<string> ReplacedValues => _replaced.Value;

    /// <summary>Whether an item is a value the corpus says was replaced: in its own sentence, or anywhere for a distinctive value.</summary>
    public bool IsOld(AnswerItem item) =>
        item.Superseded || item.Type is AnswerType.Number or AnswerType.Version && IsDistinctive(item) && ReplacedValues.Contains(Key(item.Text));

    private static bool IsDistinctive(AnswerItem item) => item.Type is AnswerType.Number or AnswerType.Version
        && (item.Type == AnswerType.Version || item.Text.Count(char.IsDigit) >= 3);

    /// <summary>A value's number alone ("8,080 requests" → "8080"), so the same value matches whatever unit word follows it.</summary>
    private static string Key(string text) =>
        LeadingNumber().Match(text) is { Success: true } m ? m.Value.Replace(",", "", StringComparison.Ordinal).TrimEnd('.') : text.ToLowerInvariant();

    [GeneratedRegex(@"\d[\d.,]*")]
    private static partial Regex LeadingNumber();

    /// <summary>
    /// The item is not something the question says itself: a name sharing none of its words with the
    /// question ("Ana X" is the X the question names), a number or date not all in the question.
    /// </summary>
    public static bool IsNew(AnswerItem item, QuestionAnalysis question)
    {
        var terms = SearchAnalyzer.Shared.Terms(item.Text);
        if (terms.Count == 0) return !question.Text.Contains(item.Text, StringComparison.OrdinalIgnoreCase);
        bool InQuestion(string t) => question.Terms.Contains(t) || question.NameTerms.Contains(t) || question.Corrections.ContainsKey(t);
        return item.Type is AnswerType.Person or AnswerType.Organization or AnswerType.Place
            ? !terms.Any(InQuestion)
            : terms.Any(t => !InQuestion(t));
    }

    /// <summary>
    /// A version ("4.1.2") is a number too, and a bare whole number may be a version ("Harbourdb 11 or later (12 is
    /// recommended)"); a person must be named (a role such as "the head of X" says who only in part).
    /// </summary>
    private static bool Matches(AnswerItem item, AnswerType asked) =>
        item.Type == asked || asked == AnswerType.Number && item.Type == AnswerType.Version
        || asked == AnswerType.Version && item.Type == AnswerType.Number && item.Text.All(char.IsAsciiDigit)
        // "when does it open?" is answered by a time as by a date; "what time?" by a date only when it holds one ("Sundays, 9:00 to 17:00").
        || asked == AnswerType.Date && item.Type == AnswerType.Time
        || asked == AnswerType.Time && item.Type == AnswerType.Date && ClockTimeIn().IsMatch(item.Text);

    private List<AnswerItem> Find(AnalyzedSentence unit)
    {
        var text = unit.Text;
        var items = new List<AnswerItem>();
        foreach (var run in _names.Runs(text))
        {
            var kind = _names.KindOf(run.Text) ?? (run.Text.Contains(' ') ? null : _names.KindOf(CorpusNames.Surname(run.Text)));
            var type = kind switch
            {
                QuizAnswerKind.Person => AnswerType.Person,
                QuizAnswerKind.Organization => AnswerType.Organization,
                QuizAnswerKind.Place => AnswerType.Place,
                _ => (AnswerType?)null,
            };
            if (type is null && (CorpusNames.IsAcronym(run.Text) || CorpusNames.HasOrganisationHead(run.Text))) type = AnswerType.Organization;
            // "joined in 2017 from Acme Rail", "spent nine years at Northfield Works": a name someone worked at is an employer,
            // though "from" and "at" otherwise place it (and the corpus's names read it as a place for that reason).
            if (type is null or AnswerType.Place && EmployerBefore().IsMatch(text[..run.Start])) type = AnswerType.Organization;
            if (type is null && Locative().IsMatch(text[..run.Start])) type = AnswerType.Place;
            // "an official told Nordic Wire", "according to Bloomberg": a name the corpus does not know as a person, told or cited, is an outlet.
            if (type is null && ToldOrCited().IsMatch(text[..run.Start])) type = AnswerType.Organization;
            // "a contract with Acme Rail", "built by Northfield Works": a name the corpus does not know as a person, that a
            // contract is made with or a thing is built or supplied by, is a company.
            if (type is null && CorpusNames.MakerBefore().IsMatch(text[..run.Start])) type = AnswerType.Organization;
            if (type is { } t) items.Add(new AnswerItem(t, run.Text, run.Start, run.Length));
        }
        if (unit.Speaker is { } speaker && !items.Any(i => i.Type == AnswerType.Person && speaker.EndsWith(i.Text.Split(' ')[^1], StringComparison.Ordinal)))
        {
            var at = text.IndexOf(speaker, StringComparison.Ordinal);
            if (at >= 0) items.Add(new AnswerItem(AnswerType.Person, speaker, at, speaker.Length));
            // "“…,” she said" after a sentence that names her: the speaker stands where the pronoun does.
            else if (unit.SpeakerInherited && DocumentAnalysis.PronounAttributionIndex(text) is >= 0 and var pronoun)
                items.Add(new AnswerItem(AnswerType.Person, speaker, pronoun, text.IndexOf(' ', pronoun) is > 0 and var end ? end - pronoun : 0));
        }
        foreach (Match m in Location().Matches(text)) items.Add(new AnswerItem(AnswerType.Place, m.Value.TrimEnd('.', ',', ';', ')'), m.Index, m.Length));
        foreach (Match m in DatePattern().Matches(text))
        {
            if (IsYearInCode(text, m.Index, m.Length)) continue;
            // A clock time alone ("6:30 a.m.", "noon") is a time of day, which "what time" asks for and a date does not give.
            var type = ClockTime().IsMatch(m.Value.Trim()) ? AnswerType.Time : AnswerType.Date;
            // "Monday to Friday, 9:30 to 16:30": a range (and the days with their hours) is one item, not its first end; a
            // date with its hours stays a date.
            if (items.Count > 0 && items[^1] is { Type: AnswerType.Date or AnswerType.Time } last && last.End <= m.Index && DateJoin().IsMatch(text[last.End..m.Index]))
            {
                items[^1] = last with
                {
                    Type = last.Type == AnswerType.Time && type == AnswerType.Time ? AnswerType.Time : AnswerType.Date,
                    Text = text[last.Start..(m.Index + m.Length)].Trim(), Length = m.Index + m.Length - last.Start,
                };
                continue;
            }
            items.Add(new AnswerItem(type, m.Value.Trim(), m.Index, m.Length));
        }
        // "voted 7-4", "carried, 5 to 2", "In favour (7)", "a unanimous vote": the tally a vote question asks for, whose numbers
        // count nothing on their own.
        foreach (Match m in TallyPattern().Matches(text))
        {
            var tally = m.Groups["t"];
            items.Add(new AnswerItem(AnswerType.Tally, tally.Value, tally.Index, tally.Length));
        }
        foreach (Match m in NumberPattern().Matches(text))
        {
            if (items.Any(i => i.Type is AnswerType.Date or AnswerType.Time or AnswerType.Tally && m.Index >= i.Start && m.Index < i.End)) continue;
            var value = m.Groups["n"].Value + m.Groups["s"].Value;
            if (m.Groups["u"].Success && !QuizText.FunctionWords.Contains(m.Groups["u"].Value.ToLowerInvariant()))
                value = text.Substring(m.Index, m.Groups["u"].Index + m.Groups["u"].Length - m.Index);
            items.Add(new AnswerItem(AnswerType.Number, value, m.Index, value.Length));
        }
        foreach (Match m in Age().Matches(text)) items.Add(new AnswerItem(AnswerType.Age, m.Value, m.Index, m.Length));
        foreach (Match m in Identifier().Matches(text)) items.Add(new AnswerItem(AnswerType.Version, m.Groups["n"].Value, m.Groups["n"].Index, m.Groups["n"].Length));
        // "8. Ferry timetables", "2.1 The diploma": a heading's section number counts nothing ("how many ferry crossings" is not
        // answered "8"); a changelog's "5.2.1 (2030-10-08)" or "5.1.0 LTS" is no section number and stays its section's version.
        if (unit.Kind == BlockKind.Heading && SectionNumber().Match(text) is { Success: true } number)
            items.RemoveAll(i => i.Type is AnswerType.Number or AnswerType.Version && i.Start < number.Length);
        return items.Select(i => IsSupersededAt(text, i) ? i with { Superseded = true } : i).OrderBy(i => i.Start).ToList();
    }

    /// <summary>
    /// Whether the text says the value at an item was replaced: "not X" / "instead of X" / "rather than X" /
    /// "formerly X" / "previously X" / "replacing X" / "(was X)"; "from X to Y"; "was X before / until …".
    /// </summary>
    internal static bool IsSupersededAt(string text, AnswerItem item)
    {
        if (item.Start < 0 || item.End > text.Length) return false;
        var before = text[..item.Start];
        var after = text[item.End..];
        if (NegatedBefore().IsMatch(before)) return true;
        // "raised the limit from 12,000 to 14,000" replaces 12,000; "a request to raise it from 12,000 to 14,000" does not.
        if (FromBefore().IsMatch(before) && ToAfter().IsMatch(after)) return !Proposal().IsMatch(before);
        return WasBefore().IsMatch(before) && UntilAfter().IsMatch(after);
    }

    // … and "£6.20 (was £5.80)", a price list's way of giving the value before.
    [GeneratedRegex(@"\b(not|instead\s+of|rather\s+than|formerly|previously|replacing|replaces)\s+[`""'“‘(]?$|\(\s*(was|were)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex NegatedBefore();

    // A change asked for or put forward, not made: "a request to raise …", "proposed to cut …", "asked to move …".
    [GeneratedRegex(@"\b(request\w*|propos\w*|suggest\w*|asked|asking|wants?|wanted)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Proposal();

    [GeneratedRegex(@"\bfrom\s+[`""'“‘]?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromBefore();

    [GeneratedRegex(@"^[`""'”’]?\s+to\s", RegexOptions.IgnoreCase)]
    private static partial Regex ToAfter();

    [GeneratedRegex(@"\b(was|were|used\s+to\s+be)\s+[`""'“‘]?$", RegexOptions.IgnoreCase)]
    private static partial Regex WasBefore();

    [GeneratedRegex(@"^[`""'”’]?\s+(before|until|prior\s+to|in\s+versions?\s+before)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UntilAfter();

    /// <summary>
    /// The words before an employer's name, as English tells a career: "joined (the firm in 2017) from", "came to us from",
    /// "(nine) years at", "worked (as an engineer) at / for", "previously (deputy director) at", "a stint with".
    /// </summary>
    private const string EmployerCuePattern =
        @"\b(?:(?:join(?:s|ed|ing)?|came|comes|come|moved|moves|arrived|arrives|recruited|hired|poached)\b[^.;:]{0,40}?\bfrom"
        + @"|(?:work(?:s|ed|ing)?|employed|served|serving|stint|career|tenure|years?|previously|formerly|most\s+recently|before\s+that)(?:\s+(?:as\s+)?[^.;:,]{1,40}?)?\s+(?:at|with|for)"
        + @"|spent\s+[^.;:]{1,30}?\s+(?:at|with))\s+(?:the\s+)?";

    [GeneratedRegex(EmployerCuePattern + "$", RegexOptions.IgnoreCase)]
    private static partial Regex EmployerBefore();

    [GeneratedRegex(EmployerCuePattern + @"\p{Lu}")]
    private static partial Regex EmployerCue();

    /// <summary>Whether a text tells where someone worked: an employer cue (<see cref="EmployerCuePattern"/>) before a capitalised name.</summary>
    public static bool TellsEmployer(string text) => EmployerCue().IsMatch(text);

    [GeneratedRegex(@"\b(told|according\s+to|interview\s+with|reported\s+by|speaking\s+to|spoke\s+to|talked\s+to)\s+(the\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ToldOrCited();

    // At most two levels before a title word ("8. Timetables", "2.1 The diploma"); "5.1.0 LTS (2030-01-15)" is a release.
    [GeneratedRegex(@"^\s*\d+(\.\d+)?\.?\s+(?=\p{Lu}\p{Ll})")]
    private static partial Regex SectionNumber();

    [GeneratedRegex(@"^\s*(,|to|until|till|through|-|–|—|and)?\s*$")]
    private static partial Regex DateJoin();

    [GeneratedRegex(@"\b(in|at|from|near|across|inside|outside|to)\s+(the\s+)?$")]
    private static partial Regex Locative();

    // A number with its scale and unit: "$700 billion", "25,000", "20 per cent", "13 years", "15 minutes", "4.3 GB", "two business days",
    // "30m" / "7d" (a duration as configuration writes it). Not the end of a range or of a year span ("2031–32").
    [GeneratedRegex(@"(?<![\w/\-–—.:#])(?<n>[$€£]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[$€£]?\d+(?:\.\d+)?)(?![.:]\d)(?<s>\s*(?:%|percent\b|per\s+cent\b|million\b|billion\b|trillion\b|[KMGT]B\b|ms\b|s\b|h\b)|(?:min|m|d)\b)?(?:\s+(?<u>[a-z][a-z\-]*))?|\b(?<n>(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundreds|thousands|dozens|a\s+dozen|half|a\s+couple)(?:\s+(?:hundred|thousand|million|billion))?)\b(?:\s+(?<u>[a-z][a-z\-]*))?", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();

    // Where something is in a system: a file path ("/etc/app/app.toml"), a web address, a menu path ("Settings → Billing").
    [GeneratedRegex(@"(?<![\w.])(/[\w.\-]+){2,}|\bhttps?://\S+|\b[\w.\-]+\.(example|com|org|net|io)(/\S*)?\b|\b\p{Lu}[\p{L}]*(\s+\p{Lu}?[\p{L}]*)?\s*(→|>)\s*\p{Lu}[\p{L}]*")]
    private static partial Regex Location();

    // An age: "54 years old", "54-year-old", "aged 54", "age 54".
    [GeneratedRegex(@"\b\d{1,3}[\s\-]years?[\s\-]old\b|\b(aged?|age\s+of)\s+\d{1,3}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Age();

    // "version 4.2.1", "4.1.0", "port 8421": a version or port number is what "which version / port" asks for; a price
    // ("£21.40") or a share ("41.5%") is not.
    [GeneratedRegex(@"(?<![$€£])\b(?<n>\d+\.\d+(\.\d+)*)\b(?!\s*(%|percent\b|per\s+cent\b))")]
    private static partial Regex Identifier();

    // A time of day: "03:00", "6:30 a.m.", "7 p.m.", "9pm", "noon" (one pattern for the three regexes below; case-sensitive, so
    // it spells out both cases of "a.m.", for the date pattern's sake).
    private const string TimeOfDay = @"\b\d{1,2}(:\d{2})?\s*([aApP]\.[mM]\.|[aApP][mM]\b)|\b\d{1,2}:\d{2}|\b(noon|midnight)\b";

    [GeneratedRegex(@"^(" + TimeOfDay + @")$")]
    private static partial Regex ClockTime();

    [GeneratedRegex(TimeOfDay)]
    private static partial Regex ClockTimeIn();

    // A vote's tally, after a word that says a vote was taken: "voted 7-4", "carried, 5 to 2", "passed 9–0", "by a vote of 6 to 3",
    // "In favour (7)", "Ayes: 7"; and "unanimous(ly)". Without the vote word "5 to 12" is a range.
    [GeneratedRegex(@"\b(vot\w*|carried|passed|failed|defeated|approved|adopted|rejected|margin|tally)(\s+(by|of))?(\s+a\s+vote\s+of)?[\s,:]+(?<t>\d{1,2}\s*(-|–|—|to)\s*\d{1,2})(?![\d\-–—.:/])|\b(?<t>(in\s+favou?r|ayes?|yeas?)\s*(\(\d{1,2}\)|:\s*\d{1,2}\b))|\b(?<t>unanimous(ly)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TallyPattern();

    // Dates and times: "12 March 2024", "March 2024", "October 2020", "2024-03-12", "1848", "last year", "in January", "Monday", "03:00", "6:30 a.m.".
    [GeneratedRegex(TimeOfDay + @"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\s+(January|February|March|April|May|June|July|August|September|October|November|December)(\s+\d{4})?\b|\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)(\s+\d{1,2}(st|nd|rd|th)?)?(,?\s+\d{4})?\b|\b(1[6-9]|20)\d{2}s?\b|\b(last|next|this|that|previous|the\s+following)\s+(year|month|week|decade|spring|summer|autumn|fall|winter)\b|\b\d{1,2}(st|nd|rd|th)\s+century\b|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b|\b(\w+|\d+)\s+(years?|months?|weeks?|days?|decades?)\s+(ago|later|earlier)\b|\b(yesterday|today|tomorrow|recently|post-9/11)\b")]
    private static partial Regex DatePattern();


}
