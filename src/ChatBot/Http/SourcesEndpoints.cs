using ChatBot.Core.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Http;

/// <summary>GET /api/sources: what the current index snapshot holds.</summary>
internal static class SourcesEndpoints
{
    public static RouteGroupBuilder MapSourcesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/sources", (Delegate)Handle).WithName("Sources");
        return api;
    }

    public static IResult Handle(HttpContext context)
    {
        var index = context.RequestServices.GetService<ICorpusIndex>();
        if (index is null || !index.IsReady)
        {
            context.Response.Headers.RetryAfter = "5";
            return ApiErrors.Result(StatusCodes.Status503ServiceUnavailable, "The corpus index is still loading; please retry in a few seconds.");
        }

        var snapshot = index.Current;
        var sources = snapshot.Sources
            .Select(s => new SourceResponse(s.Source, s.Metadata.Title, s.Metadata.Outlet, s.Metadata.Author, s.Metadata.Date,
                s.Metadata.Url, s.Chunks, s.ContentHash, s.DuplicateOf))
            .ToList();
        return Results.Json(new SourcesResponse(snapshot.CorpusHash, sources), ApiJsonContext.Readable.SourcesResponse);
    }
}
