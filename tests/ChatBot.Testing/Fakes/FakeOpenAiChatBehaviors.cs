using System.Text.RegularExpressions;

namespace ChatBot.Testing.Fakes;

/// <summary>
/// Ready-made behaviours for <see cref="FakeOpenAiChatServer.Behavior"/>. The answering ones read the
/// numbered passages from the prompt the way a model would ("[n] Title (Outlet)" then the text), so
/// they work for any question and corpus.
/// </summary>
public static partial class FakeOpenAiChatBehaviors
{
    /// <summary>
    /// A grounded answer: from each of the first <paramref name="passages"/> passages, the sentence sharing
    /// most words with the question in the prompt's &lt;question&gt; fence, each followed by its [n].
    /// </summary>
    public static Func<RecordedChatRequest, FakeChatReply> AnswerFromPassages(int passages = 2) => request =>
    {
        var found = ParsePassages(request.SystemText);
        if (found.Count == 0) return new FakeChatReply.Text("I don't know");
        var question = ParseQuestion(request.UserText) ?? "";
        var sentences = found.Take(passages).Select(p => $"{BestSentence(p.Text, question)} [{p.Number}].");
        return new FakeChatReply.Text(string.Join(" ", sentences));
    };

    /// <summary>The text inside the prompt's &lt;question&gt;…&lt;/question&gt; fence.</summary>
    public static string? ParseQuestion(string prompt) =>
        QuestionFence().Match(prompt) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    /// <summary>A grounded first sentence, then a second one citing a passage that was not given ([count + 4]).</summary>
    public static Func<RecordedChatRequest, FakeChatReply> CiteMissingPassage() => request =>
    {
        var found = ParsePassages(request.SystemText);
        if (found.Count == 0) return new FakeChatReply.Text("I don't know");
        var first = found[0];
        var missing = found.Count + 4;
        var second = found.Count > 1 ? FirstSentence(found[1].Text) : FirstSentence(first.Text);
        return new FakeChatReply.Text($"{FirstSentence(first.Text)} [{first.Number}]. {second} [{missing}].");
    };

    /// <summary>Ignores the passages: confident claims from "outside knowledge", cited as [1].</summary>
    public static Func<RecordedChatRequest, FakeChatReply> IgnorePassages() => _ =>
        new FakeChatReply.Text("The border wall was completed in 1848 and paid for entirely by Canada [1]. Penguins now patrol the Rio Grande at night [1].");

    /// <summary>The prompt's refusal.</summary>
    public static Func<RecordedChatRequest, FakeChatReply> IDontKnow() => _ => new FakeChatReply.Text("I don't know");

    /// <summary>The same reply to every request.</summary>
    public static Func<RecordedChatRequest, FakeChatReply> Always(FakeChatReply reply) => _ => reply;

    /// <summary>A reply computed from the request (e.g. a rewrite that reads the conversation).</summary>
    public static Func<RecordedChatRequest, FakeChatReply> Reply(Func<RecordedChatRequest, string> content) =>
        request => new FakeChatReply.Text(content(request));

    /// <summary>Step i answers the i-th request (0-based); the last step answers every later one.</summary>
    public static Func<RecordedChatRequest, FakeChatReply> Sequence(params Func<RecordedChatRequest, FakeChatReply>[] steps)
    {
        if (steps.Length == 0) throw new ArgumentException("At least one step is needed.", nameof(steps));
        var next = -1;
        return request => steps[Math.Min(Interlocked.Increment(ref next), steps.Length - 1)](request);
    }

    /// <summary>A passage as the prompt numbered it.</summary>
    public sealed record PromptPassage(int Number, string Heading, string Text);

    /// <summary>Reads "[n] heading" blocks (heading line, then text up to a blank line) from the prompt's passages section.</summary>
    public static IReadOnlyList<PromptPassage> ParsePassages(string prompt)
    {
        var section = PassagesSection().Match(prompt) is { Success: true } m ? m.Groups[1].Value : prompt;
        var result = new List<PromptPassage>();
        foreach (Match block in PassageBlock().Matches(section))
            result.Add(new PromptPassage(int.Parse(block.Groups[1].Value), block.Groups[2].Value.Trim(), block.Groups[3].Value.Trim()));
        return result;
    }

    private static string BestSentence(string text, string question)
    {
        var wanted = Words(question);
        var sentences = SentenceEnd().Split(text.Trim()).Where(s => s.Length >= 40).ToList();
        if (sentences.Count == 0) return FirstSentence(text);
        return sentences.OrderByDescending(s => Words(s).Count(wanted.Contains)).First().TrimEnd('.', ' ');
    }

    private static HashSet<string> Words(string text) =>
        Regex.Matches(text.ToLowerInvariant(), @"\w{4,}").Select(m => m.Value).ToHashSet();

    private static string FirstSentence(string text)
    {
        var sentence = SentenceEnd().Split(text.Trim()).FirstOrDefault(s => s.Length >= 40) ?? text.Trim();
        return sentence.TrimEnd('.', ' ');
    }

    [GeneratedRegex(@"<question>(.*?)</question>", RegexOptions.Singleline)]
    private static partial Regex QuestionFence();

    [GeneratedRegex(@"<passages>(.*?)</passages>", RegexOptions.Singleline)]
    private static partial Regex PassagesSection();

    [GeneratedRegex(@"^\[(\d+)\] ([^\n]*)\n(.*?)(?=\n\s*\n\[\d+\] |\z)", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex PassageBlock();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z""“])")]
    private static partial Regex SentenceEnd();
}
