global using Xunit;
global using ChatBot.Discord;
