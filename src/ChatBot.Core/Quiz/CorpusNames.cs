using System.Text.RegularExpressions;

namespace ChatBot.Core.Quiz;

/// <summary>A run of capitalised words in a sentence ("Harriet Quillon", "Northwind Harbour Authority").</summary>
public sealed record NameRun(string Text, int Start, int Length, bool AtSentenceStart)
{
    public int End => Start + Length;
}

/// <summary>
/// The names of a corpus and what each one is (person, organisation, place, other name), found by
/// general means only: capitalisation and position, how the corpus itself uses each word (capitalised
/// mid-sentence or also in lower case), who the corpus quotes, the manifest's authors and titles, the
/// phrases around a name ("in X", "X, the …", "X said", "X (ACR)"), and a short list of English
/// organisation head nouns and personal titles. Nothing here knows any corpus.
/// </summary>
public sealed partial class CorpusNames
{
    /// <summary>Nouns that head an organisation's name in English.</summary>
    private static readonly HashSet<string> OrganisationHeads = new(StringComparer.Ordinal)
    {
        "Agency", "Administration", "Department", "Ministry", "Secretariat", "Office", "Bureau", "Service", "Services", "Commission",
        "Committee", "Council", "Party", "Institute", "Institution", "University", "College", "School", "Foundation", "Association",
        "Union", "Bank", "Court", "Congress", "Senate", "Parliament", "Assembly", "Police", "Army", "Navy", "Force", "Forces", "Guard",
        "Patrol", "Cartel", "Company", "Corporation", "Corp", "Inc", "Ltd", "LLC", "Labs", "Laboratories", "Laboratory", "Group",
        "Center", "Centre", "Organization", "Organisation", "Network", "Board", "Authority", "Federation", "Coalition", "Alliance",
        "Society", "Times", "Post", "Journal", "Tribune", "Herald", "Press", "Gazette", "Review",
    };

    /// <summary>English titles and roles written before a name ("Secretary Ana Ortiz"): not part of the name.</summary>
    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "President", "Vice", "Secretary", "Minister", "Director", "Deputy", "General", "Gen", "Senator", "Sen", "Representative", "Rep",
        "Governor", "Gov", "Mayor", "Ambassador", "Chief", "Judge", "Justice", "Professor", "Prof", "Dr", "Mr", "Mrs", "Ms", "Sir",
        "Lord", "Lady", "King", "Queen", "Prince", "Princess", "Former", "Foreign", "Attorney", "Commissioner", "Spokesperson",
        "Spokesman", "Spokeswoman", "Agent", "Officer", "Lt", "Col", "Capt", "Sgt", "Admiral", "Adm", "Chairman", "Chairwoman", "Chair",
        "Founder", "Co-founder", "Head", "Lead", "Manager", "Inspector", "Detective", "Sheriff", "Father", "Sister", "Brother", "Saint",
    };

    // Prepositions after which a name is a place ("in Kelderby", "from Marrowby"); "to" is left out: people are handed things too.
    private static readonly HashSet<string> Locatives = new(StringComparer.Ordinal) { "in", "at", "from", "near", "across", "throughout", "inside", "outside", "into" };

    // Lowercase words that may join the capitalised words of one name ("Office of the Director of Harbour Works").
    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "of", "of the", "for", "for the", "de", "del", "de la" };

    private readonly Dictionary<string, int> _capitalisedMid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lowercase = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QuizAnswerKind> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fullNameBySurname = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _acronymExpansion = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _documentsOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _titleWords = new(StringComparer.Ordinal);
    private readonly int _originals;

    public CorpusNames(QuizCorpus corpus)
    {
        var originals = corpus.Originals.ToList();
        _originals = originals.Count;
        foreach (var d in corpus.Documents)
            foreach (var w in WordPattern().Matches(d.Title + " " + d.Outlet).Select(m => m.Value)) _titleWords.Add(w);

        var sentences = corpus.Documents.SelectMany(d => d.Sentences.Select(s => (Doc: d, Sentence: s))).ToList();
        // How the corpus writes each word: capitalised inside running prose, or in lower case.
        foreach (var (_, s) in sentences)
        {
            if (!IsProse(s.Text)) continue;
            foreach (Match m in WordPattern().Matches(s.Text))
            {
                var w = m.Value;
                if (char.IsLower(w[0])) _lowercase[w] = _lowercase.GetValueOrDefault(w) + 1;
                else if (char.IsUpper(w[0]) && !IsInitialPosition(s.Text, m.Index)) _capitalisedMid[Bare(w)] = _capitalisedMid.GetValueOrDefault(Bare(w)) + 1;
            }
        }

        var runs = new List<(QuizDocument Doc, QuizSentence Sentence, NameRun Run)>();
        foreach (var (d, s) in sentences)
            foreach (var run in Runs(s.Text)) runs.Add((d, s, run));
        foreach (var (d, _, run) in runs)
        {
            if (!_documentsOf.TryGetValue(run.Text, out var docs)) _documentsOf[run.Text] = docs = new HashSet<string>(StringComparer.Ordinal);
            if (!d.IsDuplicate) docs.Add(d.Source);
        }

        var allText = string.Join("\n", corpus.Documents.Select(d => d.Text));
        FindAcronyms(allText);
        Classify(corpus, runs);
    }

    /// <summary>What a name is, or null when the corpus gives no evidence.</summary>
    public QuizAnswerKind? KindOf(string name) => _kinds.TryGetValue(name, out var kind) ? kind : null;

    /// <summary>Every classified name of a kind, in a stable order.</summary>
    public IReadOnlyList<string> All(QuizAnswerKind kind) =>
        _kinds.Where(k => k.Value == kind).Select(k => k.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>The longest form the corpus gives a person's name ("Quillon" → "Harriet Quillon").</summary>
    public string FullName(string person) =>
        _fullNameBySurname.GetValueOrDefault(Surname(person)) is { } full && full.Split(' ').Length >= person.Split(' ').Length && full.Contains(person.Split(' ')[^1], StringComparison.Ordinal) ? full : person;

    /// <summary>A name found in most documents is what the corpus is about: asking for it is guessing.</summary>
    public bool IsTopic(string name)
    {
        var docs = _documentsOf.GetValueOrDefault(name)?.Count ?? 0;
        if (_kinds.GetValueOrDefault(name) == QuizAnswerKind.Person) docs = Math.Max(docs, _documentsOf.Where(kv => kv.Key.EndsWith(" " + Surname(name), StringComparison.Ordinal)).Sum(kv => kv.Value.Count));
        // At least three documents, and most of them: a name two documents share is still material to learn.
        return _originals >= 3 && docs >= Math.Max(3, Math.Ceiling(_originals * 0.6));
    }

    /// <summary>The spelled-out name of an acronym, or the acronym of a long name, as the corpus writes them.</summary>
    public string? OtherForm(string name) =>
        _acronymExpansion.TryGetValue(name, out var expansion) ? expansion
        : _acronymExpansion.FirstOrDefault(kv => kv.Value == name || name.EndsWith(" " + kv.Value, StringComparison.Ordinal)).Key;

    public static string Surname(string fullName) => fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];

    /// <summary>A word in the manifest's titles or outlets (the corpus's own product or outlet names).</summary>
    public bool IsTitleWord(string word) => _titleWords.Contains(word);

    /// <summary>Whether a capitalised word is a proper name here rather than an ordinary word written at a sentence start.</summary>
    public bool IsNameWord(string word)
    {
        var bare = Bare(word);
        if (QuizText.FunctionWords.Contains(bare.ToLowerInvariant())) return false;
        var lower = _lowercase.GetValueOrDefault(bare.ToLowerInvariant());
        return lower == 0 || _capitalisedMid.GetValueOrDefault(bare) > lower;
    }

    /// <summary>The corpus capitalises the word inside sentences at least as often as not: keep its capital at a question's start.</summary>
    public bool IsWrittenCapitalised(string word) =>
        !QuizText.FunctionWords.Contains(Bare(word).ToLowerInvariant())
        && _capitalisedMid.GetValueOrDefault(Bare(word)) is > 0 and var mid && mid >= _lowercase.GetValueOrDefault(Bare(word).ToLowerInvariant());

    /// <summary>The corpus writes the word in lower case too: an ordinary word ("secretary", "cloud").</summary>
    public bool IsCommonWord(string word) => _lowercase.ContainsKey(Bare(word).ToLowerInvariant());

    /// <summary>The name runs of a sentence, split at possessives and stripped of leading titles and articles.</summary>
    public IEnumerable<NameRun> Runs(string sentence)
    {
        var words = WordPattern().Matches(sentence).ToList();
        var i = 0;
        while (i < words.Count)
        {
            if (!IsCapitalised(words[i].Value) || IsInitialPosition(sentence, words[i].Index) && !IsNameWord(words[i].Value)
                || QuizText.FunctionWords.Contains(words[i].Value.ToLowerInvariant()) || QuizText.Months.Contains(Bare(words[i].Value))
                || QuizText.Weekdays.Contains(words[i].Value))
            {
                i++;
                continue;
            }
            var first = i;
            var last = i;
            var j = i + 1;
            while (!IsPossessive(words[last].Value) && j < words.Count)
            {
                var gap = sentence[(words[j - 1].Index + words[j - 1].Length)..words[j].Index];
                // A name after an organisation's head word is another name: "… Port Agency Ana Ortiz".
                var afterHead = OrganisationHeads.Contains(words[j - 1].Value) && !OrganisationHeads.Contains(words[j].Value);
                if (gap == " " && !afterHead && IsCapitalised(words[j].Value) && !QuizText.Months.Contains(Bare(words[j].Value)) && !QuizText.FunctionWords.Contains(words[j].Value.ToLowerInvariant()))
                {
                    last = j++;
                    continue;
                }
                // "Office of the Director": lowercase connectors between capitalised words.
                var k = j;
                var connector = "";
                while (k < words.Count && k - j < 2 && char.IsLower(words[k].Value[0])) connector = (connector + " " + words[k++].Value).Trim();
                if (gap == " " && Connectors.Contains(connector) && k < words.Count && IsCapitalised(words[k].Value)
                    && sentence[(words[k - 1].Index + words[k - 1].Length)..words[k].Index] == " " && !QuizText.FunctionWords.Contains(words[k].Value.ToLowerInvariant()))
                {
                    last = k;
                    j = k + 1;
                    continue;
                }
                break;
            }
            i = last + 1;
            var start = words[first].Index;
            var end = words[last].Index + words[last].Length;
            if (IsPossessive(words[last].Value)) end -= 2;
            // Leading titles ("Harbour Secretary Ana Ortiz") are not part of the name; an organisation keeps them.
            var parts = sentence[start..end];
            var atStart = IsInitialPosition(sentence, start);
            if (HasOrganisationHead(parts) && TitleOf().Match(parts) is { Success: true } title)
            {
                // "Deputy Director of the Northshire Port Agency": the organisation is after the title.
                start += title.Length;
                atStart = false;
            }
            else if (!HasOrganisationHead(parts))
            {
                var tokens = parts.Split(' ');
                var drop = 0;
                while (drop < tokens.Length - 1 && Titles.Contains(tokens[drop].TrimEnd('.'))) drop++;
                if (drop > 0)
                {
                    start += string.Join(' ', tokens[..drop]).Length + 1;
                    atStart = false;
                }
            }
            var text = sentence[start..end];
            if (text.Length < 2 || text.Length == 1) continue;
            yield return new NameRun(text, start, end - start, atStart);
        }
    }

    /// <summary>Whether the text around a position is where a sentence (or a quotation, or a list item's text) begins.</summary>
    public static bool IsInitialPosition(string sentence, int index)
    {
        var before = sentence[..index].TrimEnd(' ', '“', '"', '‘', '\'', '(', '*', '-', '•', '–', '—');
        return before.Length == 0 || before.EndsWith(':') || before.EndsWith('.') || before.EndsWith('!') || before.EndsWith('?') || before.EndsWith(';')
               || ListMarker().IsMatch(before);
    }

    /// <summary>A sentence of running prose: ends like one, and is not a title-cased heading.</summary>
    public static bool IsProse(string sentence)
    {
        var words = WordPattern().Matches(sentence).Select(m => m.Value).ToList();
        if (words.Count < 4) return false;
        var capitalised = words.Count(w => char.IsUpper(w[0]));
        return capitalised < words.Count * 0.6 && (sentence.EndsWith('.') || sentence.EndsWith('!') || sentence.EndsWith('”') || sentence.EndsWith('"'));
    }

    private static bool IsCapitalised(string word) =>
        word.Length >= 2 && char.IsUpper(word[0]) && (word.Any(char.IsLower) || IsAcronym(word) || Initials().IsMatch(word));

    public static bool IsAcronym(string word) => AcronymShape().IsMatch(word);

    private static bool IsPossessive(string word) => word.EndsWith("’s", StringComparison.Ordinal) || word.EndsWith("'s", StringComparison.Ordinal);

    private static string Bare(string word) => IsPossessive(word) ? word[..^2] : word.TrimEnd('.');

    /// <summary>The words before a company's name: "a contract with …", "built / supplied by …", "awarded to …".</summary>
    [GeneratedRegex(@"\b((contracts?|deal|agreement|partnership|order)\s+with|(built|made|manufactured|supplied|delivered|operated|developed|designed)\s+by|awarded\s+to)\s+(the\s+)?$", RegexOptions.IgnoreCase)]
    public static partial Regex MakerBefore();

    public static bool HasOrganisationHead(string name) => name.Split(' ').Any(w => OrganisationHeads.Contains(w.TrimEnd('.')));

    public static bool EndsWithOrganisationHead(string name) => OrganisationHeads.Contains(name.Split(' ')[^1].TrimEnd('.'));

    private void FindAcronyms(string text)
    {
        // "Long Name (ACR)" and "ACR (Long Name)".
        foreach (Match m in AcronymAfter().Matches(text))
        {
            var acronym = m.Groups["acr"].Value;
            if (Expansion(m.Groups["before"].Value, acronym) is { } expansion) _acronymExpansion.TryAdd(acronym, expansion);
        }
    }

    /// <summary>
    /// The words right before "(ACR)" whose capitals spell ACR (small words allowed between them), in
    /// order or, for a name translated from another language, in any order.
    /// </summary>
    private static string? Expansion(string before, string acronym)
    {
        var words = before.TrimEnd().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var taken = new List<string>();
        var initials = new List<char>();
        for (var i = words.Length - 1; i >= 0 && initials.Count < acronym.Length; i--)
        {
            var w = words[i].Trim(',', ';', ':');
            if (w.Length == 0) return null;
            if (char.IsUpper(w[0])) initials.Insert(0, w[0]);
            else if (!QuizText.FunctionWords.Contains(w) && w is not ("de" or "del")) return null;
            taken.Insert(0, w);
        }
        if (initials.Count != acronym.Length || taken.Count < 2) return null;
        var sameOrder = new string(initials.ToArray()) == acronym;
        var anyOrder = initials.Order().SequenceEqual(acronym.Order());
        return sameOrder || anyOrder ? string.Join(' ', taken) : null;
    }

    private void Classify(QuizCorpus corpus, List<(QuizDocument Doc, QuizSentence Sentence, NameRun Run)> runs)
    {
        var people = new HashSet<string>(StringComparer.Ordinal);
        var surnames = new HashSet<string>(StringComparer.Ordinal);
        void AddPerson(string name)
        {
            if (!LooksLikeAName(name)) return;
            people.Add(name);
            surnames.Add(Surname(name));
        }

        // Evidence of people: who the corpus quotes, the manifest's authors.
        foreach (var d in corpus.Documents)
        {
            if (d.Author is { } author) foreach (var a in author.Split([",", " and ", "&"], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) AddPerson(a);
            foreach (var s in d.Sentences)
                if (s.Speaker is { } speaker && Runs(speaker + " said.").FirstOrDefault() is { } run && run.Text.Contains(' ') && !HasOrganisationHead(run.Text)) AddPerson(run.Text);
        }
        // Words the corpus also writes alone, as a person is referred to after the first mention ("Quillon", "Harriet").
        // Not a place ("in Kelderby"), not what the corpus is about, and a first name only if it never ends another name.
        var placeLike = runs.Where(r => !r.Run.Text.Contains(' ') && LastWord().Match(r.Sentence.Text[..r.Run.Start]) is { Success: true } p && Locatives.Contains(p.Groups["w"].Value))
            .Select(r => r.Run.Text).ToHashSet(StringComparer.Ordinal);
        var lastWords = runs.Where(r => r.Run.Text.Contains(' ')).Select(r => r.Run.Text.Split(' ')[^1]).ToHashSet(StringComparer.Ordinal);
        var singleWordRuns = runs.Where(r => !r.Run.Text.Contains(' ')).Select(r => r.Run.Text)
            .Where(w => !placeLike.Contains(w) && !IsTopic(w)).ToHashSet(StringComparer.Ordinal);
        bool StandsAlone(string[] words) =>
            words.Skip(1).Any(w => singleWordRuns.Contains(w) && !IsCommonWord(w))
            || singleWordRuns.Contains(words[0]) && !IsCommonWord(words[0]) && !lastWords.Contains(words[0]);
        var placeNames = runs.Where(r => LastWord().Match(r.Sentence.Text[..r.Run.Start]) is { Success: true } p && Locatives.Contains(p.Groups["w"].Value))
            .Select(r => r.Run.Text).ToHashSet(StringComparer.Ordinal);
        foreach (var (d, s, run) in runs)
        {
            var words = run.Text.Split(' ');
            if (words.Length is < 2 or > 4 || !LooksLikeAName(run.Text) || placeNames.Contains(run.Text)) continue;
            var after = s.Text[run.End..];
            var before = s.Text[..run.Start];
            // "a contract with Tarnby Boatworks": a company, even when its first word also stands alone ("a Tarnby supplier").
            if (MakerBefore().IsMatch(before)) continue;
            var next = d.Sentences.FirstOrDefault(x => x.Index == s.Index + 1 && x.Paragraph == s.Paragraph)?.Text ?? "";
            var evidence =
                TitleBefore().IsMatch(before)                                                 // "Secretary Ana Ortiz"
                || SpeechAfter().IsMatch(after)                                              // "Quillon said"
                || Apposition().IsMatch(after)                                               // "X, the …", "X as release manager"
                || StandsAlone(words)                                                        // "Harriet" or "Quillon" alone elsewhere
                || run.Start == 0 && PersonalPronounStart().IsMatch(next)                    // "X was …. She still …"
                || NameField().IsMatch(before);                                              // a table's "Name" column: "Name: X; Role: …"
            if (evidence) AddPerson(run.Text);
        }
        // "Edda Moravec and Harriet Quillon": the partner of a person in a pair is a person.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (_, s, run) in runs)
            {
                if (people.Contains(run.Text) || run.Text.Split(' ').Length < 2 || !LooksLikeAName(run.Text)) continue;
                var after = s.Text[run.End..];
                var before = s.Text[..run.Start];
                if (people.Any(p => after.StartsWith(" and " + p, StringComparison.Ordinal) || before.EndsWith(p + " and ", StringComparison.Ordinal)))
                {
                    AddPerson(run.Text);
                    changed = true;
                }
            }
        }
        // The full name of each person: the longest name the corpus writes with that surname.
        // Any name after the first can be how a person is called alone ("Ortiz" of "Ana Ortiz Baena", "Ortiz Baena").
        foreach (var p in people.OrderBy(p => p, StringComparer.Ordinal))
        {
            var parts = p.Split(' ');
            foreach (var part in parts.Skip(1))
            {
                surnames.Add(part);
                if (!_fullNameBySurname.TryGetValue(part, out var known) || known.Split(' ').Length < parts.Length) _fullNameBySurname[part] = p;
            }
        }

        var demonyms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, s, run) in runs)
        {
            var name = run.Text;
            if (_kinds.ContainsKey(name)) continue;
            if (EndsWithOrganisationHead(name) && name.Contains(' ') || IsAcronym(name) && _acronymExpansion.TryGetValue(name, out var exp) && EndsWithOrganisationHead(exp))
                _kinds[name] = QuizAnswerKind.Organization;
            else if (people.Contains(name) || !name.Contains(' ') && surnames.Contains(name) && !IsCommonWord(name))
                _kinds[name] = QuizAnswerKind.Person;
        }
        foreach (var (_, s, run) in runs)
        {
            var name = run.Text;
            if (IsDemonym(s.Text, run)) demonyms.Add(name);
        }
        foreach (var (_, s, run) in runs)
        {
            var name = run.Text;
            if (_kinds.ContainsKey(name) || IsAcronym(name) || Initials().IsMatch(name.Split(' ')[0]) || demonyms.Contains(name) || IsCommonWord(name.Split(' ')[0])
                || name.Split(' ').Any(w => w.Length < 3 || !PlaceWord().IsMatch(w))) continue;
            if (s.Text[run.End..].TrimStart().StartsWith('→') || s.Text[..run.Start].TrimEnd().EndsWith('→')) continue; // a menu path, not a place
            var previous = LastWord().Match(s.Text[..run.Start]);
            var afterPlace = previous.Success && Locatives.Contains(previous.Groups["w"].Value);
            // "Kelderby, Northshire": the name after a place and a comma is a place too.
            var afterComma = PlaceComma().Match(s.Text[..run.Start]);
            if (afterPlace || afterComma.Success && _kinds.GetValueOrDefault(afterComma.Groups["p"].Value) == QuizAnswerKind.Place)
            {
                if (Coordinated(s.Text, run).Any(demonyms.Contains)) continue; // "in German and Spanish": languages
                _kinds[name] = QuizAnswerKind.Place;
            }
        }
        // Other names (products, programmes): a single proper word, or a name of the corpus's own family ("Acme Cloud" in a corpus titled "Acme …").
        foreach (var (_, _, run) in runs)
        {
            var name = run.Text;
            if (_kinds.ContainsKey(name) || IsAcronym(name) || Initials().IsMatch(name) || demonyms.Contains(name) || !LooksLikeAName(name, allowCommon: true)) continue;
            // Only where the kind is clear enough to ask "what": a name of the corpus's own family, or a product-like CamelCase word.
            var words = name.Split(' ');
            if (words.Length > 1 && words.Any(_titleWords.Contains) && !IsCommonWord(words[0]) || words.Length == 1 && CamelCase().IsMatch(name))
                _kinds[name] = QuizAnswerKind.Name;
        }
    }

    private bool LooksLikeAName(string name, bool allowCommon = false)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 1 and <= 4
               && words.All(w => w.Length >= 2 && char.IsUpper(w[0]) && w.Any(char.IsLower) && !w.Any(char.IsDigit)
                                 && (allowCommon || !IsCommonWord(w)) && !OrganisationHeads.Contains(w) && !Titles.Contains(w.TrimEnd('.'))
                                 && !QuizText.Months.Contains(w) && !QuizText.Weekdays.Contains(w));
    }

    /// <summary>
    /// A nationality or language, not a place or a thing: one word ending like English demonyms ("-ish",
    /// "-ese"), or ending in "-an", "-ian", "-i" and written before a lowercase noun ("Veltian crews").
    /// </summary>
    private static bool IsDemonym(string sentence, NameRun run)
    {
        if (run.Text.Contains(' ')) return false;
        var w = run.Text;
        if (w.EndsWith("ish", StringComparison.Ordinal) || w.EndsWith("ese", StringComparison.Ordinal)) return true;
        var next = FollowingWord().Match(sentence[run.End..]);
        return (w.EndsWith("an", StringComparison.Ordinal) || w.EndsWith('i')) && next.Success && !QuizText.FunctionWords.Contains(next.Groups["w"].Value);
    }

    private IEnumerable<string> Coordinated(string sentence, NameRun run)
    {
        var after = CoordinatedAfter().Match(sentence[run.End..]);
        if (after.Success) yield return after.Groups["n"].Value;
        var before = CoordinatedBefore().Match(sentence[..run.Start]);
        if (before.Success) yield return before.Groups["n"].Value;
    }

    // Words: initials ("N.H.A."), or letters and digits joined by apostrophes and hyphens ("Kelderby’s", "Jean-Luc").
    [GeneratedRegex(@"(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:[’'\-][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^((Former|Deputy|Vice|Assistant|Acting|Chief|Executive|Director|Secretary|Minister|Head|General|President|Chairman|Chair|Commissioner|Administrator|Spokesperson|Spokesman|Spokeswoman)\s+)+(of|for)\s+(the\s+)?")]
    private static partial Regex TitleOf();

    // Places are written "Kelderby", "Port Tarnby", "Saint-Denis": not "SQLite" or "GitHub".
    [GeneratedRegex(@"^\p{Lu}[\p{Ll}’'\-]+(\p{Lu}[\p{Ll}]+)?$")]
    private static partial Regex PlaceWord();

    [GeneratedRegex(@"^\p{Lu}\p{Ll}+\p{Lu}")]
    private static partial Regex CamelCase();

    [GeneratedRegex(@"^(?:\p{Lu}\.){2,}$")]
    private static partial Regex Initials();

    [GeneratedRegex(@"^[A-Z]{2,6}s?$")]
    private static partial Regex AcronymShape();

    [GeneratedRegex(@"(^|\s)(\d+\.|[a-z]\))$")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"(?<before>[^()\n]{3,160})\(\s*(?<acr>[A-Z]{2,6})\s*\)")]
    private static partial Regex AcronymAfter();

    [GeneratedRegex(@"\b(President|Secretary|Minister|Director|Senator|Governor|Mayor|Ambassador|Chief|Judge|Professor|Dr\.|Mr\.|Mrs\.|Ms\.|Gen\.|General|Attorney|Commissioner|Agent|Officer|Spokesperson|Spokesman|Spokeswoman)\s+$")]
    private static partial Regex TitleBefore();

    [GeneratedRegex(@"^,?\s+(\w+ly\s+)?(said|says|told|tells|stated|explained|added|warned|argued|believes|thinks|wrote|recalled|noted)\b")]
    private static partial Regex SpeechAfter();

    [GeneratedRegex(@"^(,\s+(the|a|an|our|who|whose)\s+[a-z]|\s+as\s+(the\s+|a\s+|an\s+)?[a-z]+\s+(manager|lead|officer|director|head|chief|editor|coordinator)\b|\s+\((a|an|the)?\s*[a-z])")]
    private static partial Regex Apposition();

    // The field of a table row read as a card ("Name: X; Role: …"; DocumentLayout), as the only text before the name.
    [GeneratedRegex(@"^Name:\s*$")]
    private static partial Regex NameField();

    [GeneratedRegex(@"^(He|She|His|Her)\b")]
    private static partial Regex PersonalPronounStart();

    [GeneratedRegex(@"(?<w>[a-z]+)\s+(the\s+)?$")]
    private static partial Regex LastWord();

    [GeneratedRegex(@"(?<p>[A-Z][\p{L}’'\-]+(\s+[A-Z][\p{L}’'\-]+)*),\s+$")]
    private static partial Regex PlaceComma();

    [GeneratedRegex(@"^\s+(?<w>[a-z]+)")]
    private static partial Regex FollowingWord();

    [GeneratedRegex(@"^\s+(and|or)\s+(?<n>[A-Z][\p{L}’'\-]+)")]
    private static partial Regex CoordinatedAfter();

    [GeneratedRegex(@"(?<n>[A-Z][\p{L}’'\-]+)\s+(and|or)\s+$")]
    private static partial Regex CoordinatedBefore();
}
