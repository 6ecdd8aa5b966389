using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Moderation;

/// <summary>The `Api` configuration section: the key moderators send in X-Api-Key (env `Api__ModeratorApiKey`).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Unset or empty: no HTTP caller is a moderator (the CLI, a local operator, still is).</summary>
    public string? ModeratorApiKey { get; set; }
}

/// <summary>The moderator key, when set, is long enough not to be guessed.</summary>
internal sealed class ModeratorKeyValidator : Microsoft.Extensions.Options.IValidateOptions<ApiOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, ApiOptions options) =>
        string.IsNullOrEmpty(options.ModeratorApiKey) || options.ModeratorApiKey.Length >= ApiKeyModeratorPolicy.MinKeyLength
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(
                $"Api:ModeratorApiKey must be at least {ApiKeyModeratorPolicy.MinKeyLength} characters long (or left unset to turn the moderator routes over HTTP off).");
}

/// <summary>Decides whether a caller may change the corpus.</summary>
public interface IModeratorPolicy
{
    /// <summary>Whether the credential the caller presented (an API key) makes them a moderator.</summary>
    bool IsModerator(string? credential);
}

/// <summary>A moderator presents the configured API key; compared in constant time so timing reveals nothing.</summary>
public sealed class ApiKeyModeratorPolicy(IOptionsMonitor<ApiOptions> options) : IModeratorPolicy
{
    public const int MinKeyLength = 16;

    public bool IsModerator(string? credential)
    {
        var key = options.CurrentValue.ModeratorApiKey;
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(credential)) return false;
        // Hash both sides first: equal lengths for the comparison, and the key's length is not leaked.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(credential));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
