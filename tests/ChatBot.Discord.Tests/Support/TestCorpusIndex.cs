using System.Collections.Concurrent;
using ChatBot.Core.Corpus;
using ChatBot.Core.Search;
using ChatBot.Testing;

namespace ChatBot.Discord.Tests.Support;

/// <summary>Engine-side stand-in for the corpus index: lists the repository's corpus files and counts re-index requests.</summary>
public sealed class TestCorpusIndex : ICorpusIndex, IIndexSnapshot
{
    public ConcurrentQueue<bool> ReindexCalls { get; } = new();

    public TestCorpusIndex()
    {
        Sources = Directory.GetFiles(RepoPaths.Corpus, "*.txt").Order().Select(f =>
        {
            var lines = File.ReadAllLines(f).Where(l => l.Trim().Length > 0).ToArray();
            return new SourceInfo(Path.GetFileName(f), new DocumentMetadata(lines[1], lines[0], null, null, null), 5, "hash", null);
        }).ToList();
    }

    public bool IsReady => true;
    public IIndexSnapshot Current => this;
    public string CorpusHash => "test-hash";
    public IReadOnlyList<CorpusDocument> Documents => [];
    public IReadOnlyList<Chunk> Chunks => [];
    public IReadOnlyList<SourceInfo> Sources { get; }
    public CorpusDocument? FindDocument(string source) => null;

    public Task<IIndexSnapshot> EnsureReadyAsync(IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default) => Task.FromResult<IIndexSnapshot>(this);

    public Task<IndexResult> ReindexAsync(bool force = false, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ReindexCalls.Enqueue(force);
        return Task.FromResult(new IndexResult(CorpusHash, Sources.Count, Sources.Count * 5, Rebuilt: true, TimeSpan.FromMilliseconds(120)));
    }
}
