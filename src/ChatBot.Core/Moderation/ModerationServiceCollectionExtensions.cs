using ChatBot.Core.Moderation.Downloads;
using ChatBot.Core.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Moderation;

public static class ModerationServiceCollectionExtensions
{
    /// <summary>
    /// Corpus moderation for every surface: ICorpusModeration (with its journal, the data-dir lock, the
    /// corpus store and publisher), the audit log, the `Moderation` section (one upload limit), the HTTP
    /// moderator key check (IModeratorPolicy, `Api` section) and the hardened attachment downloader.
    /// </summary>
    public static IServiceCollection AddChatBotModeration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ModeratorKeyValidator>());
        services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModerationOptions>, ModerationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataDirLock>();
        services.AddOptions<ChatBotOptions>();
        services.TryAddSingleton<IAuditLog, JsonLinesAuditLog>();
        services.TryAddSingleton<IModeratorPolicy, ApiKeyModeratorPolicy>();
        services.TryAddSingleton<ICorpusStore, FileCorpusStore>();
        services.TryAddSingleton<ICorpusPublisher, IndexCorpusPublisher>();
        services.TryAddSingleton<CorpusChangeJournal>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICorpusPreparation, CorpusChangeJournal>(sp => sp.GetRequiredService<CorpusChangeJournal>()));
        services.TryAddSingleton<CorpusModeration>();
        services.TryAddSingleton<ICorpusModeration>(sp => sp.GetRequiredService<CorpusModeration>());
        services.AddAttachmentDownloads();
        return services;
    }
}
