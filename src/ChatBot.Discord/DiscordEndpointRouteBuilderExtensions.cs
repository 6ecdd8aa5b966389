using ChatBot.Discord.Interactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ChatBot.Discord;

public static class DiscordEndpointRouteBuilderExtensions
{
    /// <summary>Maps `POST /discord/interactions` (Discord's Interactions Endpoint URL).</summary>
    public static IEndpointConventionBuilder MapDiscordInteractions(this IEndpointRouteBuilder endpoints, string pattern = InteractionsEndpoint.Route) =>
        endpoints.MapPost(pattern, InteractionsEndpoint.HandleAsync);
}
