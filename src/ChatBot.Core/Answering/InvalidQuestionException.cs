namespace ChatBot.Core.Answering;

/// <summary>Bad input from a user (empty, too long, binary): shown to them as is; never an internal failure.</summary>
public sealed class InvalidQuestionException(string message) : Exception(message);
