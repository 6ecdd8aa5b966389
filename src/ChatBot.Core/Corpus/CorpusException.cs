namespace ChatBot.Core.Corpus;

/// <summary>A problem with the corpus or a file offered to it, worded for the person who can fix it.</summary>
public sealed class CorpusException(string message) : Exception(message);
