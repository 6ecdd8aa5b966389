using ChatBot.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Cli;

public static class ServiceRegistration
{
    /// <summary>Everything the engine needs, per configuration: one place for the CLI and the hosted bot.</summary>
    public static IServiceCollection AddChatBotServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddChatBotCore(configuration);
        return services;
    }
}
