using System.Globalization;

namespace ChatBot.Core.Answering;

/// <summary>Rejects input that is not a question a person typed: empty, too long, or binary.</summary>
public static class QuestionValidator
{
    public static string Validate(string? question, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(question))
            throw new InvalidQuestionException("Please type a question about the documents, for example: \"What is this about?\"");
        if (question.Length > maxLength)
            throw new InvalidQuestionException($"That question is {question.Length:N0} characters long; the limit is {maxLength:N0}. Please shorten it.");
        var control = 0;
        foreach (var c in question)
        {
            if (c == '\0' || c == '\uFFFD') throw new InvalidQuestionException("That input looks like binary data, not a question. Please type your question as text.");
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) control++;
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.PrivateUse) control++;
        }
        if (control > 0)
            throw new InvalidQuestionException("That input contains control characters, so it does not look like a question. Please type your question as text.");
        return question.Trim();
    }
}
