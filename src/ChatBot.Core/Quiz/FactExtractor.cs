using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatBot.Core.Quiz;

/// <summary>
/// Finds quiz-worthy facts in a corpus without an LLM and without knowing the corpus: who said a
/// quotation, numbers asked about what they count, dates of events, who or what did something (the
/// subject of a clause), names missing from a passage, true/false statements (a sentence or a copy with
/// one name or number swapped for another of the same kind), and which document says a sentence. Each
/// question names its document briefly; its answer is written in the cited passage exactly as given.
/// Only sentences inside indexed chunks are used, so a near-duplicate's repeated passages never are.
/// </summary>
public sealed partial class FactExtractor
{
    public const string Blank = "___";
    private const int MinWords = 7;
    private const int MaxWords = 45;
    // A statement for true/false or "which document" is read whole: keep it short.
    private const int MaxStatementWords = 35;
    private const int MinQuotedWords = 6;

    private readonly QuizCorpus _corpus;
    private readonly CorpusNames _names;
    private readonly string _foldedCorpus;
    private readonly Dictionary<string, string> _brief;
    private readonly List<QuizFact> _facts = [];

    private FactExtractor(QuizCorpus corpus, CorpusNames names)
    {
        _corpus = corpus;
        _names = names;
        _foldedCorpus = " " + QuizText.Normalize(string.Join("\n", corpus.Documents.Select(d => d.Text))) + " ";
        _brief = BriefTitles(corpus);
    }

    public static IReadOnlyList<QuizFact> Extract(QuizCorpus corpus, CorpusNames names)
    {
        var extractor = new FactExtractor(corpus, names);
        extractor.Run();
        return extractor._facts;
    }

    /// <summary>Short, distinct names for the documents (the outlet or file is added where two would read the same).</summary>
    public static Dictionary<string, string> BriefTitles(QuizCorpus corpus)
    {
        var brief = corpus.Documents.ToDictionary(d => d.Source, d => QuizText.BriefTitle(d.Title), StringComparer.Ordinal);
        foreach (var group in corpus.Originals.GroupBy(d => brief[d.Source], StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            foreach (var d in group) brief[d.Source] = $"{brief[d.Source]} ({d.Outlet ?? d.Source})";
        return brief;
    }

    private void Run()
    {
        foreach (var document in _corpus.Documents)
        {
            foreach (var sentence in document.Sentences)
            {
                if (sentence.ChunkId is null) continue; // a passage the index left out (repeated from another document)
                WhoSaid(document, sentence);
                var text = Statement(sentence.Text);
                var words = QuizText.WordCount(text);
                if (words < MinWords || words > MaxWords || !CorpusNames.IsProse(sentence.Text) || !StartsLikeASentence(text)
                    || sentence.QuotedShare > 0.2 || sentence.Speaker is not null && sentence.SpeakerInherited || LooksLikeCode(text) || !HasVerb(text)) continue;
                Numbers(document, sentence, text);
                Dates(document, sentence, text);
                Names(document, sentence, text);
                if (!StartsWithPronoun(text))
                {
                    TrueFalse(document, sentence, text);
                    WhichDocument(document, sentence, text);
                }
            }
        }
    }

    // ---------------------------------------------------------------- who said

    private void WhoSaid(QuizDocument document, QuizSentence sentence)
    {
        if (sentence.Speaker is null || sentence.QuotedShare < 0.3) return;
        var speakerRun = _names.Runs(sentence.Speaker + " said.").FirstOrDefault();
        if (speakerRun is null || _names.KindOf(speakerRun.Text) != QuizAnswerKind.Person && _names.KindOf(CorpusNames.Surname(speakerRun.Text)) != QuizAnswerKind.Person) return;
        var full = _names.FullName(speakerRun.Text);
        var quoted = string.Join(" … ", Quoted().Matches(sentence.Text).Select(m => m.Groups["q"].Value.Trim().TrimEnd(',')).Where(q => q.Length > 0));
        if (QuizText.WordCount(quoted) < MinQuotedWords) return;

        // The passage cited must name the speaker: take the sentence, and the ones before it in the same
        // chunk and paragraph, back to where the name is written (in full when the corpus has it there).
        var span = PassageNaming(document, sentence, full, CorpusNames.Surname(full), out var written);
        if (span is null || written is null) return;
        var alternatives = PersonAlternatives(full, written);
        if (alternatives.Any(a => QuizText.ContainsPhrase(quoted, a))) return; // the quotation names its speaker
        var stem = $"Who said this, according to “{_brief[document.Source]}”: “{quoted}”?";
        if (alternatives.Any(a => QuizText.ContainsPhrase(stem, a))) return;
        var citation = Citation(document, sentence, span.Value);
        Add(new QuizFact($"{document.Source}#{sentence.Index}#said", QuizKind.WhoSaid, QuizAnswerKind.Person, written, alternatives, stem, citation,
            Mentions(CorpusNames.Surname(full)), sentence.Rarity, Context: quoted));
    }

    /// <summary>The passage from the last sentence that writes the name (the full name if any does) to <paramref name="sentence"/>.</summary>
    private static (int Start, int End)? PassageNaming(QuizDocument document, QuizSentence sentence, string full, string surname, out string? written)
    {
        written = null;
        var candidates = document.Sentences.Where(s => s.Index <= sentence.Index && s.Index >= sentence.Index - 3 && s.Paragraph == sentence.Paragraph && s.ChunkId == sentence.ChunkId)
            .OrderByDescending(s => s.Index).ToList();
        foreach (var name in new[] { full, surname }.Distinct())
        {
            var from = candidates.FirstOrDefault(s => QuizText.ContainsPhrase(s.Text, name) && s.Text.Contains(name, StringComparison.Ordinal));
            if (from is null) continue;
            written = name;
            return (from.Start, sentence.End);
        }
        return null;
    }

    /// <summary>A person is named by the full name, first name and surname, the last two names, or the surname alone.</summary>
    public static IReadOnlyList<string> PersonAlternatives(string fullName, string? written = null)
    {
        var parts = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var list = new List<string>();
        if (written is not null) list.Add(written);
        list.Add(fullName);
        list.Add(parts[^1]);
        if (parts.Length >= 3) { list.Add(string.Join(' ', parts[^2..])); list.Add(parts[0] + " " + parts[^1]); }
        return list.Distinct(StringComparer.Ordinal).ToList();
    }

    // ---------------------------------------------------------------- numbers

    private void Numbers(QuizDocument document, QuizSentence sentence, string text)
    {
        foreach (var m in NumberMentions(text))
        {
            var answer = m.Text;
            var alternatives = NumberAlternatives(answer);
            var context = text[..m.Start] + Blank + text[m.End..];
            // Another mention of the same value would give it away.
            if (NumberWords.Values(context).Contains(m.Value)) continue;
            string stem;
            var (clauseStart, clauseEnd) = Clause(text, m.Start, m.End);
            var clause = text[clauseStart..clauseEnd];
            var relStart = m.Start - clauseStart;
            var restOfClause = clause[(relStart + m.Replaced)..];
            var inParentheses = clause[..relStart].LastIndexOf('(') > clause[..relStart].LastIndexOf(')');
            if (!m.Hyphenated && QuizText.WordCount(clause) - QuizText.WordCount(m.Text) >= 5 && !StartsWithPronoun(clause) && !restOfClause.Contains(", ", StringComparison.Ordinal) && !inParentheses)
            {
                var asked = clause[..relStart] + m.Ask + restOfClause;
                stem = $"According to “{_brief[document.Source]}”, {LowerFirst(StripConnector(asked)).TrimEnd('.', ',', ';', ':', ' ')}?";
            }
            else stem = $"“{context}” — {QuizText.Capitalize(m.AskShort)}, according to “{_brief[document.Source]}”?";
            if (alternatives.Any(a => QuizText.ContainsPhrase(stem, a)) || NumberWords.Values(stem).Contains(m.Value)) continue;
            Add(new QuizFact($"{document.Source}#{sentence.Index}#n{m.Start}", QuizKind.Number, QuizAnswerKind.Number, answer, alternatives, stem,
                Citation(document, sentence), Mentions(answer), sentence.Rarity, Context: context));
        }
    }

    private sealed record NumberMention(string Text, int Start, int End, double Value, string Ask, int Replaced, string AskShort, bool Hyphenated);

    /// <summary>Counts, sums and percentages that say what they count ("14 people", "$24", "50%"), not ids, versions, times or years.</summary>
    private static IEnumerable<NumberMention> NumberMentions(string text)
    {
        foreach (Match m in NumberPattern().Matches(text))
        {
            var raw = m.Value;
            var before = text[..m.Index];
            var after = text[(m.Index + m.Length)..];
            var money = m.Groups["cur"].Success;
            var percent = m.Groups["pct"].Success;
            var scaled = m.Groups["scale"].Success;
            var digits = m.Groups["num"].Value;
            if (!NumberWords.TryParseNumeral(raw.Replace("%", " percent", StringComparison.Ordinal), out var value) || value < 2) continue;
            if (digits.Contains('.') && !money && !percent && !scaled) continue;              // "4.1", "3.8": versions
            if (!money && !percent && !scaled && !digits.Contains(',') && YearShape().IsMatch(digits)) continue; // a year: asked as a date
            if (IdentifierBefore().IsMatch(before)) continue;                                  // "Server 12", "port 8421", "version 4"
            if (DefiniteBefore().IsMatch(before)) continue;                                    // "the two countries": known already, not a fact to learn
            if (VagueSpanBefore().IsMatch(before)) continue;                                   // "over the past two decades": a manner of speaking
            if (RangePartner().IsMatch(after) || RangeBefore().IsMatch(before) && !FromRange().IsMatch(before)) continue; // "two to three weeks"
            if (MonthBefore().IsMatch(before) || MonthAfter().IsMatch(after)) continue;          // a day of a date
            var hyphen = HyphenUnit().Match(after);
            if (hyphen.Success && !money && !percent)
            {
                var unit = hyphen.Groups["u"].Value;
                yield return new NumberMention(raw, m.Index, m.Index + m.Length, value, "", 0, $"how many {Plural(unit)}", true);
                continue;
            }
            if (money || scaled && !CountedNoun(after, out _))
            {
                yield return new NumberMention(raw, m.Index, m.Index + m.Length, value, "how much", m.Length, "how much", false);
                continue;
            }
            if (percent)
            {
                yield return new NumberMention(raw, m.Index, m.Index + m.Length, value, "what percentage", m.Length, "what percentage", false);
                continue;
            }
            if (!CountedNoun(after, out var noun)) continue; // a bare number: nothing to ask "how many" about
            yield return new NumberMention(raw, m.Index, m.Index + m.Length, value, "how many", m.Length, $"how many {noun}", false);
        }
    }

    /// <summary>The plural noun (or unit) a number counts: "people", "probe locations", "GB of RAM".</summary>
    private static bool CountedNoun(string after, out string noun)
    {
        noun = "";
        var m = NounAfter().Match(after);
        if (!m.Success) return false;
        var words = m.Groups["n"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(w => !QuizText.FunctionWords.Contains(w)).Take(3).ToList();
        if (words.Count == 0) return false;
        var head = words[^1];
        var unit = words.Count == 1 && UnitShape().IsMatch(head);
        if (!unit && !(head.EndsWith('s') && !head.EndsWith("ss", StringComparison.Ordinal) && head.Length > 2)) return false;
        noun = string.Join(' ', words);
        if (VerbLikeNext().IsMatch(after[(m.Index + m.Length)..])) return false; // "399 counts as up": a verb, not a noun
        if (unit && OfWord().Match(after[(m.Index + m.Length)..]) is { Success: true } of) noun += " of " + of.Groups["w"].Value;
        return true;
    }

    private static string Plural(string unit) => unit.EndsWith('s') ? unit : unit.EndsWith('y') && unit.Length > 2 && !"aeiou".Contains(unit[^2]) ? unit[..^1] + "ies" : unit + "s";

    public static IReadOnlyList<string> NumberAlternatives(string raw)
    {
        var list = new List<string> { raw };
        var plain = raw.Replace(",", "", StringComparison.Ordinal);
        list.Add(plain);
        if (raw.Contains(',')) list.Add(raw.Replace(",", " ", StringComparison.Ordinal));
        if (raw.StartsWith('$') || raw.StartsWith('€') || raw.StartsWith('£')) list.Add(plain[1..]);
        if (raw.EndsWith('%')) { list.Add(plain[..^1] + " percent"); list.Add(plain[..^1]); }
        if (NumberWords.TryParseNumeral(raw, out var v) && WordNumber().IsMatch(raw)) list.Add(v.ToString(CultureInfo.InvariantCulture));
        return list.Distinct(StringComparer.Ordinal).ToList();
    }

    // ---------------------------------------------------------------- dates

    private void Dates(QuizDocument document, QuizSentence sentence, string text)
    {
        foreach (Match m in DatePattern().Matches(text))
        {
            var answer = m.Value.TrimEnd(',');
            var start = m.Index;
            var end = m.Index + answer.Length;
            var after = text[end..];
            var before = text[..start];
            // "the Sept. 11, 2001, attacks", "the 2018 election": a date used as a name is general knowledge, not the material.
            if (AttributiveDate().IsMatch(after) || PossessiveOrRange().IsMatch(after) || DateRangeBefore().IsMatch(before) || before.TrimEnd().EndsWith('(')) continue;
            var prep = PrepositionBefore().Match(before);
            var kind = m.Groups["day"].Success ? "date" : m.Groups["month"].Success ? "month" : "year";
            var context = text[..start] + Blank + text[end..];
            if (QuizText.ContainsPhrase(context, m.Groups["year"].Value)) continue;
            var (clauseStart, clauseEnd) = Clause(text, start, end);
            var clause = text[clauseStart..clauseEnd];
            string? stem = null;
            if (prep.Success && !StartsWithPronoun(clause) && QuizText.WordCount(clause) >= 5 && !clause[(end - clauseStart)..].Contains(", ", StringComparison.Ordinal))
            {
                var phraseStart = prep.Index - clauseStart;
                var phraseEnd = end - clauseStart;
                var wh = kind switch { "date" => "on what date", "month" => "in what month and year", _ => "in what year" };
                var fronted = AuxFronted(clause, phraseStart, phraseEnd, kind);
                var question = fronted ?? clause[..phraseStart] + ReplacePreposition(prep.Groups["p"].Value, wh) + clause[phraseEnd..];
                stem = $"According to “{_brief[document.Source]}”, {LowerFirst(StripConnector(question)).TrimEnd('.', ',', ';', ':', ' ')}?";
                stem = TidySpaces(stem);
            }
            stem ??= $"“{context}” — {(kind == "year" ? "In what year" : "When")}, according to “{_brief[document.Source]}”?";
            if (QuizText.ContainsPhrase(stem, answer) || QuizText.ContainsPhrase(stem, m.Groups["year"].Value)) continue;
            Add(new QuizFact($"{document.Source}#{sentence.Index}#d{start}", QuizKind.Date, QuizAnswerKind.Date, answer, DateAlternatives(answer), stem,
                Citation(document, sentence), Mentions(answer), sentence.Rarity, Context: context));
        }
    }

    /// <summary>"X was founded in 2019 in Kelderby" → "In what year was X founded in Kelderby": the auxiliary moves before the subject.</summary>
    private string? AuxFronted(string clause, int phraseStart, int phraseEnd, string kind)
    {
        var m = AuxClause().Match(clause);
        if (!m.Success || m.Groups["rest"].Index > phraseStart || !PrepositionBefore().Match(clause[..phraseEnd]).Groups["p"].Value.StartsWith('i')
            && !PrepositionBefore().Match(clause[..phraseEnd]).Groups["p"].Value.StartsWith('o')) return null;
        var subject = m.Groups["subj"].Value;
        if (subject.Contains(',') || QuizText.WordCount(subject) > 10 || StartsWithPronoun(subject)) return null;
        var restStart = m.Groups["rest"].Index;
        var rest = clause[restStart..phraseStart] + clause[phraseEnd..];
        var wh = kind switch { "date" => "On what date", "month" => "When", _ => "In what year" };
        return TidySpaces($"{wh} {m.Groups["aux"].Value} {LowerFirst(subject)} {rest.Trim()}").Replace(" ,", ",", StringComparison.Ordinal);
    }

    private static string ReplacePreposition(string preposition, string wh) => preposition switch
    {
        "in" or "on" => wh,
        _ => $"{preposition} {wh.Split(' ', 2)[1]}", // "since what year", "by what date"
    };

    public static IReadOnlyList<string> DateAlternatives(string answer)
    {
        var list = new List<string> { answer };
        if (DateParts.TryParse(answer, out var parts) && parts.Month is { } month)
        {
            var monthName = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
            list.Add(parts.Day is { } day ? $"{day} {monthName} {parts.Year}" : $"{monthName} {parts.Year}");
            if (parts.Day is { } d) list.Add($"{monthName} {d}, {parts.Year}");
        }
        return list.Distinct(StringComparer.Ordinal).ToList();
    }

    // ---------------------------------------------------------------- names: actor (subject) and cloze

    private void Names(QuizDocument document, QuizSentence sentence, string text)
    {
        foreach (var run in _names.Runs(text))
        {
            if (_names.KindOf(run.Text) is not { } kind || _names.IsTopic(run.Text)) continue;
            // A document's own outlet or title ("The ___ says"): the corpus's sources, not its material.
            if (_corpus.Documents.Any(d => d.Outlet is { } o && QuizText.ContainsPhrase(o, run.Text) || QuizText.ContainsPhrase(d.Title, run.Text))) continue;
            var answer = run.Text;
            var alternatives = NameAlternatives(kind, answer);
            var (clauseStart, clauseEnd) = Clause(text, run.Start, run.End);
            var clause = text[clauseStart..clauseEnd];
            var before = text[clauseStart..run.Start];
            var after = text[run.End..clauseEnd];
            var context = text[..run.Start] + Blank + text[run.End..];
            string stem;
            QuizKind questionKind;
            if (SubjectPosition(before) is { } fronted && VerbAfter().IsMatch(after) && !PluralNounThenVerb().IsMatch(after)
                && QuizText.WordCount(after) >= 3 && !StartsWithPronoun(clause[..0] + after.TrimStart()))
            {
                var wh = kind switch
                {
                    QuizAnswerKind.Person => "who",
                    QuizAnswerKind.Organization => "which organisation",
                    QuizAnswerKind.Place => "which place",
                    _ => "what",
                };
                var question = (fronted.Length > 0 ? fronted + " " + wh : wh) + after.TrimEnd('.', ',', ';', ':', ' ');
                stem = $"According to “{_brief[document.Source]}”, {LowerFirst(StripConnector(question))}?";
                questionKind = QuizKind.Actor;
            }
            else
            {
                if (kind == QuizAnswerKind.Name || StartsWithPronoun(text) || run.Start == 0) continue;
                // A place mentioned in passing ("met … in ___") is trivia; one that several documents name is the material.
                if (kind == QuizAnswerKind.Place && _corpus.Originals.Count(d => QuizText.ContainsPhrase(d.Text, answer)) < 2) continue;
                var what = kind switch
                {
                    QuizAnswerKind.Person => "Who",
                    QuizAnswerKind.Organization => "Which organisation",
                    _ => "Which place",
                };
                stem = $"“{context}” — {what} goes in the blank, according to “{_brief[document.Source]}”?";
                questionKind = QuizKind.Cloze;
            }
            if (alternatives.Any(a => QuizText.ContainsPhrase(stem, a))) continue; // the stem names the answer (e.g. in the document's title)
            if (QuizText.Words(context).Where(w => w.Length > 2 && !QuizText.FunctionWords.Contains(w)).Count() < 5) continue;
            Add(new QuizFact($"{document.Source}#{sentence.Index}#a{run.Start}", questionKind, kind, answer, alternatives, stem,
                Citation(document, sentence), Mentions(kind == QuizAnswerKind.Person ? CorpusNames.Surname(answer) : answer), sentence.Rarity, Context: context));
        }
    }

    /// <summary>
    /// What comes before a name that is the subject of its clause: nothing, "the", or a fronted phrase
    /// ("After … was signed in Marrowby, the") that the question keeps. Null when the name is not the subject.
    /// </summary>
    private static string? SubjectPosition(string before)
    {
        var b = before.TrimEnd();
        if (b.Length == 0) return "";
        if (b is "The" or "the") return "";
        var m = FrontedPhrase().Match(b);
        return m.Success ? m.Groups["front"].Value.TrimEnd() : null;
    }

    private IReadOnlyList<string> NameAlternatives(QuizAnswerKind kind, string name) => NameAlternatives(_names, kind, name);

    /// <summary>The forms of a name graded right: a person's other names, an organisation's acronym or shorter name, a place's unique short form.</summary>
    public static IReadOnlyList<string> NameAlternatives(CorpusNames names, QuizAnswerKind kind, string name)
    {
        var _names = names;
        if (kind == QuizAnswerKind.Person) return PersonAlternatives(_names.FullName(name), name);
        var list = new List<string> { name };
        if (_names.OtherForm(name) is { } other) list.Add(other);
        if (kind == QuizAnswerKind.Place && name.Contains(' '))
        {
            // A unique short form: "Holm" for "Holm Sound", unless another place of the corpus uses the word ("Tarnby" of "Port Tarnby" and "Tarnby Bay").
            var others = _names.All(QuizAnswerKind.Place).Where(p => p != name).ToList();
            foreach (var word in name.Split(' '))
                if (word.Length >= 4 && !_names.IsCommonWord(word) && !others.Any(o => QuizText.ContainsPhrase(o, word))) list.Add(word);
        }
        if (kind == QuizAnswerKind.Organization)
        {
            // "Northshire Port Agency" is also just the "Port Agency".
            var words = name.Split(' ');
            for (var i = 1; i < words.Length - 1; i++)
                if (char.IsUpper(words[i][0]) && !QuizText.FunctionWords.Contains(words[i].ToLowerInvariant())) list.Add(string.Join(' ', words[i..]));
        }
        return list.Distinct(StringComparer.Ordinal).ToList();
    }

    // ---------------------------------------------------------------- true or false

    private void TrueFalse(QuizDocument document, QuizSentence sentence, string text)
    {
        if (QuizText.WordCount(text) > MaxStatementWords) return;
        var seed = StableHash(document.Source + "#" + sentence.Index);
        foreach (var (start, end, original, replacement) in Alterations(text, seed))
        {
            var altered = text[..start] + replacement + text[end..];
            if (AlsoSaid(altered, replacement)) continue; // the "false" copy must not be true elsewhere in the corpus
            var brief = _brief[document.Source];
            string Statement(string s) => $"True or false? According to “{brief}”, {LowerFirst(StripConnector(s))}";
            Add(new QuizFact($"{document.Source}#{sentence.Index}#tf", QuizKind.TrueFalse, QuizAnswerKind.TrueFalse, original, [original],
                Statement(text), Citation(document, sentence), 1, sentence.Rarity, FalseStem: Statement(altered), Context: replacement));
            return;
        }
    }

    /// <summary>Minimal changes that make a sentence false: one number, date or name swapped for another of its kind.</summary>
    private IEnumerable<(int Start, int End, string Original, string Replacement)> Alterations(string text, int seed)
    {
        var rng = new Random(seed);
        foreach (var m in NumberMentions(text).Where(n => !n.Hyphenated))
        {
            if (FromRange().IsMatch(text[..m.Start])) continue; // "from 120 to 180" would contradict "went down"
            var made = QuizBank.MadeUpNumbers(QuizAnswerKind.Number, m.Text, m.Value, rng).FirstOrDefault();
            if (made is not null && !NumberWords.Values(text).Contains(NumberWords.Values(made).FirstOrDefault())) yield return (m.Start, m.End, m.Text, made);
        }
        foreach (Match m in DatePattern().Matches(text))
        {
            if (DateRangeBefore().IsMatch(text[..m.Index]) || PossessiveOrRange().IsMatch(text[(m.Index + m.Length)..])) continue;
            var year = m.Groups["year"];
            if (!int.TryParse(year.Value, CultureInfo.InvariantCulture, out var y)) continue;
            var shifted = (y + (rng.Next(2) == 0 ? -1 : 1) * rng.Next(2, 6)).ToString(CultureInfo.InvariantCulture);
            if (!text.Contains(shifted, StringComparison.Ordinal)) yield return (year.Index, year.Index + year.Length, year.Value, shifted);
        }
        foreach (var run in _names.Runs(text))
        {
            // People and organisations only: a country swapped for a city is false by its kind, not by the material.
            if (_names.KindOf(run.Text) is not ({ } kind and (QuizAnswerKind.Person or QuizAnswerKind.Organization)) || _names.IsTopic(run.Text)) continue;
            var pool = _names.All(kind).Where(n => n != run.Text && !_names.IsTopic(n) && !QuizText.ContainsPhrase(text, n) && !QuizText.ContainsPhrase(n, run.Text) && !QuizText.ContainsPhrase(run.Text, n)
                                                   && (kind != QuizAnswerKind.Person || n.Contains(' ') == run.Text.Contains(' '))).ToArray();
            if (pool.Length == 0) continue;
            rng.Shuffle(pool);
            yield return (run.Start, run.End, run.Text, pool[0]);
        }
    }

    /// <summary>Whether some sentence of the corpus names <paramref name="name"/> and shares most of a statement's words: then it may be true.</summary>
    private bool AlsoSaid(string statement, string name)
    {
        var terms = ContentWords(statement);
        foreach (var d in _corpus.Documents)
            foreach (var s in d.Sentences)
            {
                if (!QuizText.ContainsPhrase(s.Text, name)) continue;
                var other = ContentWords(s.Text);
                if (terms.Count > 0 && terms.Count(other.Contains) >= Math.Max(3, terms.Count * 0.6)) return true;
            }
        return false;
    }

    public static HashSet<string> ContentWords(string text) =>
        QuizText.Words(text).Where(w => w.Length > 2 && !QuizText.FunctionWords.Contains(w)).ToHashSet(StringComparer.Ordinal);

    // ---------------------------------------------------------------- which document

    private void WhichDocument(QuizDocument document, QuizSentence sentence, string text)
    {
        if (document.IsDuplicate || _corpus.Originals.Count() < 3 || QuizText.WordCount(text) > MaxStatementWords) return;
        var terms = ContentWords(text);
        if (terms.Count < 6) return;
        // Distinctive: no other document says nearly the same.
        foreach (var other in _corpus.Originals.Where(d => d.Source != document.Source))
            foreach (var s in other.Sentences)
            {
                var t = ContentWords(s.Text);
                if (t.Count > 0 && terms.Count(t.Contains) >= terms.Count * 0.5) return;
            }
        // Not given away by a word of its own document's title that the other titles lack.
        var ownTitle = ContentWords(document.Title);
        var otherTitles = _corpus.Originals.Where(d => d.Source != document.Source).Select(d => ContentWords(d.Title)).ToList();
        if (terms.Any(t => ownTitle.Contains(t) && otherTitles.Count(o => o.Contains(t)) < otherTitles.Count / 2.0)) return;
        var brief = _brief[document.Source];
        var stem = $"Which document says this: “{text}”?";
        var alternatives = new List<string> { brief, document.Title, document.Source, document.Stem }.Distinct(StringComparer.Ordinal).ToList();
        Add(new QuizFact($"{document.Source}#{sentence.Index}#doc", QuizKind.WhichArticle, QuizAnswerKind.Article, brief, alternatives, stem,
            Citation(document, sentence), 1, sentence.Rarity));
    }

    // ---------------------------------------------------------------- shared

    private void Add(QuizFact fact)
    {
        // A question in the writer's voice ("who told me …") reads oddly; quoted passages may say anything.
        var own = fact.Kind is QuizKind.WhoSaid or QuizKind.WhichArticle ? "" : Quoted().Replace(fact.Stem, "");
        if (SpeaksInPerson(own)) return;
        _facts.Add(fact);
    }

    private static QuizCitation Citation(QuizDocument d, QuizSentence s, (int Start, int End)? span = null)
    {
        var quote = span is { } p ? d.Text[p.Start..p.End].Trim() : s.Text;
        return new QuizCitation(d.Source, s.ChunkId!, d.Title, d.Outlet, d.Url, quote);
    }

    private int Mentions(string term)
    {
        var t = " " + QuizText.Normalize(term) + " ";
        if (t.Trim().Length == 0) return 0;
        var count = 0;
        for (var i = _foldedCorpus.IndexOf(t, StringComparison.Ordinal); i >= 0; i = _foldedCorpus.IndexOf(t, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary>The sentence without a list bullet or a label ("- Added: …").</summary>
    public static string Statement(string sentence)
    {
        var s = Bullet().Replace(sentence.Trim(), "");
        // "How early do you warn me?: On the hosted plan …": a question heading joined to its answer.
        var asked = s.IndexOf("?: ", StringComparison.Ordinal);
        if (asked > 0) s = s[(asked + 3)..];
        // "Changed: the default …": a list label names the kind of document, not the fact.
        var label = Label().Match(s);
        return label.Success ? s[label.Length..] : s;
    }

    /// <summary>
    /// Whether a statement has a finite verb (an auxiliary, a past form, or a present form after a noun),
    /// so a heading or a list fragment ("A minor release every three months") is not taken for a claim.
    /// </summary>
    public static bool HasVerb(string text)
    {
        if (FiniteVerb().IsMatch(text)) return true;
        var words = QuizText.Words(text);
        for (var i = 1; i < words.Count; i++)
        {
            var w = words[i];
            var previous = words[i - 1];
            if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal) && !w.EndsWith("is", StringComparison.Ordinal)
                && !QuizText.FunctionWords.Contains(previous) && !previous.Any(char.IsDigit) && NumberWords.Values(previous).Count == 0
                && !previous.EndsWith('s')) return true; // "months always" is two nouns' worth, "Cloud runs" a subject and its verb
        }
        return false;
    }

    private static bool StartsLikeASentence(string text) => text.Length > 0 && (char.IsUpper(text[0]) || char.IsDigit(text[0]) || text[0] is '$' or '€' or '£');

    private static bool LooksLikeCode(string text) => text.Contains('`') || text.Contains('|') || text.Contains('=') || text.Contains('@') || text.Contains("://", StringComparison.Ordinal) || text.Contains('→');

    public static bool StartsWithPronoun(string text)
    {
        var first = QuizText.Words(StripConnector(text.TrimStart())).FirstOrDefault();
        return first is not null && QuizText.LeadingPronouns.Contains(first);
    }

    /// <summary>Drops a leading "But", "And", "However," that ties the sentence to the one before.</summary>
    public static string StripConnector(string text) => LeadingConnector().Replace(text.TrimStart(), "");

    /// <summary>Lower-cases the first letter unless the first word is a name.</summary>
    private string LowerFirst(string text)
    {
        if (text.Length == 0) return text;
        var first = FirstWord().Match(text).Value.TrimEnd('’', '\'', '.');
        if (first.Length == 0 || _names.IsWrittenCapitalised(first) || _names.IsTitleWord(first) && !QuizText.FunctionWords.Contains(first.ToLowerInvariant()) || CorpusNames.IsAcronym(first) || first.Length > 1 && char.IsUpper(first[1])) return text;
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    /// <summary>"me", "we", "you" outside quotation marks: the writer or reader, unclear in a question.</summary>
    private static bool SpeaksInPerson(string text) => PersonalPronoun().IsMatch(Quoted().Replace(text, ""));

    private static string TidySpaces(string text) => MultiSpace().Replace(text, " ").Replace(" ,", ",", StringComparison.Ordinal).Replace(" ?", "?", StringComparison.Ordinal);

    /// <summary>
    /// The clause of a sentence that holds a span: cut at semicolons, at ": ", at dashes, and at ", and"/", but"/", while"
    /// when a new subject follows, so a question keeps to one statement.
    /// </summary>
    public static (int Start, int End) Clause(string text, int spanStart, int spanEnd)
    {
        var start = 0;
        var end = text.Length;
        foreach (Match m in ClauseBreak().Matches(text))
        {
            if (m.Index + m.Length <= spanStart) start = Math.Max(start, m.Index + m.Length);
            else if (m.Index >= spanEnd) { end = Math.Min(end, m.Index); break; }
        }
        return (start, end);
    }

    private static int StableHash(string text)
    {
        var h = 17;
        foreach (var c in text) h = unchecked(h * 31 + c);
        return h & 0x7fffffff;
    }

    [GeneratedRegex(@"[“""](?<q>[^”""]{3,})[”""]")]
    private static partial Regex Quoted();

    // "10,000", "$1.6 billion", "60", "25 percent", "50%", and small numbers in words — not parts of words or codes like "F-16", "9/11", "#1482", "10:00".
    [GeneratedRegex(@"(?<![\w/\-.,:#$€£])(?<cur>[$€£])?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<pct>%|\s+percent)?(?:\s+(?<scale>million|billion|trillion))?(?![\w/%:]|[.,]\d)|(?<![\w\-])(?<num>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|dozen)(?![\w\-])", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|dozen)$", RegexOptions.IgnoreCase)]
    private static partial Regex WordNumber();

    [GeneratedRegex(@"^(1[89]\d{2}|20\d{2})$")]
    private static partial Regex YearShape();

    // A capitalised word, or a word naming what the number identifies, right before it: an identifier, not a count.
    [GeneratedRegex(@"(\b[A-Z][\w.\-]*|\b(?i:version|versions|port|ports|v|no|number|step|section|chapter|page|item|line|release|issue|room|route|level|grade|class|type|mode|option|code|error|build|patch)|[#№])\s*$")]
    private static partial Regex IdentifierBefore();

    [GeneratedRegex(@"\b(past|last|next|few|first|coming)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex VagueSpanBefore();

    [GeneratedRegex(@"\b(the|these|those|both)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex DefiniteBefore();

    [GeneratedRegex(@"^\s*(to|or|and|-|–)\s+\$?\d")]
    private static partial Regex RangePartner();

    [GeneratedRegex(@"\d\s*(to|or|and|-|–)\s+\$?$")]
    private static partial Regex RangeBefore();

    [GeneratedRegex(@"\bfrom\s+\$?[\d,.]+\s+to\s+\$?$")]
    private static partial Regex FromRange();

    [GeneratedRegex(@"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s*$")]
    private static partial Regex MonthBefore();

    [GeneratedRegex(@"^\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b")]
    private static partial Regex MonthAfter();

    [GeneratedRegex(@"^-(?<u>[a-z]+)\b")]
    private static partial Regex HyphenUnit();

    [GeneratedRegex(@"^\s+(?<n>[a-zA-Z][a-zA-Z\-]*(\s+[a-z][a-z\-]*){0,3})")]
    private static partial Regex NounAfter();

    [GeneratedRegex(@"^\s+(as|like)\b")]
    private static partial Regex VerbLikeNext();

    [GeneratedRegex(@"^[A-Z]{1,3}$|^[A-Z][a-z]?B$")]
    private static partial Regex UnitShape();

    [GeneratedRegex(@"^\s+of\s+(?<w>[A-Za-z]+)")]
    private static partial Regex OfWord();

    // "14 October 2024", "March 30, 2017", "Sept. 11, 2001", "May 2020", "2019".
    [GeneratedRegex(@"(?<![\w$€£.,\-/])(?:(?<day>\d{1,2})\s+(?<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?<year>(?:1[89]|20)\d{2})|(?<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)\s+(?<day>\d{1,2}),?\s+(?<year>(?:1[89]|20)\d{2})|(?<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?<year>(?:1[89]|20)\d{2})|(?<year>(?:1[89]|20)\d{2}))(?![\w\-/%]|[.,]\d|\s+(percent|million|billion))")]
    private static partial Regex DatePattern();

    // A date followed by a noun it qualifies: "2001, attacks", "2018 election".
    [GeneratedRegex(@"^,?\s+(?<w>[a-z][a-z\-]+)\b(?<!\s(a|an|the|and|or|but|in|on|at|to|from|by|for|with|when|while|after|before|as|that|which|who|is|was|were|are|has|had|have|will|would|could|should|can|may|might|its|his|her|their|our|until|since|during|through|against|amid|despite|so|then|where|than|of|be|been|being|not|also|only|just|this|these|those|said|says|he|she|they|we|it|i|you|if|because|although|though|unless|once|per|via|about|over|under|into|onto|up|down|off|out|around|along|among|between|within|without))\b")]
    private static partial Regex AttributiveDate();

    [GeneratedRegex(@"^(’s|'s|\s*(and|to|or|-|–)\s+(\d|January|February|March|April|May|June|July|August|September|October|November|December))")]
    private static partial Regex PossessiveOrRange();

    [GeneratedRegex(@"\b(between|from)\s+\S+\s*$|\d\s*(and|to|or|-|–)\s+$")]
    private static partial Regex DateRangeBefore();

    [GeneratedRegex(@"\b(?<p>in|on|since|by|until|before|after|during|from)\s+(?:early|late|mid-)?\s*$")]
    private static partial Regex PrepositionBefore();

    [GeneratedRegex(@"^(?<subj>[A-Z][^,;:]*?)\s+(?<aux>is|are|was|were|has been|have been|had been|will be|would be|can be)\s+(?<rest>\S.*)$")]
    private static partial Regex AuxClause();

    // After a subject: a verb — an auxiliary or modal, a form in -s or -ed, a common irregular past — maybe after an adverb in -ly.
    [GeneratedRegex(@"^\s+(\w+ly\s+)?(is|are|was|were|has|have|had|will|would|can|could|may|might|should|must|does|did|isn’t|wasn’t|won’t|doesn’t|didn’t|can’t|isn't|wasn't|won't|doesn't|didn't|can't|said|told|went|made|took|gave|came|became|ran|wrote|won|began|brought|thought|got|kept|sent|left|met|paid|led|held|found|built|spent|saw|knew|[a-z]+ed|[a-z]+[^su\s’']s)\b")]
    private static partial Regex VerbAfter();

    // "alerts failed": a plural noun then a verb means the name was a modifier ("Slack alerts"), not the subject.
    [GeneratedRegex(@"^\s+[a-z]+s\s+(\w+ly\s+)?(is|are|was|were|has|have|had|will|would|can|could|may|might|should|must|[a-z]+ed)\b")]
    private static partial Regex PluralNounThenVerb();

    // A fronted phrase ended by a comma, then maybe "the": "After … in Marrowby, the".
    [GeneratedRegex(@"^(?<front>(After|When|While|Before|Although|Though|If|As|Since|Because|Once|Until|Unless|In|On|At|During|With|For|By|Last|This|Earlier|Later|Today|Yesterday|Meanwhile|Instead|Still|Now)\b[^;:]*,)(\s+the)?$")]
    private static partial Regex FrontedPhrase();

    [GeneratedRegex(@";\s|:\s|\s[—–]\s|,\s+(and|but|while|whereas|so|or)\s+(?=((the|a|an|most|some|all|no|every|each|many|few|we|they|he|she|it|i|you|this|that|these|those|there|his|her|their|its|our|my)\b|[A-Z]))")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"^((But|And|So|Yet|Or|However|Also|Still|Meanwhile|Instead|Indeed|Moreover|Furthermore|Then)\b,?\s+)+")]
    private static partial Regex LeadingConnector();

    [GeneratedRegex(@"^[\p{L}\p{N}’'.\-]+")]
    private static partial Regex FirstWord();

    [GeneratedRegex(@"\b(I|me|my|we|us|our|you|your)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PersonalPronoun();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex MultiSpace();

    [GeneratedRegex(@"^([A-Z][A-Za-z\-]*\s?){1,2}:\s+(?=[a-z])")]
    private static partial Regex Label();

    [GeneratedRegex(@"\b(is|are|was|were|has|have|had|will|would|can|could|may|might|should|must|does|did|do|isn’t|aren’t|wasn’t|don’t|doesn’t|can’t|won’t|[a-z]{3,}ed)\b")]
    private static partial Regex FiniteVerb();

    [GeneratedRegex(@"^([-*•]\s+|\d+\.\s+)")]
    private static partial Regex Bullet();
}

/// <summary>The parts of a date as written: year, and month and day when given.</summary>
public readonly record struct DateParts(int Year, int? Month, int? Day)
{
    public static bool TryParse(string text, out DateParts parts)
    {
        parts = default;
        var year = YearIn(text);
        if (year is null) return false;
        int? month = null;
        foreach (var word in QuizText.Words(text))
        {
            for (var m = 1; m <= 12; m++)
            {
                var name = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m).ToLowerInvariant();
                if (word == name || word.Length >= 3 && name.StartsWith(word, StringComparison.Ordinal)) month = m;
            }
        }
        int? day = null;
        foreach (var word in QuizText.Words(text))
            if (word.Length <= 2 && int.TryParse(word, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 31) day = d;
        // ISO dates: "2024-10-08".
        var iso = System.Text.RegularExpressions.Regex.Match(text, @"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b");
        if (iso.Success)
        {
            month = int.Parse(iso.Groups[2].Value, CultureInfo.InvariantCulture);
            day = iso.Groups[3].Success ? int.Parse(iso.Groups[3].Value, CultureInfo.InvariantCulture) : null;
        }
        parts = new DateParts(year.Value, month, month is null ? null : day);
        return true;
    }

    private static int? YearIn(string text)
    {
        foreach (var word in QuizText.Words(text))
            if (word.Length == 4 && int.TryParse(word, CultureInfo.InvariantCulture, out var y) && y is >= 1000 and <= 2999) return y;
        var iso = System.Text.RegularExpressions.Regex.Match(text, @"\b(\d{4})-\d{2}");
        return iso.Success ? int.Parse(iso.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }
}
