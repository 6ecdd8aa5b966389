using System.Net;
using ChatBot.Hosting.Tests.Support;

namespace ChatBot.Hosting.Tests;

public sealed class RateLimitTests
{
    private const string Question = "Who was arrested in Sinaloa?";

    private static HttpRequestMessage Ask(string? userId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/ask") { Content = Json.Ask(Question) };
        if (userId is not null) request.Headers.Add("X-User-Id", userId);
        return request;
    }

    [Fact]
    public async Task A_user_over_the_limit_gets_429_with_retry_after_and_a_json_error()
    {
        await using var server = await ChatBotServer.StartAsync(new() { Config = new Dictionary<string, string?> { ["RateLimits:PermitsPerMinute"] = "3" } });

        for (var i = 0; i < 3; i++)
        {
            using var ok = await server.Client.SendAsync(Ask());
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var limited = await server.Client.SendAsync(Ask());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("Too many requests", (string?)(await Json.ReadObjectAsync(limited))["error"]);

        // Probes and the page are never limited.
        using var health = await server.Client.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var page = await server.Client.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Trusted_user_ids_get_a_limit_each()
    {
        await using var server = await ChatBotServer.StartAsync(new()
        {
            Config = new Dictionary<string, string?> { ["RateLimits:PermitsPerMinute"] = "2", ["RateLimits:TrustUserIdHeader"] = "true" },
        });

        for (var i = 0; i < 2; i++)
        {
            using var ok = await server.Client.SendAsync(Ask("alice"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var aliceLimited = await server.Client.SendAsync(Ask("alice"));
        using var bob = await server.Client.SendAsync(Ask("bob"));

        Assert.Equal(HttpStatusCode.TooManyRequests, aliceLimited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
    }

    [Fact]
    public async Task Untrusted_user_ids_do_not_escape_the_per_address_limit()
    {
        await using var server = await ChatBotServer.StartAsync(new() { Config = new Dictionary<string, string?> { ["RateLimits:PermitsPerMinute"] = "2" } });

        using var first = await server.Client.SendAsync(Ask("id-1"));
        using var second = await server.Client.SendAsync(Ask("id-2"));
        using var third = await server.Client.SendAsync(Ask("id-3"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
    }

    [Fact]
    public async Task The_global_limit_holds_across_users()
    {
        await using var server = await ChatBotServer.StartAsync(new()
        {
            Config = new Dictionary<string, string?>
            {
                ["RateLimits:PermitsPerMinute"] = "100",
                ["RateLimits:GlobalPermitsPerMinute"] = "3",
                ["RateLimits:TrustUserIdHeader"] = "true",
            },
        });

        var statuses = new List<HttpStatusCode>();
        foreach (var user in new[] { "a", "b", "c", "d" })
        {
            using var response = await server.Client.SendAsync(Ask(user));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.True(response.Headers.Contains("Retry-After"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
