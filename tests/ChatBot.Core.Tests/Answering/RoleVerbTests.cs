namespace ChatBot.Core.Tests.Answering;

public sealed class NewcomerCorpus() : WrittenCorpus("newcomer-corpus",
    ("memo.md", string.Join("\n\n",
        "# Changes at the yard",
        "We are creating a new post for safety on the slipways. Lene Brask will join us on 3 March.",
        "The paint shop moves to the east shed in April.",
        "Orders for the winter are up by a third on last year.")),
    ("call.md", string.Join("\n\n",
        "# Quarterly call",
        "Finally, on 3 March Lene Brask joined us as chief slipway safety officer.",
        "The order book stands at eleven hulls.")));

/// <summary>"Who is X?" is answered by the sentence giving X's role ("joined us as …", "became …"), not one saying only when X arrives.</summary>
public sealed class RoleVerbTests(NewcomerCorpus corpus) : IClassFixture<NewcomerCorpus>
{
    [Fact]
    public async Task Who_someone_is_is_told_by_the_role_they_take()
    {
        var answer = await corpus.Fixture.Engine.AskAsync("Who is Lene Brask?");
        Assert.True(answer.Answered);
        Assert.StartsWith("Finally, on 3 March Lene Brask joined us as chief slipway safety officer.", answer.Text, StringComparison.Ordinal);
    }
}
