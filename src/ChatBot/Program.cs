using ChatBot.Cli;

// One executable: the CLI (ask, chat, index, sources, eval, embed, quiz) and the hosted bot (serve).
return await ChatBotCli.RunAsync(args);
