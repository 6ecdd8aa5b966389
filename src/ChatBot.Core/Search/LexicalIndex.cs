using ChatBot.Core.Corpus;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ChatBot.Core.Search;

/// <summary>BM25 over the chunks with Lucene.Net, stored in a folder of the data dir (or, for a shared corpus version, in memory).</summary>
public sealed class LexicalIndex : IDisposable
{
    private const string IdField = "id";
    private const string TextField = "text";
    private const string SourceField = "source";

    private readonly LuceneDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    private LexicalIndex(LuceneDirectory directory)
    {
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public static void Build(string folder, IEnumerable<Chunk> chunks)
    {
        using var directory = FSDirectory.Open(folder);
        Write(directory, chunks);
    }

    /// <summary>BM25 over the chunks held in memory: a shared corpus version is loaded, not stored in the data dir.</summary>
    public static LexicalIndex InMemory(IEnumerable<Chunk> chunks)
    {
        var directory = new RAMDirectory();
        Write(directory, chunks);
        return new LexicalIndex(directory);
    }

    private static void Write(LuceneDirectory directory, IEnumerable<Chunk> chunks)
    {
        var config = new IndexWriterConfig(SearchAnalyzer.Version, SearchAnalyzer.Shared)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
        };
        using var writer = new IndexWriter(directory, config);
        foreach (var chunk in chunks)
        {
            writer.AddDocument(new Document
            {
                new StringField(IdField, chunk.Id, Field.Store.YES),
                new StringField(SourceField, chunk.Source, Field.Store.YES),
                new TextField(TextField, chunk.Text, Field.Store.NO),
            });
        }
        writer.Commit();
    }

    public static LexicalIndex Open(string folder) => new(FSDirectory.Open(folder));

    public int Count => _reader.NumDocs;

    /// <summary>
    /// Top chunks for a query by BM25. The query is analysed into terms and OR-ed, never parsed,
    /// so no user text can be a syntax error or a query-language injection.
    /// </summary>
    public IReadOnlyList<(string ChunkId, double Score)> Search(IReadOnlyCollection<string> queryTerms, int top)
    {
        if (queryTerms.Count == 0) return [];
        var query = new BooleanQuery();
        foreach (var term in queryTerms.Distinct()) query.Add(new TermQuery(new Term(TextField, term)), Occur.SHOULD);
        var hits = _searcher.Search(query, top);
        var results = new List<(string, double)>(hits.ScoreDocs.Length);
        foreach (var hit in hits.ScoreDocs)
        {
            results.Add((_searcher.Doc(hit.Doc).Get(IdField), hit.Score));
        }
        return results;
    }

    /// <summary>Every analysed term of the chunks with the number of chunks holding it (for spelling correction).</summary>
    public IReadOnlyList<(string Term, int DocFrequency)> Vocabulary()
    {
        var list = new List<(string, int)>();
        var terms = MultiFields.GetTerms(_reader, TextField);
        if (terms is null) return list;
        var e = terms.GetEnumerator();
        while (e.MoveNext()) list.Add((e.Term.Utf8ToString(), e.DocFreq));
        return list;
    }

    /// <summary>Number of chunks that contain a term.</summary>
    public int DocFrequency(string term) => _reader.DocFreq(new Term(TextField, term));

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
