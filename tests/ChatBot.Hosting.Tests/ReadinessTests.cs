using System.Net;
using ChatBot.Hosting.Tests.Support;

namespace ChatBot.Hosting.Tests;

public sealed class ReadinessTests
{
    [Fact]
    public async Task The_server_listens_at_once_and_readyz_turns_green_once_the_index_is_loaded()
    {
        var loadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ChatBotServer.StartAsync(new() { IndexLoadGate = loadGate, WaitUntilReady = false });

        using (var health = await server.Client.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        using (var notReady = await server.Client.GetAsync("readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            var body = await Json.ReadObjectAsync(notReady);
            Assert.Equal("not_ready", (string?)body["status"]);
            Assert.Equal("index_loading", (string?)body["reason"]);
        }
        using (var ask = await server.Client.PostAsync("api/ask", Json.Ask("Who was arrested in Sinaloa?")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ask.StatusCode);
            Assert.True(ask.Headers.Contains("Retry-After"));
            Assert.Contains("still loading", (string?)(await Json.ReadObjectAsync(ask))["error"]);
        }
        Assert.False(server.Index.IsReady);

        loadGate.SetResult();
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(10));

        using var ready = await server.Client.GetAsync("readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var readyBody = await Json.ReadObjectAsync(ready);
        Assert.Equal(("ready", "ok"), ((string?)readyBody["status"], (string?)readyBody["reason"]));
        Assert.True(server.Index.IsReady);
    }
}
