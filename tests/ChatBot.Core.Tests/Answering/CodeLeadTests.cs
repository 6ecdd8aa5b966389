using ChatBot.Core.Answering;

namespace ChatBot.Core.Tests.Answering;

/// <summary>The small corpus of <see cref="CodeLeadTests"/>, built once for the class.</summary>
public sealed class CodeLeadCorpus() : WrittenCorpus("code-lead",
    ("setup.md", string.Join("\n\n",
    "# Setting up the Quillmark agent",
    "## Installing",
    "Install the Quillmark agent on a new server with:",
    "```bash\ncurl -sSL https://get.quillmark.example | sh -s -- --channel stable\n```",
    "The installer needs about two minutes on a small virtual machine.",
    "## Support plans",
    "Plans are billed yearly and include answers by email within one business day.")));

/// <summary>"Install it with:" is no answer by itself: the command it introduces comes with it (see <see cref="ListLeadTests"/> for lists).</summary>
public sealed class CodeLeadTests(CodeLeadCorpus corpus) : IClassFixture<CodeLeadCorpus>
{
    private readonly EngineFixture _fixture = corpus.Fixture;

    [Fact]
    public async Task A_sentence_ending_in_a_colon_brings_the_command_it_introduces()
    {
        var answer = await _fixture.Engine.AskAsync("how do i install the quillmark agent", new AskContext());
        Assert.True(answer.Answered, answer.Reason);
        Assert.Contains("Install the Quillmark agent on a new server with:", answer.Text, StringComparison.Ordinal);
        Assert.Contains("curl -sSL https://get.quillmark.example", answer.Text, StringComparison.Ordinal);
    }
}
