using ChatBot.Core.Answering;
using ChatBot.Core.Conversations;
using Xunit;

namespace ChatBot.Core.Tests.Conversations;

public sealed class ConversationKeyTests
{
    [Fact]
    public void Surface_place_and_person_each_make_a_conversation_of_their_own()
    {
        var keys = new[]
        {
            ConversationKey.For("discord", "channel-1", "ana"),
            ConversationKey.For("discord", "channel-1", "ben"),
            ConversationKey.For("discord", "channel-2", "ana"),
            ConversationKey.For("teams", "channel-1", "ana"),
            ConversationKey.For("web", "channel-1", null),
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(ConversationKey.For("discord", "channel-1", "ana"), ConversationKey.For("discord", "channel-1", "ana"));
    }

    [Theory]
    [InlineData("web", "a/b", "c", "web", "a", "b/c")]
    [InlineData("web", "x/discord/1", null, "discord", "1", "x")]
    [InlineData("web", "a%2Fb", "", "web", "a/b", "")]
    public void Ids_holding_the_separator_or_escapes_never_reach_another_conversation(string s1, string p1, string? u1, string s2, string p2, string? u2) =>
        Assert.NotEqual(ConversationKey.For(s1, p1, u1), ConversationKey.For(s2, p2, u2));

    [Fact]
    public void No_place_means_no_conversation_memory()
    {
        Assert.Null(ConversationKey.For("cli", null, "ana"));
        Assert.Null(ConversationKey.For("web", "", "ana"));
        Assert.Null(AskContext.For("cli", null, "ana").ConversationId);
    }

    [Fact]
    public void A_surfaces_context_carries_the_key_the_person_and_the_surface()
    {
        var context = AskContext.For("teams", "19:abc@thread.tacv2;messageid=1", "aad-1");
        Assert.Equal(ConversationKey.For("teams", "19:abc@thread.tacv2;messageid=1", "aad-1"), context.ConversationId);
        Assert.Equal(("aad-1", "teams"), (context.UserId, context.Surface));
    }
}
