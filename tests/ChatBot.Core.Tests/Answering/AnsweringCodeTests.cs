using ChatBot.Core.Quiz;
using ChatBot.Core.Tests.Quiz;
using ChatBot.Testing;

namespace ChatBot.Core.Tests.Answering;

/// <summary>
/// The engine works on any corpus by general means: none of the test corpora's names, places,
/// organisations or outlets is written in its code (comments included), its calibration or its texts.
/// </summary>
public sealed class AnsweringCodeTests(QuizFixture articles, TidewatchQuizFixture docs, ThornburyQuizFixture handbook, LarkspurQuizFixture transit,
    VellmoorQuizFixture news, HalvardQuizFixture maker)
    : IClassFixture<QuizFixture>, IClassFixture<TidewatchQuizFixture>, IClassFixture<ThornburyQuizFixture>, IClassFixture<LarkspurQuizFixture>, IClassFixture<VellmoorQuizFixture>,
      IClassFixture<HalvardQuizFixture>
{
    private static readonly string[] Folders = ["src/ChatBot.Core"];

    private static readonly string[] Files =
    [
        "src/ChatBot/Cli/EvalCommand.cs", "src/ChatBot/Cli/CalibrateCommand.cs", "src/ChatBot/Cli/AnswerPrinter.cs",
        "prompts/refusal.txt", "prompts/injection.txt", "prompts/help.txt",
        "prompts/followup-no-speaker.txt", "prompts/followup-all-quotes-shown.txt", "prompts/followup-nothing-more.txt",
    ];

    [Fact]
    public void The_answering_code_names_nothing_of_any_test_corpus()
    {
        var names = QuestionChecks.NamesOf(articles.Bank).Concat(QuestionChecks.NamesOf(docs.Bank)).Concat(QuestionChecks.NamesOf(handbook.Bank))
            .Concat(QuestionChecks.NamesOf(transit.Bank)).Concat(QuestionChecks.NamesOf(news.Bank)).Concat(QuestionChecks.NamesOf(maker.Bank)).Distinct().ToList();
        Assert.Contains("Valdés", names); // the check sees the corpus's names
        Assert.Contains("Saltmarsh", names);
        Assert.Contains("Thornbury", names);
        Assert.Contains("Pellow", names);
        Assert.Contains("Okafor-Lindqvist", names);
        Assert.Contains("Brannock", names);
        var files = Folders.SelectMany(d => Directory.GetFiles(Path.Combine(RepoPaths.Root, d), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Llm{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) // the LLM code moves to its own project
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) // build output
            .Concat(Files.Select(f => Path.Combine(RepoPaths.Root, f)))
            .ToList();
        Assert.True(files.Count > 20);
        var found = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            found.AddRange(names.Where(name => QuizText.ContainsPhrase(text, name)).Select(name => $"{Path.GetRelativePath(RepoPaths.Root, file)} names '{name}'"));
        }
        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
