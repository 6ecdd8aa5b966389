using ChatBot.Core.Answering;
using ChatBot.Core.Corpus;

namespace ChatBot.Core.Tests.Answering;

/// <summary>How <see cref="AnswerItems"/> reads numbers and versions, on small corpora built in each test.</summary>
public sealed class ItemReadingTests
{
    /// <summary>
    /// A heading's section number ("8. Timetables", "2.1 The diploma") and the end of a year span ("2031–32") are no number items;
    /// a changelog heading's version ("5.2.1 (2030-10-08)") is.
    /// </summary>
    [Fact]
    public async Task Section_numbers_and_year_spans_count_nothing_but_a_release_heading_names_its_version()
    {
        using var fixture = EngineFixture.Over("section-number-corpus",
            ("guide.md", string.Join("\n\n",
            "# Harbour school guide",
            "## 3. Key dates 2031–32",
            "The autumn term starts on 22 September.",
            "## 8. Sailing opportunities",
            "Pupils may sail up to six hours a week.",
            "### 2.1 The diploma",
            "The diploma takes one year of full-time study.")),
            ("changes.md", string.Join("\n\n",
            "# Changes",
            "## 5.2.1 (2030-10-08)",
            "Fixed the tide table export.",
            "## 5.1.0 LTS (2030-01-15)",
            "Added a moon-phase column.")));
        var snapshot = await fixture.Index.EnsureReadyAsync();
        var items = AnswerItems.For(snapshot);
        IReadOnlyList<AnswerItem> Of(string source, string heading)
        {
            var unit = snapshot.Analysis(source).Sentences.Single(s => s.Kind == BlockKind.Heading && s.Text.Contains(heading, StringComparison.Ordinal));
            return items.In(source, unit);
        }

        Assert.DoesNotContain(Of("guide.md", "Sailing opportunities"), i => i.Type is AnswerType.Number or AnswerType.Version);
        Assert.DoesNotContain(Of("guide.md", "The diploma"), i => i.Type is AnswerType.Number or AnswerType.Version);
        Assert.DoesNotContain(Of("guide.md", "Key dates"), i => i.Type is AnswerType.Number or AnswerType.Version);
        Assert.Contains(Of("changes.md", "5.2.1"), i => i is { Type: AnswerType.Version, Text: "5.2.1" });
        Assert.Contains(Of("changes.md", "5.1.0"), i => i is { Type: AnswerType.Version, Text: "5.1.0" });
    }

    [Fact]
    public async Task A_bare_whole_number_answers_which_version_but_a_number_with_a_unit_does_not()
    {
        using var fixture = EngineFixture.Over("version-number-corpus",
            ("setup.md", string.Join("\n\n",
            "# Setup",
            "You need Harbourdb 11 or later for a busy port (12 is recommended).",
            "Allow 20 minutes for the first start.")));
        var snapshot = await fixture.Index.EnsureReadyAsync();
        var items = AnswerItems.For(snapshot);
        var question = QuestionAnalyzer.Analyze("which harbourdb version do you recommend");
        Assert.Equal(AnswerType.Version, question.Type);
        var sentences = snapshot.Analysis("setup.md").Sentences;
        var versions = sentences.Where(s => s.Text.Contains("Harbourdb", StringComparison.Ordinal))
            .SelectMany(s => items.NewItems("setup.md", s, AnswerType.Version, question)).Select(i => i.Text).ToList();
        Assert.Contains("12", versions);
        Assert.Empty(sentences.Where(s => s.Text.StartsWith("Allow", StringComparison.Ordinal))
            .SelectMany(s => items.NewItems("setup.md", s, AnswerType.Version, question)));
    }
}
