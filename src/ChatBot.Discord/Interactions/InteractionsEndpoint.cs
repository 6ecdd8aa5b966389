using System.Text.Json;
using ChatBot.Discord.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// `POST /discord/interactions`, Discord's Interactions Endpoint URL. The signature is checked before
/// anything else is done with the request (401 for a missing, forged or stale one: Discord probes with
/// bad signatures and disables the URL if they are accepted); oversize bodies get 413, broken JSON 400.
/// </summary>
public static class InteractionsEndpoint
{
    public const string Route = "/discord/interactions";

    public static async Task HandleAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(InteractionsEndpoint).FullName!);
        var ct = http.RequestAborted;
        if (!options.IsConfigured || string.IsNullOrEmpty(options.PublicKey))
        {
            await Results.Problem("Discord is not configured (set Discord__ApplicationId and Discord__PublicKey).", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(http);
            return;
        }

        string? signature = http.Request.Headers["X-Signature-Ed25519"];
        string? timestamp = http.Request.Headers["X-Signature-Timestamp"];
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
        {
            await RefuseAsync(http, logger, SignatureCheck.MissingHeaders);
            return;
        }

        if (http.Request.ContentLength > options.MaxRequestBodyBytes)
        {
            await TooLargeAsync(http, options.MaxRequestBodyBytes);
            return;
        }
        var body = await ReadBodyAsync(http.Request.Body, options.MaxRequestBodyBytes, ct);
        if (body is null)
        {
            await TooLargeAsync(http, options.MaxRequestBodyBytes);
            return;
        }

        var check = services.GetRequiredService<DiscordSignatureVerifier>().Verify(signature, timestamp, body);
        if (check != SignatureCheck.Valid)
        {
            await RefuseAsync(http, logger, check);
            return;
        }

        Interaction? interaction;
        try
        {
            interaction = JsonSerializer.Deserialize(body, DiscordJsonContext.Default.Interaction);
        }
        catch (JsonException e)
        {
            logger.LogWarning("Signed Discord interaction with broken JSON: {Error}", e.Message);
            interaction = null;
        }
        if (interaction is null || interaction.Type == 0)
        {
            await Results.Problem("The body is not a Discord interaction (invalid JSON).", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }

        var response = await services.GetRequiredService<DiscordInteractionDispatcher>().HandleAsync(interaction, ct);
        await http.Response.WriteAsJsonAsync(response, DiscordJsonContext.Default.InteractionResponse, cancellationToken: ct);
    }

    private static Task RefuseAsync(HttpContext http, ILogger logger, SignatureCheck check)
    {
        logger.LogInformation("Refused a Discord interaction request: {Reason}", check);
        // Discord only looks at the status; the body says why, like every other error of the host.
        return Results.Problem("invalid request signature", statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(http);
    }

    private static Task TooLargeAsync(HttpContext http, int limit) =>
        Results.Problem($"The interaction is larger than {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(http);

    /// <summary>The raw body, or null when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
