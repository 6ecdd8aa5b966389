namespace ChatBot.Cli;

/// <summary>DESIGN.md's exit codes.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int InternalFailure = 1;
    public const int BadInput = 2;
}
