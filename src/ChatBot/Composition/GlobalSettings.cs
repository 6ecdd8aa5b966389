namespace ChatBot.Composition;

/// <summary>What every entry point passes to the composition root: the CLI's global options (--data-dir, --corpus, --verbose).</summary>
/// <param name="DataDir">Overrides ChatBot:DataDir.</param>
/// <param name="CorpusDir">Overrides ChatBot:CorpusDir.</param>
/// <param name="Verbose">Debug logs and stack traces on stderr.</param>
public sealed record GlobalSettings(string? DataDir = null, string? CorpusDir = null, bool Verbose = false);
