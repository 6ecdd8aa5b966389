using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>The small corpus of <see cref="ListLeadTests"/>, built once for the class.</summary>
public sealed class ListLeadCorpus() : WrittenCorpus("list-lead",
    ("signals.md", string.Join("\n\n",
    "# Beacon signal reference",
    "## Signals",
    "Signals are chosen in the control room, not in the beacon itself; the foghorn is the exception. The standard signals are:",
    "- a white flash every ten seconds\n- a red flash for a wreck nearby\n- two green flashes for a safe channel\n- the foghorn, sounded from the keeper's hut",
    "A beacon keeper logs every signal in the day book before the end of the watch.")),
    ("history.txt", string.Join("\n\n",
    "History of the beacon",
    "The beacon was built in 1872 on the rocks at the harbour mouth and was first lit with oil lamps.",
    "Electric light replaced the oil lamps in 1931, and the keeper's hut was rebuilt after a storm in 1953.")));

/// <summary>A sentence that opens a list ("The built-in channels are:") is answered with the list, its items set apart.</summary>
public sealed class ListLeadTests(ListLeadCorpus corpus) : IClassFixture<ListLeadCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task A_sentence_opening_a_list_is_answered_with_its_items()
    {
        var answer = await _fixture.Engine.AskAsync("which signals are standard?");
        Assert.True(answer.Answered, answer.Text);
        Assert.Contains("white flash", answer.Text);
        Assert.Contains("two green flashes for a safe channel; the foghorn", answer.Text); // the last items too, each set apart
    }
}
