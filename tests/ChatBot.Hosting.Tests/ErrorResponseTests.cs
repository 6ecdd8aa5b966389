using System.Net;
using ChatBot.Hosting.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Hosting.Tests;

/// <summary>Every 4xx/5xx of `serve` has a JSON body with an "error" a client can show, whoever produced it.</summary>
public sealed class ErrorResponseTests : IAsyncLifetime
{
    private const string Secret = "connection string with password=hunter2";
    private ChatBotServer _server = null!;

    public async Task InitializeAsync() => _server = await ChatBotServer.StartAsync(new()
    {
        ConfigureApp = app => app.MapGet("/test/throw", (Func<string>)(() => throw new InvalidOperationException(Secret))),
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Error, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path)
    {
        var response = await _server.Client.SendAsync(new HttpRequestMessage(method, path));
        var body = await Json.ReadObjectAsync(response);
        return (response.StatusCode, (string?)body["error"] ?? throw new InvalidOperationException("no \"error\": " + body), response);
    }

    [Fact]
    public async Task An_unknown_route_is_404_with_an_error_naming_it()
    {
        var (status, error, response) = await SendAsync(HttpMethod.Get, "no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Nothing here: GET /no/such/page.", error);
    }

    [Theory]
    [InlineData("DELETE", "api/ask", "DELETE is not allowed on /api/ask; use POST.")]
    [InlineData("GET", "api/ask", "GET is not allowed on /api/ask; use POST.")]
    [InlineData("PUT", "teams/messages", "PUT is not allowed on /teams/messages; use POST.")]
    [InlineData("POST", "api/sources", "POST is not allowed on /api/sources; use GET.")]
    public async Task A_wrong_method_is_405_with_the_allowed_ones(string method, string path, string expected)
    {
        var (status, error, response) = await SendAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal(expected, error);
        Assert.NotEmpty(response.Content.Headers.Allow);
    }

    [Fact]
    public async Task An_unhandled_exception_is_500_with_a_json_error_that_keeps_the_details_in_the_log()
    {
        var (status, error, _) = await SendAsync(HttpMethod.Get, "test/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("Something went wrong on the server; the error was logged.", error);
        Assert.DoesNotContain("hunter2", error);
        Assert.Contains(_server.Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains(Secret));
    }

    [Theory]
    [InlineData("discord/interactions", "Discord is not configured")]
    [InlineData("teams/messages", "The Teams bot is not configured")]
    [InlineData("teams/webhook", "The Teams outgoing webhook is not configured")]
    public async Task Surfaces_that_are_not_configured_say_what_to_set(string path, string expected)
    {
        var (status, error, _) = await SendAsync(HttpMethod.Post, path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith(expected, error);
    }
}
