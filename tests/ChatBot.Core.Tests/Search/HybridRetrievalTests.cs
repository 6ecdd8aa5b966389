using ChatBot.Core.Answering;
using ChatBot.Core.Evaluation;
using ChatBot.Core.Search;
using ChatBot.Core.Search.Hybrid;
using ChatBot.Core.Search.VectorStores;
using ChatBot.Testing;
using ChatBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests.Search;

public class HybridRetrievalTests
{
    [Fact]
    public async Task The_dev_set_keeps_every_answer_and_refusal_with_hybrid_retrieval()
    {
        using var f = new EngineFixture(hybrid: true);
        Assert.IsType<HybridRetriever>(f.Services.GetRequiredService<IRetriever>());
        var failures = new List<string>();
        foreach (var q in EvalQuestion.Load(Path.Combine(RepoPaths.Fixtures, "eval", "dev-questions.jsonl")))
        {
            var answer = await f.Engine.AskAsync(q.Question);
            if (!EvalRunner.IsCorrect(q, answer)) failures.Add($"{q.Id}: {answer.Text}");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Both_legs_contribute_scores_to_the_fused_passages()
    {
        using var f = new EngineFixture(hybrid: true);
        var snapshot = await f.Index.EnsureReadyAsync();
        var retriever = f.Services.GetRequiredService<IRetriever>();
        var passages = await retriever.RetrieveAsync(snapshot, QuestionAnalyzer.Analyze("Where do US immigration officers train Mexican counterparts?"), 6, default);
        Assert.Equal(6, passages.Count);
        Assert.All(passages, p => Assert.NotNull(p.DenseScore));
        Assert.Contains(passages, p => p.LexicalScore is not null);
        Assert.StartsWith("002", passages[0].Chunk.Source);
        Assert.True(passages.Zip(passages.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
    }

    [Fact]
    public async Task Off_topic_questions_that_share_words_with_the_corpus_are_refused_by_similarity()
    {
        using var f = new EngineFixture(hybrid: true);
        // "security" and "border" are corpus words; the question is about something else entirely.
        var answer = await f.Engine.AskAsync("How do I reset the security code on my garage door opener at the border of the lawn?");
        Assert.False(answer.Answered);
    }

    [Fact]
    public async Task Changing_the_embedding_model_re_embeds_and_never_mixes_vectors()
    {
        await using var openai = await FakeOpenAIEmbeddingsServer.StartAsync("sk-embed");
        using var f = new EngineFixture(hybrid: true);
        await f.Index.EnsureReadyAsync();
        var local = f.Services.GetServices<IIndexLeg>().OfType<DenseIndexLeg>().Single();
        var vectors = f.Services.GetRequiredService<IChunkVectorIndex>();
        var localName = local.IndexNameFor(f.Index.Snapshot);
        Assert.True(await vectors.IsBuiltAsync(localName));

        f.Services.Dispose();
        using var other = f.Build(new Dictionary<string, string?>
        {
            ["Embeddings:Provider"] = "OpenAI",
            ["Embeddings:Endpoint"] = openai.Endpoint,
            ["Embeddings:Model"] = "text-embedding-3-small",
            ["Embeddings:ApiKey"] = "sk-embed",
            ["Embeddings:Dimensions"] = "8",
        });
        var index = other.GetRequiredService<CorpusIndex>();
        await index.EnsureReadyAsync();
        var remote = other.GetServices<IIndexLeg>().OfType<DenseIndexLeg>().Single();
        var remoteName = remote.IndexNameFor(index.Snapshot);
        Assert.NotEqual(localName, remoteName);
        var otherVectors = other.GetRequiredService<IChunkVectorIndex>();
        Assert.True(await otherVectors.IsBuiltAsync(remoteName));
        Assert.False(await otherVectors.IsBuiltAsync(localName));
        Assert.NotEmpty(openai.Requests);
        // Queries are embedded by the same model as the index: 8 dimensions, no mismatch.
        var hits = await otherVectors.SearchAsync(FakeOpenAIEmbeddingsServer.VectorFor("border", 8), 3);
        Assert.Equal(3, hits.Count);
    }
}
