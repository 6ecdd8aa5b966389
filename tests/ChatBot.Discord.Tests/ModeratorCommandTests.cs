using System.Text.Json.Nodes;
using ChatBot.Discord.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Tests;

public sealed class ModeratorCommandTests : IAsyncLifetime
{
    private DiscordBotHost _host = null!;

    public async Task InitializeAsync() => _host = await DiscordBotHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Reindex_is_refused_ephemerally_for_a_member_without_manage_guild_and_the_refusal_is_logged()
    {
        // SEND_MESSAGES | VIEW_CHANNEL, but not MANAGE_GUILD; an unrelated role.
        var response = await _host.InteractAsync(InteractionJson.Command("reindex", permissions: ((1L << 11) | (1L << 10)).ToString(), roles: ["1100000000000000999"], userId: "1100000000000000055"));
        Assert.Equal(4, response["type"]!.GetValue<int>());
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("moderators", response["data"]!["content"]!.GetValue<string>());
        Assert.Empty(_host.Index.ReindexCalls);
        Assert.Contains(_host.Logs.Entries, l => l.Level == LogLevel.Warning && l.Message.Contains("Refused /reindex") && l.Message.Contains("1100000000000000055"));
        // Audited as every moderation refusal is.
        var audit = File.ReadAllText(Path.Combine(_host.DataDir!, "audit.jsonl"));
        Assert.Contains("\"actor\":\"discord:1100000000000000055\"", audit);
        Assert.Contains("\"action\":\"reindex\"", audit);
        Assert.Contains("\"outcome\":\"refused\"", audit);
    }

    [Theory]
    [InlineData("32", null)] // MANAGE_GUILD
    [InlineData("8", null)] // ADMINISTRATOR
    [InlineData("0", DiscordBotHost.ModeratorRoleId)]
    public async Task Reindex_is_accepted_for_a_moderator(string permissions, string? role)
    {
        var interaction = InteractionJson.Command("reindex", permissions: permissions, roles: role is null ? [] : [role]);
        var response = await _host.InteractAsync(interaction);
        Assert.Equal(5, response["type"]!.GetValue<int>());
        Assert.Equal(64, response["data"]!["flags"]!.GetValue<int>()); // only the moderator sees the progress

        var edit = await _host.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains(interaction["token"]!.GetValue<string>()));
        Assert.Contains("Re-indexed: 5 document(s)", edit.Json!["content"]!.GetValue<string>());
        Assert.Single(_host.Index.ReindexCalls);
        Assert.Contains("\"outcome\":\"ok\"", File.ReadAllText(Path.Combine(_host.DataDir!, "audit.jsonl")));
    }

    [Fact]
    public async Task Reindex_in_a_dm_is_refused()
    {
        var interaction = InteractionJson.Command("reindex", permissions: "32");
        interaction.Remove("guild_id");
        var user = interaction["member"]!["user"]!.DeepClone();
        interaction.Remove("member");
        interaction["user"] = user;
        var response = await _host.InteractAsync(interaction);
        Assert.Equal(4, response["type"]!.GetValue<int>());
        Assert.Empty(_host.Index.ReindexCalls);
    }
}
