using System.Text.Json;
using ChatBot.Core.Evaluation;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Evaluation;

/// <summary>The shipped calibrations say what they were fitted on, and it is train files only, never a test split.</summary>
public sealed class CalibrationProvenanceTests
{
    public static TheoryData<string> Calibrations => new() { "local-snowflake-arctic-embed-xs-384.json", "lexical.json" };

    [Theory]
    [MemberData(nameof(Calibrations))]
    public void Every_training_entry_is_a_train_file_and_none_is_a_test_file(string calibration)
    {
        var eval = Path.Combine(RepoPaths.Fixtures, "eval");
        string Of(string file) => Calibrator.Provenance(EvalQuestion.Load(file));
        var train = Directory.GetFiles(eval, "*-train*.jsonl").Where(f => !Path.GetFileName(f).StartsWith("conversations", StringComparison.Ordinal)).Select(Of).ToHashSet(StringComparer.Ordinal);
        var test = Directory.GetFiles(eval, "*-test*.jsonl").Where(f => !Path.GetFileName(f).StartsWith("conversations", StringComparison.Ordinal)).Select(Of).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(test);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src/ChatBot.Core/Answering/Calibration", calibration)));
        var training = json.RootElement.GetProperty("training").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.NotEmpty(training);
        Assert.All(training, entry => Assert.Contains(entry, train));
        Assert.All(training, entry => Assert.DoesNotContain(entry, test));
    }
}
