using System.Text.RegularExpressions;

namespace ChatBot.Core.Quiz;

/// <summary>
/// What a quiz keeps to: one document ("004", "faq.html"), the documents whose titles hold some words
/// ("pricing"), or a topic (passages that use some words: "extradition"). <see cref="Key"/> is a short
/// canonical form that resolves to the same scope again; question ids carry it.
/// </summary>
public sealed partial class QuizScope
{
    private const int MaxKeyLength = 40;
    private readonly IReadOnlySet<string>? _sources;
    private readonly IReadOnlyList<string>? _topic;

    private QuizScope(string key, string description, IReadOnlySet<string>? sources, IReadOnlyList<string>? topic)
    {
        Key = key;
        Description = description;
        _sources = sources;
        _topic = topic;
    }

    public string Key { get; }

    /// <summary>What the scope is, for people: "“Harbour FAQ” (faq.html)", "the topic “extradition”".</summary>
    public string Description { get; }

    /// <summary>Exactly one document: "which document says this" would give itself away.</summary>
    public bool IsSingleDocument => _sources is { Count: 1 };

    public bool Matches(QuizFact fact)
    {
        if (fact.Kind == QuizKind.WhichArticle && (IsSingleDocument || _topic is not null)) return false;
        if (_sources is not null) return _sources.Contains(fact.Citation.Source);
        var words = QuizText.Words(fact.Citation.Quote).ToHashSet(StringComparer.Ordinal);
        return _topic!.All(t => words.Any(w => SameWord(w, t)));
    }

    public static bool IsValidKey(string key) => KeyShape().IsMatch(key);

    /// <summary>
    /// The scope a person asked for: a file name or its leading part, words of a title, or a topic found in
    /// the passages. Matching nothing, or an ambiguous file prefix, is a <see cref="QuizScopeException"/>
    /// whose one-line message lists the documents.
    /// </summary>
    public static QuizScope Resolve(string spec, QuizBank bank)
    {
        var words = QuizText.Words(spec ?? "").ToList();
        if (words.Count == 0) throw new QuizScopeException("Name an article: its file number or name, or words from its title or topic. " + Listing(bank));
        var key = string.Join('+', words);
        if (key.Length > MaxKeyLength) key = key[..MaxKeyLength].TrimEnd('+');
        var briefs = FactExtractor.BriefTitles(bank.Corpus);

        // A file: the words of its name start with what was given ("004", "faq", "faq.html").
        var byFile = bank.Corpus.Documents.Where(d => QuizText.Words(d.Source).Take(words.Count).SequenceEqual(words)).ToList();
        if (byFile.Count == 1) return new QuizScope(key, $"“{briefs[byFile[0].Source]}” ({byFile[0].Source})", new HashSet<string>([byFile[0].Source], StringComparer.Ordinal), null);
        if (byFile.Count > 1 && byFile.Count(d => !d.IsDuplicate) > 1)
            throw new QuizScopeException($"“{spec}” matches several files ({string.Join(", ", byFile.Select(d => d.Source))}); give more of the name.");
        if (byFile.Count > 1) return Documents(key, byFile, briefs);

        // Titles that hold every word given.
        var byTitle = bank.Corpus.Documents.Where(d => words.All(w => QuizText.Words(d.Title).Any(t => SameWord(t, w)))).ToList();
        if (byTitle.Count > 0) return Documents(key, byTitle, briefs);

        // A topic: passages that use every content word given.
        var topic = words.Where(w => !QuizText.FunctionWords.Contains(w)).ToList();
        if (topic.Count > 0)
        {
            var scope = new QuizScope(key, $"the topic “{string.Join(' ', topic)}”", null, topic);
            if (bank.Facts.Any(scope.Matches)) return scope;
        }
        throw new QuizScopeException($"No article or topic matches “{spec}”. {Listing(bank)}");
    }

    private static QuizScope Documents(string key, List<QuizDocument> documents, Dictionary<string, string> briefs)
    {
        var sources = documents.Select(d => d.Source).ToHashSet(StringComparer.Ordinal);
        var description = documents.Count(d => !d.IsDuplicate) <= 1
            ? $"“{briefs[documents[0].Source]}” ({string.Join(", ", documents.Select(d => d.Source))})"
            : string.Join(", ", documents.Where(d => !d.IsDuplicate).Select(d => $"“{briefs[d.Source]}”"));
        return new QuizScope(key, description, sources, null);
    }

    /// <summary>The shortest leading words of a file's name that name it alone: "004" for "004_3efa….txt", "faq" for "faq.html".</summary>
    public static string KeyFor(string source, QuizCorpus corpus) => KeyFor(source, corpus.Documents.Select(d => d.Source).ToList());

    /// <summary>
    /// What a person would type to quiz on the first indexed document ("004"), for help texts' examples;
    /// null before the index is loaded.
    /// </summary>
    public static string? ExampleKey(IReadOnlyList<Search.SourceInfo> sources)
    {
        var first = sources.FirstOrDefault(s => s.DuplicateOf is null);
        return first is null ? null : KeyFor(first.Source, sources.Select(s => s.Source).ToList()).Replace('+', ' ');
    }

    /// <summary>As <see cref="KeyFor(string, QuizCorpus)"/> among the files <paramref name="sources"/>.</summary>
    private static string KeyFor(string source, IReadOnlyCollection<string> sources)
    {
        var words = QuizText.Words(source).ToList();
        for (var n = 1; n <= words.Count; n++)
        {
            var prefix = words.Take(n).ToList();
            if (sources.Count(s => QuizText.Words(s).Take(n).SequenceEqual(prefix)) == 1)
            {
                var key = string.Join('+', prefix);
                return key.Length <= MaxKeyLength ? key : key[..MaxKeyLength].TrimEnd('+');
            }
        }
        return string.Join('+', words);
    }

    /// <summary>"Articles: 000 (“…”), faq (“Harbour FAQ”), …".</summary>
    public static string Listing(QuizBank bank)
    {
        var briefs = FactExtractor.BriefTitles(bank.Corpus);
        return "Articles: " + string.Join(", ", bank.Corpus.Originals.Select(d => $"{KeyFor(d.Source, bank.Corpus).Replace('+', ' ')} (“{briefs[d.Source]}”)")) + ".";
    }

    // "extradition" matches "extraditions", "extradited": the same word up to a short English ending.
    private static bool SameWord(string word, string asked)
    {
        if (word == asked) return true;
        var common = 0;
        while (common < word.Length && common < asked.Length && word[common] == asked[common]) common++;
        return common >= Math.Max(5, Math.Min(word.Length, asked.Length) - 3);
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9+]{0,39}$")]
    private static partial Regex KeyShape();
}
