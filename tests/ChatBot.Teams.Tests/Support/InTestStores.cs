using System.Collections.Concurrent;
using ChatBot.Core.Corpus;
using ChatBot.Core.Feedback;
using ChatBot.Core.Search;
using ChatBot.Testing;

namespace ChatBot.Teams.Tests.Support;

/// <summary>Keeps recorded feedback in memory (the durable store is another part's concern).</summary>
internal sealed class RecordingFeedbackStore : IFeedbackStore
{
    public ConcurrentQueue<FeedbackEntry> Entries { get; } = new();

    public Task RecordAsync(FeedbackEntry entry, CancellationToken cancellationToken = default)
    {
        Entries.Enqueue(entry);
        return Task.CompletedTask;
    }
}

/// <summary>The real corpus files' titles (first line) behind ICorpusIndex, without building indexes.</summary>
internal sealed class CorpusTitlesIndex : ICorpusIndex, IIndexSnapshot
{
    public CorpusTitlesIndex()
    {
        Documents = Directory.GetFiles(RepoPaths.Corpus, "*.txt").Order(StringComparer.Ordinal)
            .Select(path => new CorpusDocument(Path.GetFileName(path), new DocumentMetadata(File.ReadLines(path).First().Trim()), File.ReadAllText(path), ""))
            .ToList();
    }

    public bool IsReady => true;
    public IIndexSnapshot Current => this;
    public string CorpusHash => "test";
    public IReadOnlyList<CorpusDocument> Documents { get; }
    public IReadOnlyList<Chunk> Chunks => [];
    public IReadOnlyList<SourceInfo> Sources => [];
    public int Reindexed { get; private set; }

    public CorpusDocument? FindDocument(string source) => Documents.FirstOrDefault(d => d.Source == source);
    public Task<IIndexSnapshot> EnsureReadyAsync(IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default) => Task.FromResult<IIndexSnapshot>(this);

    public Task<IndexResult> ReindexAsync(bool force = false, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Reindexed++;
        return Task.FromResult(new IndexResult("test", Documents.Count, 0, force, TimeSpan.Zero));
    }
}
