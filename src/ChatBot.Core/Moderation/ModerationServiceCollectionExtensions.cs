using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Core.Moderation;

public static class ModerationServiceCollectionExtensions
{
    /// <summary>Corpus administration (ICorpusAdmin), the audit log (IAuditLog) and the moderator check (IModeratorPolicy, `Api` section).</summary>
    public static IServiceCollection AddChatBotModeration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>()
            .BindConfiguration(ApiOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.ModeratorApiKey) || o.ModeratorApiKey.Length >= ApiKeyModeratorPolicy.MinKeyLength,
                $"Api:ModeratorApiKey must be at least {ApiKeyModeratorPolicy.MinKeyLength} characters long (or left unset to turn the moderator routes over HTTP off).")
            .ValidateOnStart();
        services.TryAddSingleton<IAuditLog, JsonLinesAuditLog>();
        services.TryAddSingleton<IModeratorPolicy, ApiKeyModeratorPolicy>();
        services.TryAddSingleton<CorpusAdmin>();
        services.TryAddSingleton<ICorpusAdmin>(sp => sp.GetRequiredService<CorpusAdmin>());
        return services;
    }
}
