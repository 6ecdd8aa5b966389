using System.Reflection;
using ChatBot.Discord.Model;

namespace ChatBot.Discord.Commands;

/// <summary>
/// A slash command handler class (the DSharpPlus shape: one class a command, checks as attributes such as
/// <see cref="RequireModeratorAttribute"/>). Register with <c>services.AddDiscordCommand&lt;T&gt;()</c>.
/// </summary>
public abstract class DiscordCommand
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    public virtual IReadOnlyList<ApplicationCommandOption> Options => [];

    /// <summary>False when what the command needs is not registered; it is then neither registered with Discord nor served.</summary>
    public virtual bool IsAvailable => true;

    /// <summary>Answers the interaction; for slow work return <see cref="DiscordCommandContext.Defer"/>.</summary>
    public abstract Task<InteractionResponse> ExecuteAsync(DiscordCommandContext context, CancellationToken cancellationToken);

    /// <summary>Called when a check refused the user (after the refusal is logged), e.g. to audit the attempt. Must not throw.</summary>
    public virtual Task OnRefusedAsync(DiscordCommandContext context, DiscordCheckAttribute check, CancellationToken cancellationToken) => Task.CompletedTask;

    public IReadOnlyList<DiscordCheckAttribute> Checks => GetType().GetCustomAttributes<DiscordCheckAttribute>(inherit: true).ToList();

    /// <summary>The definition sent to Discord when registering.</summary>
    public ApplicationCommand ToDefinition() => new()
    {
        Name = Name,
        Description = Description,
        Options = Options.Count == 0 ? null : [.. Options],
        DefaultMemberPermissions = Checks.Select(c => c.DefaultMemberPermissions).FirstOrDefault(p => p is not null),
    };
}

/// <summary>A permission check run before a command; refusals are answered ephemerally and logged.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public abstract class DiscordCheckAttribute : Attribute
{
    /// <summary>Sent as default_member_permissions so Discord also hides the command from members lacking it.</summary>
    public virtual string? DefaultMemberPermissions => null;

    public abstract string FailureMessage { get; }

    public abstract bool IsSatisfied(DiscordCommandContext context);
}

/// <summary>
/// Moderators only: the member's permissions include MANAGE_GUILD (1&lt;&lt;5) or ADMINISTRATOR (1&lt;&lt;3),
/// or they have one of the configured Discord:ModeratorRoleIds. Never satisfied in DMs.
/// </summary>
public sealed class RequireModeratorAttribute : DiscordCheckAttribute
{
    public const ulong ManageGuild = 1UL << 5;
    public const ulong Administrator = 1UL << 3;

    public override string? DefaultMemberPermissions => ManageGuild.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override string FailureMessage => "Only moderators can do that (Manage Server permission or a moderator role).";

    public override bool IsSatisfied(DiscordCommandContext context) => IsModerator(context.Interaction.Member, context.Options.ModeratorRoleIds);

    public static bool IsModerator(GuildMember? member, IReadOnlyCollection<string> moderatorRoleIds)
    {
        if (member is null) return false;
        if (System.Numerics.BigInteger.TryParse(member.Permissions, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var permissions)
            && (permissions & (ManageGuild | Administrator)) != 0)
            return true;
        return member.Roles.Any(moderatorRoleIds.Contains);
    }
}
