namespace ChatBot.Cli;

/// <summary>The CLI's exit codes: 0 ok (a refusal is ok), 2 bad usage or bad input, 1 internal failure.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int InternalFailure = 1;
    public const int BadInput = 2;
}
