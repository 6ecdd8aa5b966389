using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;

namespace ChatBot.Core.Quiz;

/// <summary>
/// Finds quiz-worthy facts in an index snapshot without an LLM: who said a quotation (from the
/// speaker attribution of <see cref="DocumentAnalysis"/>), and numbers, years, places, organisations
/// and named people inside self-contained sentences, turned into fill-in-the-blank stems. Only
/// sentences inside indexed chunks are used, so a near-duplicate article's repeated passages never are.
/// </summary>
public static partial class FactExtractor
{
    public const string Blank = "_____";
    private const int MinWords = 9;
    private const int MaxWords = 70;
    private const int MinContentTerms = 5;

    public static IReadOnlyList<QuizFact> Extract(IndexSnapshot snapshot)
    {
        var chunksBySource = snapshot.Chunks.GroupBy(c => c.Source).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var people = KnownPeople(snapshot);
        var facts = new List<QuizFact>();
        var corpusText = string.Join("\n", snapshot.Documents.Select(d => d.Text));
        var foldedCorpus = QuizText.Fold(corpusText);

        foreach (var document in snapshot.Documents.OrderBy(d => d.Source, StringComparer.Ordinal))
        {
            if (!chunksBySource.TryGetValue(document.Source, out var chunks)) continue;
            var analysis = snapshot.Analysis(document.Source);
            foreach (var sentence in analysis.Sentences)
            {
                var chunk = chunks.FirstOrDefault(c => c.Start <= sentence.Span.Start && sentence.Span.End <= c.Start + c.Length);
                if (chunk is null) continue; // a passage the index left out (repeated from another article)
                var words = QuizText.WordCount(sentence.Text);
                if (words < MinWords || words > MaxWords) continue;
                var citation = new QuizCitation(document.Source, chunk.Id, document.Metadata.Title, document.Metadata.Outlet, document.Metadata.Url, sentence.Text.Trim());
                var rarity = Rarity(snapshot, sentence.Terms);

                if (WhoSaid(document, sentence, people, citation, rarity, foldedCorpus) is { } said) facts.Add(said);
                if (sentence.StartsWithPronoun || sentence.QuotedShare > 0.6) continue; // a cloze needs a self-contained statement
                foreach (var mention in Mentions(sentence.Text, people))
                {
                    if (Cloze(document, sentence, mention, citation, rarity, corpusText, foldedCorpus) is { } fact) facts.Add(fact);
                }
            }
        }
        return facts;
    }

    /// <summary>Average idf of a sentence's terms: rare vocabulary makes a harder question.</summary>
    private static double Rarity(IndexSnapshot snapshot, IReadOnlySet<string> terms) =>
        terms.Count == 0 ? 0 : terms.Average(t => snapshot.TermStats.Idf(t));

    private static QuizFact? WhoSaid(CorpusDocument document, AnalyzedSentence sentence, PeopleIndex people, QuizCitation citation, double rarity, string foldedCorpus)
    {
        if (sentence.Speaker is null || sentence.SpeakerInherited || sentence.QuotedShare < 0.3) return null;
        var name = people.FullName(sentence.Speaker);
        if (name is null) return null;
        var quote = string.Join(" … ", Quoted().Matches(sentence.Text).Select(m => m.Groups["q"].Value.Trim().TrimEnd(',')).Where(q => q.Length > 0));
        if (QuizText.WordCount(quote) < 6) return null;
        var stem = $"Who said this, as quoted in “{document.Metadata.Title}”{OutletSuffix(document)}: “{quote}”?";
        var alternatives = PersonAlternatives(name);
        if (alternatives.Any(a => QuizText.ContainsPhrase(stem, a))) return null;
        return new QuizFact($"{document.Source}#{sentence.Index}#said", QuizAnswerKind.Person, true, name, alternatives, stem, citation,
            Mentions(foldedCorpus, QuizText.Fold(Surname(name))), rarity);
    }

    private static QuizFact? Cloze(CorpusDocument document, AnalyzedSentence sentence, Mention mention, QuizCitation citation, double rarity, string corpusText, string foldedCorpus)
    {
        var text = sentence.Text.Trim();
        var start = text.IndexOf(mention.Text, StringComparison.Ordinal);
        if (start < 0) return null;
        var blanked = text[..start] + Blank + text[(start + mention.Text.Length)..];
        if (Search.SearchAnalyzer.Shared.Terms(blanked).Distinct().Count() < MinContentTerms) return null;
        var alternatives = mention.Kind switch
        {
            QuizAnswerKind.Person => PersonAlternatives(mention.Text),
            QuizAnswerKind.Number or QuizAnswerKind.Year => NumberAlternatives(mention.Text),
            QuizAnswerKind.Organization => OrganizationAlternatives(mention.Text, corpusText),
            _ => [mention.Text],
        };
        // Never reveal the answer: no alternative (nor the same number) may be left in the stem.
        if (alternatives.Any(a => QuizText.ContainsPhrase(blanked, a))) return null;
        if (mention.Kind is QuizAnswerKind.Number or QuizAnswerKind.Year && NumberWords.Values(blanked).Contains(mention.Value)) return null;
        var hint = mention.Kind switch
        {
            QuizAnswerKind.Person => "a person",
            QuizAnswerKind.Number => "a number",
            QuizAnswerKind.Year => "a year",
            QuizAnswerKind.Place => "a place",
            _ => "an organisation",
        };
        var stem = $"Fill in the blank ({hint}) in this passage from “{document.Metadata.Title}”{OutletSuffix(document)}: “{blanked}”";
        if (alternatives.Any(a => QuizText.ContainsPhrase(stem, a))) return null; // e.g. "Washington" in "(The Washington Post)"
        return new QuizFact($"{document.Source}#{sentence.Index}#{start}", mention.Kind, false, mention.Text, alternatives, stem, citation,
            Mentions(foldedCorpus, QuizText.Fold(mention.Kind == QuizAnswerKind.Person ? Surname(mention.Text) : mention.Text)), rarity);
    }

    private static string OutletSuffix(CorpusDocument document) =>
        document.Metadata.Outlet is { Length: > 0 } outlet ? $" ({outlet})" : "";

    private static int Mentions(string foldedCorpus, string foldedTerm)
    {
        if (foldedTerm.Length == 0) return 0;
        var count = 0;
        for (var i = foldedCorpus.IndexOf(foldedTerm, StringComparison.Ordinal); i >= 0; i = foldedCorpus.IndexOf(foldedTerm, i + foldedTerm.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    public sealed record Mention(QuizAnswerKind Kind, string Text, double Value);

    /// <summary>Numbers, years, organisations, places and known people in a sentence, each once.</summary>
    public static IEnumerable<Mention> Mentions(string sentence, PeopleIndex people)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in NumberPattern().Matches(sentence))
        {
            var raw = m.Value.Trim();
            if (!NumberWords.TryParseNumeral(raw, out var value)) continue;
            var isYear = YearPattern().IsMatch(raw);
            var before = sentence[..m.Index];
            if (MonthBefore().IsMatch(before)) continue; // "March 30": a day of a date, not a quantity
            if (!isYear && value < 2) continue;
            if (seen.Add(raw)) yield return new Mention(isYear ? QuizAnswerKind.Year : QuizAnswerKind.Number, raw, value);
        }
        foreach (var name in people.NamesIn(sentence))
            if (seen.Add(name)) yield return new Mention(QuizAnswerKind.Person, name, 0);
        foreach (Match m in Organisation().Matches(sentence))
        {
            var org = Possessive().Replace(LeadingThe().Replace(m.Value.Trim(), ""), "");
            if (OfContinues().IsMatch(sentence[(m.Index + m.Length)..])) continue; // "Secretariat" of "Secretariat of Public Security": only part of the name
            if (NotOrganisations.Contains(org) || org.Length < 2 || people.IsPersonPart(org)) continue;
            if (seen.Add(org)) yield return new Mention(QuizAnswerKind.Organization, org, 0);
        }
        foreach (Match m in PlacePhrase().Matches(sentence))
        {
            var place = m.Groups["place"].Value.Trim().TrimEnd('.', ',');
            if (place.Length < 3 || NotPlaces.Contains(place) || Months.Contains(place) || Organisation().IsMatch(place) || people.IsPersonPart(place)) continue;
            if (seen.Add(place)) yield return new Mention(QuizAnswerKind.Place, place, 0);
        }
    }

    public static string Surname(string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts[^1];
    }

    /// <summary>A person is named by their full name, by first name plus surname, or by surname alone.</summary>
    public static IReadOnlyList<string> PersonAlternatives(string fullName)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var list = new List<string> { fullName, parts[^1] };
        if (parts.Length >= 3) { list.Add(string.Join(' ', parts[^2..])); list.Add(parts[0] + " " + parts[^1]); }
        return list.Distinct(StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<string> NumberAlternatives(string raw)
    {
        var list = new List<string> { raw };
        var digits = raw.Replace(",", "", StringComparison.Ordinal);
        list.Add(digits);
        if (raw.Contains(',')) list.Add(raw.Replace(",", " ", StringComparison.Ordinal));
        return list.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The name as written plus its other form in the corpus: the acronym of a long name ("Drug Enforcement
    /// Administration" → "DEA", or "(PRI)" written after it), the spelled-out name of an acronym
    /// ("ODNI" → "Office of the Director of National Intelligence", from "… (ODNI)").
    /// </summary>
    public static IReadOnlyList<string> OrganizationAlternatives(string name, string corpusText)
    {
        var list = new List<string> { name };
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length >= 2)
        {
            var initials = string.Concat(words.Where(w => char.IsUpper(w[0])).Select(w => w[0]));
            if (initials.Length >= 2 && Regex.IsMatch(corpusText, $@"\b{initials}\b")) list.Add(initials);
            foreach (Match m in Regex.Matches(corpusText, $@"{Regex.Escape(name)}\s*\((?<acr>[A-Z]{{2,6}})\)")) list.Add(m.Groups["acr"].Value);
        }
        else if (AcronymShape().IsMatch(name))
        {
            foreach (Match m in Regex.Matches(corpusText, $@"(?<before>[^()\n]{{3,160}})\(\s*{Regex.Escape(name)}\s*\)"))
                if (Expansion(m.Groups["before"].Value, name) is { } expansion) list.Add(expansion);
        }
        return list.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The words right before "(ACR)" whose capitals spell ACR (small words allowed between them), in
    /// order or, for a name translated from Spanish ("Institutional Revolutionary Party (PRI)"), in any order.
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
            else if (w is not ("of" or "the" or "for" or "and" or "on" or "de" or "del")) return null;
            taken.Insert(0, w);
        }
        if (initials.Count != acronym.Length || taken.Count < 2) return null;
        var sameOrder = new string(initials.ToArray()) == acronym;
        var anyOrder = initials.Order().SequenceEqual(acronym.Order());
        return sameOrder || anyOrder ? string.Join(' ', taken) : null;
    }

    /// <summary>People the corpus quotes, by full name, so "Cuevas said" is known to be Gabriela Cuevas.</summary>
    public static PeopleIndex KnownPeople(IndexSnapshot snapshot)
    {
        var speakers = new List<string>();
        foreach (var document in snapshot.Documents)
            foreach (var s in snapshot.Analysis(document.Source).Sentences)
                if (s.Speaker is { } speaker && LooksLikePerson(StripTitles(speaker))) speakers.Add(StripTitles(speaker));
        var text = string.Join("\n", snapshot.Documents.Select(d => d.Text));
        return new PeopleIndex(speakers, text);
    }

    /// <summary>"Secretary Luis Videgaray" → "Luis Videgaray": a title is not part of the name.</summary>
    public static string StripTitles(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (parts.Count > 1 && Titles.Contains(parts[0].TrimEnd('.'))) parts.RemoveAt(0);
        return string.Join(' ', parts);
    }

    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "Secretary", "Gen", "General", "Adm", "Admiral", "Minister", "Senator", "Sen", "Rep", "Representative", "Director", "Deputy",
        "Ambassador", "Commissioner", "Attorney", "Governor", "Gov", "Mayor", "Chief", "Judge", "Professor", "Prof", "Dr", "Mr", "Mrs", "Ms",
        "Foreign", "Former", "Defense", "Spokesperson", "Spokesman", "Spokeswoman", "Agent", "Officer", "Lt", "Col", "Capt", "Sgt", "President",
    };

    private static bool LooksLikePerson(string name) =>
        name.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(p => p.Length > 1 && char.IsUpper(p[0]) && !NotPersonWords.Contains(p.TrimEnd('’', '\'', 's')) && !NotPersonWords.Contains(p))
        && !Organisation().IsMatch(name);

    /// <summary>Full names of the people quoted in the corpus, keyed by surname.</summary>
    public sealed class PeopleIndex
    {
        private readonly Dictionary<string, string> _bySurname = new(StringComparer.Ordinal);

        public PeopleIndex(IEnumerable<string> speakers, string corpusText)
        {
            foreach (var speaker in speakers)
            {
                var surname = Surname(speaker);
                // The longest "First Last" run in the corpus that ends in this surname is the full name.
                var full = FullNames(corpusText, surname).Select(StripTitles).Append(speaker).MaxBy(n => n.Split(' ').Length)!;
                if (full.Split(' ').Length < 2) continue;
                if (!_bySurname.TryGetValue(surname, out var known) || known.Split(' ').Length < full.Split(' ').Length) _bySurname[surname] = full;
            }
        }

        public IReadOnlyCollection<string> All => _bySurname.Values.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();

        public string? FullName(string speaker) => _bySurname.GetValueOrDefault(Surname(speaker));

        public bool IsPersonPart(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(_bySurname.ContainsKey);

        /// <summary>Full names written out in a sentence (a surname alone is not asked about: the stem would be too thin).</summary>
        public IEnumerable<string> NamesIn(string sentence) =>
            _bySurname.Values.Distinct().Where(n => sentence.Contains(n, StringComparison.Ordinal)).OrderBy(n => sentence.IndexOf(n, StringComparison.Ordinal));

        private static IEnumerable<string> FullNames(string text, string surname) =>
            Regex.Matches(text, $@"\b([A-Z][\p{{L}}’'\-]+\s+){{1,2}}{Regex.Escape(surname)}\b")
                .Select(m => m.Value)
                .Select(StripTitles)
                .Where(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(p => !NotPersonWords.Contains(p) && !Titles.Contains(p.TrimEnd('.'))));
    }

    private static readonly HashSet<string> NotPersonWords = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "Mexico", "Mexican", "Mexicans", "United", "States", "U.S.", "US", "American", "Americans", "President", "Trump", "Post",
        "Washington", "Reuters", "Times", "News", "Agency", "Administration", "Department", "Government", "Congress", "Senate", "House", "White",
        "Former", "Mr.", "Ms.", "Dr.", "Officials", "Official", "When", "While", "After", "But", "And", "If", "As", "In", "On", "At", "Then",
        "Central", "North", "South", "Latin", "Border", "Patrol", "Drug", "Enforcement", "Foreign", "Relations", "Commission", "Party",
        "Service", "Institution", "Institute", "Center", "Centre", "Council", "Bureau", "Office", "University", "Foundation", "Group", "Press",
        "Research", "Congressional", "Ministry", "Secretariat", "Navy", "Army", "Police", "Cartel", "Journal", "Newspaper", "Financiero",
    };

    private static readonly HashSet<string> NotOrganisations = new(StringComparer.Ordinal)
    {
        "U.S", "US", "USA", "TV", "OK", "AM", "PM", "AP", "II", "III", "CEO", "Mr", "UN", "EU",
    };

    private static readonly HashSet<string> NotPlaces = new(StringComparer.Ordinal)
    {
        "Mexico", "United States", "U.S", "U.S.", "America", "The", "This", "That", "Trump", "Washington Post", "English", "Spanish",
        "Mexican", "American", "He", "She", "They", "It", "We", "I",
    };

    private static readonly HashSet<string> Months = new(CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Where(m => m.Length > 0), StringComparer.Ordinal);

    [GeneratedRegex(@"[“""](?<q>[^”""]{3,})[”""]")]
    private static partial Regex Quoted();

    // "10,000", "$1.6 billion", "60", "25 percent" — not parts of words or codes like "F-16" or "9/11".
    [GeneratedRegex(@"(?<![\w/\-.$])\$?\d{1,3}(,\d{3})+(\.\d+)?(\s(million|billion|percent))?(?![\w/\-]|\.\d)|(?<![\w/\-.,$])\$?\d+(\.\d+)?(\s(million|billion|percent))?(?![\w/\-%]|[.,]\d)")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(1[89]\d{2}|20\d{2})$")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"(January|February|March|April|May|June|July|August|September|October|November|December)\s*$")]
    private static partial Regex MonthBefore();

    // Acronyms and names with an organisation head word ("Drug Enforcement Administration", "Sinaloa Cartel").
    [GeneratedRegex(@"\b[A-Z]{2,6}\b(?![.\-’'][A-Za-z])|\b([A-Z][\p{L}’'\-]+\s+)+((of|for|and)\s+([A-Z][\p{L}’'\-]+\s+)*)?(Party|Agency|Bureau|Administration|Department|Institute|Commission|Council|Ministry|Secretariat|Navy|Army|Police|Cartel|Congress|Senate)\b")]
    private static partial Regex Organisation();

    [GeneratedRegex(@"^((Mexico|Mexico’s|Mexico's|U\.S\.|US|America’s|America's)\s+)+(?=\S+\s)")]
    private static partial Regex Possessive();

    [GeneratedRegex(@"^\s+(of|for)\s+[A-Z]")]
    private static partial Regex OfContinues();

    [GeneratedRegex(@"^[A-Z]{2,6}$")]
    private static partial Regex AcronymShape();

    [GeneratedRegex(@"^(The|A|An|But|And|In|On|At|For|When|While)\s+")]
    private static partial Regex LeadingThe();

    [GeneratedRegex(@"\b(in|at|from|near|across|inside)\s+(?<place>[A-Z][\p{L}’'\-]+(\s+[A-Z][\p{L}’'\-]+)*(,\s+[A-Z][a-z]+\.)?)")]
    private static partial Regex PlacePhrase();
}
