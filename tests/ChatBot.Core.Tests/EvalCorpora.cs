using System.Collections.Concurrent;
using ChatBot.Testing;

namespace ChatBot.Core.Tests;

/// <summary>
/// One hybrid engine per evaluation corpus, shared by the question and the conversation regression checks, so each corpus
/// is indexed and embedded once per run rather than once per check.
/// </summary>
public sealed class EvalCorpora : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<EngineFixture>> _fixtures = new(StringComparer.Ordinal);

    /// <summary>The engine over "corpus" (the articles) or a folder under tests/fixtures ("corpora/tidewatch").</summary>
    public EngineFixture For(string corpus) =>
        _fixtures.GetOrAdd(corpus, c => new Lazy<EngineFixture>(
            () => new EngineFixture(c == "corpus" ? RepoPaths.Corpus : Path.Combine(RepoPaths.Fixtures, c), hybrid: true))).Value;

    public void Dispose()
    {
        foreach (var fixture in _fixtures.Values.Where(f => f.IsValueCreated)) fixture.Value.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EvalSplitsCollection : ICollectionFixture<EvalCorpora>
{
    public const string Name = "Evaluation splits";
}
