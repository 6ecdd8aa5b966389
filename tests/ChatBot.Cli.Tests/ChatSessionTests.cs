namespace ChatBot.Cli.Tests;

/// <summary>`chat` keeps one conversation per session; `/new` starts another, so follow-ups stop leaning on the earlier questions.</summary>
public sealed class ChatSessionTests
{
    [Fact]
    public async Task New_starts_a_conversation_in_which_an_earlier_question_is_not_context()
    {
        const string followUp = "and who said that?";
        var r = await CliRunner.RunAsync(["chat"], stdin: $"What did Mexico's foreign secretary say about Mexico's limits?\n{followUp}\n/new\n{followUp}\nexit\n");
        Assert.Equal(0, r.ExitCode);
        // Each reply follows the "> " prompt at the start of a line (quotes are indented).
        var replies = ("\n" + r.Stdout.ReplaceLineEndings("\n")).Split("\n> ")[1..];
        Assert.True(replies.Length >= 4, r.Stdout);

        // In the session, the follow-up is read with the question before it and names the speaker...
        Assert.Contains("Videgaray", replies[1]);
        Assert.StartsWith("New conversation", replies[2]);
        // ...after /new the same words stand alone and are not answered from the earlier question.
        Assert.DoesNotContain("Videgaray", replies[3]);
    }
}
