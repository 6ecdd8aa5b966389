using System.Globalization;
using ChatBot.Cli;

// ICU is on for Unicode normalisation (Directory.Build.props); output and parsing stay locale-independent.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

// One executable: the CLI (ask, chat, index, sources, eval, embed, quiz) and the hosted bot (serve).
return await ChatBotCli.RunAsync(args);
