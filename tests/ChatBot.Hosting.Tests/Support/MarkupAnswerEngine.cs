using ChatBot.Core.Answering;

namespace ChatBot.Hosting.Tests.Support;

/// <summary>
/// Answers every question with text, a title, a quote and a link full of HTML and script, as a
/// corpus file could hold: the page must show all of it as plain text and link nothing unsafe.
/// </summary>
public sealed class MarkupAnswerEngine : IAnswerEngine
{
    public const string Payload = "<img src=x onerror=\"window.__pwned = true\"><script>window.__pwned = true</script><b>bold</b>";

    public Task<Answer> AskAsync(string question, AskContext? context = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Answer
        {
            Question = question,
            Answered = true,
            Text = "Answer " + Payload + " [1]",
            Citations = [new Citation(1, "000_ec4c33d2d5d46252.txt", "Title " + Payload, "Outlet " + Payload, "javascript:window.__pwned=true", "Quote " + Payload)],
        });

    public Task<Answer> AskStreamingAsync(string question, IProgress<string> partialText, AskContext? context = null, CancellationToken cancellationToken = default) =>
        AskAsync(question, context, cancellationToken);
}
