using ChatBot.Core.Answering;
using ChatBot.Core.Embeddings;
using ChatBot.Core.Evaluation;
using ChatBot.Testing.Logging;
using ChatBot.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests.Answering;

/// <summary>The refusal decision and the ranker as models: how they score, load, fall back and are fitted.</summary>
public class EvidenceModelTests
{
    private static readonly string[] Features = ["a", "b"];

    [Fact]
    public void A_linear_model_scores_standardised_features_and_takes_a_missing_one_as_its_mean()
    {
        var model = new LinearModel { Features = ["a", "b"], Weights = [2, -1], Bias = 0.5, Mean = [1, 10], Scale = [0.5, 2] };
        Assert.Equal(0.5 + 2 * (2 - 1) / 0.5 - 1 * (14 - 10) / 2.0, model.Score(new Dictionary<string, double> { ["a"] = 2, ["b"] = 14 }), 9);
        Assert.Equal(0.5 + 2 * (2 - 1) / 0.5, model.Score(new Dictionary<string, double> { ["a"] = 2, ["unused"] = 99 }), 9);
        Assert.Equal(0.5, LinearModel.Sigmoid(0), 9);
        Assert.True(model.Probability(new Dictionary<string, double> { ["a"] = 3 }) > 0.99);
    }

    [Theory]
    [InlineData("local:snowflake-arctic-embed-xs:384")]
    [InlineData(AnswerCalibration.LexicalId)]
    public void The_shipped_calibrations_load_and_weigh_evidence_the_sensible_way(string modelId)
    {
        var c = AnswerCalibration.Load(modelId)!;
        Assert.NotNull(c);
        Assert.Equal(modelId, c.Model);
        Assert.NotEmpty(c.Training);
        Assert.DoesNotContain(c.Training, t => t.Contains("test", StringComparison.OrdinalIgnoreCase));
        double W(LinearModel m, string f) => m.Weights[m.Features.IndexOf(f)];
        // More of the question in the answer: more likely answered; a name the corpus never mentions, or no item of the asked kind: less.
        Assert.True(W(c.Refusal, EvidenceFeatures.MatchedWeight) > 0);
        Assert.True(W(c.Refusal, EvidenceFeatures.UnknownNames) < 0);
        Assert.True(W(c.Refusal, EvidenceFeatures.ItemMissing) < 0);
        Assert.True(W(c.Ranker, EvidenceFeatures.Coverage) > 0);
        Assert.True(W(c.Ranker, EvidenceFeatures.TypeMatch) > W(c.Ranker, EvidenceFeatures.TypeMiss));
        if (modelId != AnswerCalibration.LexicalId)
        {
            Assert.True(W(c.Refusal, EvidenceFeatures.PassageSimilarity) > 0);
            Assert.True(W(c.Ranker, EvidenceFeatures.Dense) > 0);
        }
    }

    [Fact]
    public void A_calibration_file_in_the_configured_folder_overrides_the_built_in_one()
    {
        var dir = RepoPaths.NewTempDir();
        var mine = new AnswerCalibration { Model = "local:some-model:8", Threshold = 0.7 };
        File.WriteAllText(Path.Combine(dir, AnswerCalibration.FileNameFor(mine.Model)), mine.ToJson());
        Assert.Equal(0.7, AnswerCalibration.Load("local:some-model:8", dir)!.Threshold);
        Assert.Null(AnswerCalibration.Load("local:some-model:8"));
        File.WriteAllText(Path.Combine(dir, AnswerCalibration.FileNameFor("bad")), "{ not json");
        var ex = Assert.Throws<InvalidDataException>(() => AnswerCalibration.Load("bad", dir));
        Assert.Contains("not valid calibration JSON", ex.Message);
    }

    [Fact]
    public void Without_an_embedding_provider_answering_falls_back_to_lexical_evidence_with_one_warning()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var models = new AnswerModels(Options.Create(new AnsweringOptions()), factory.CreateLogger<AnswerModels>());
        Assert.Equal(AnswerCalibration.LexicalId, models.For(dense: true).Model);
        Assert.Equal(AnswerCalibration.LexicalId, models.For(dense: false).Model);
        Assert.Single(logs.Warnings);
        Assert.Contains("lexical evidence", logs.Warnings.Single());
    }

    [Fact]
    public void An_embedding_model_without_a_calibration_falls_back_to_lexical_evidence_and_says_so()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var model = new EmbeddingModelInfo("openai", "some-embedding-model", 256);
        var models = new AnswerModels(Options.Create(new AnsweringOptions()), factory.CreateLogger<AnswerModels>(), model);
        Assert.Equal(AnswerCalibration.LexicalId, models.For(dense: true).Model);
        Assert.Contains(model.ModelId, logs.Warnings.Single());
        var local = new AnswerModels(Options.Create(new AnsweringOptions()), factory.CreateLogger<AnswerModels>(), new EmbeddingModelInfo("local", "snowflake-arctic-embed-xs", 384));
        Assert.Equal("local:snowflake-arctic-embed-xs:384", local.For(dense: true).Model);
    }

    [Fact]
    public void Logistic_regression_weighs_the_informative_feature_and_not_the_noise()
    {
        var random = new Random(7);
        var rows = new List<LabelledRow>();
        for (var i = 0; i < 200; i++)
        {
            var label = i % 2 == 0;
            var signal = (label ? 1.0 : -1.0) + random.NextDouble() * 1.5 - 0.75;
            rows.Add(new LabelledRow(new Dictionary<string, double> { ["a"] = signal, ["b"] = random.NextDouble() }, label));
        }
        var model = LogisticFit.Binary(Features, rows);
        Assert.True(model.Weights[0] > 1, $"a: {model.Weights[0]}");
        Assert.True(Math.Abs(model.Weights[1]) < 0.5, $"b: {model.Weights[1]}");
        Assert.Contains(model.L2, LogisticFit.PenaltyGrid);
        var right = rows.Count(r => model.Probability(r.X) >= 0.5 == r.Label);
        Assert.True(right > 180, $"{right}/200");
    }

    [Fact]
    public void The_ranker_fit_puts_the_right_candidate_of_each_question_first()
    {
        var random = new Random(11);
        var groups = new List<RankingGroup>();
        for (var g = 0; g < 40; g++)
        {
            var candidates = new List<LabelledRow>();
            var right = random.Next(8);
            for (var k = 0; k < 8; k++)
            {
                // "a" is higher for the right candidate, "b" is noise.
                var a = (k == right ? 1.0 : 0.0) + random.NextDouble() * 0.8;
                candidates.Add(new LabelledRow(new Dictionary<string, double> { ["a"] = a, ["b"] = random.NextDouble() }, k == right));
            }
            groups.Add(new RankingGroup($"q{g}", candidates));
        }
        var model = LogisticFit.Ranker(Features, groups);
        Assert.True(model.Weights[0] > 0);
        var firstRight = groups.Count(g => g.Candidates.MaxBy(c => model.Score(c.X))!.Label);
        Assert.True(firstRight >= 34, $"{firstRight}/40");
    }
}
