using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace ChatBot.Core.Search;

/// <summary>
/// English analysis for BM25 and for term matching in answers: standard tokenizer, possessives,
/// acronym dots ("U.K." = "UK"), lower case, accent folding (users type "Quillon" for "Quillón"), English stop words,
/// general-English word bridges ("ppl" = people, "Q2" = second quarter, "death" = die: <see cref="WordBridgeFilter"/>),
/// irregular forms to their base ("ran" = "run", <see cref="BaseFormFilter"/>), Porter stemming.
/// </summary>
public sealed class SearchAnalyzer : Analyzer
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Analyzers are thread-safe (per-thread token stream reuse), so one instance serves all.</summary>
    public static SearchAnalyzer Shared { get; } = new();

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(Version, tokenizer);
        stream = new AcronymDotFilter(stream);
        stream = new LowerCaseFilter(Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
        stream = new WordBridgeFilter(stream);
        stream = new BaseFormFilter(stream);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>The analysed terms of a text, in order (duplicates kept).</summary>
    public List<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }
}
