using System.Text;
using ChatBot.Core.Corpus;

namespace ChatBot.Core.Tests.Corpus;

/// <summary>Test helpers: read a document written inside a test and look at its blocks.</summary>
internal static class Ingest
{
    public static CorpusDocument Read(string name, string content) => CorpusLoader.ReadDocument(name, content, null);

    public static List<(BlockKind Kind, string Text)> Blocks(CorpusDocument doc) =>
        doc.Layout.Blocks.Select(b => (b.Kind, doc.Text.Substring(b.Start, b.Length))).ToList();

    public static List<string> Of(CorpusDocument doc, BlockKind kind) =>
        Blocks(doc).Where(b => b.Kind == kind).Select(b => b.Text).ToList();

    /// <summary>The heading path of the block that starts with <paramref name="prefix"/>.</summary>
    public static string? SectionOf(CorpusDocument doc, string prefix)
    {
        var block = doc.Layout.Blocks.Single(b => doc.Text.AsSpan(b.Start, b.Length).StartsWith(prefix, StringComparison.Ordinal));
        return doc.Layout.PathText(block.Section);
    }

    /// <summary>Hard-wraps a paragraph at <paramref name="width"/> columns, as an editor would; later lines get <paramref name="hang"/>.</summary>
    public static string Wrap(string paragraph, int width = 72, string first = "", string hang = "")
    {
        var sb = new StringBuilder();
        var line = new StringBuilder(first);
        var lineHasWord = false;
        foreach (var word in paragraph.Split(' '))
        {
            if (lineHasWord && line.Length + 1 + word.Length > width)
            {
                sb.Append(line).Append('\n');
                line.Clear().Append(hang);
                lineHasWord = false;
            }
            if (lineHasWord) line.Append(' ');
            line.Append(word);
            lineHasWord = true;
        }
        return sb.Append(line).ToString();
    }
}
