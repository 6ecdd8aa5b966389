using System.Collections.Concurrent;
using System.Security.Cryptography;
using ChatBot.Core.Answering;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// Recent answers by a short random key, so the buttons under an answer (custom_id ≤ 100 chars) can find
/// its question, citations and quotes. Bounded: the oldest entries go first. After a restart the
/// handlers fall back to what the message itself carries.
/// </summary>
public sealed class AnswerCache(int capacity = 2000)
{
    private readonly ConcurrentDictionary<string, Answer> _answers = new();
    private readonly ConcurrentQueue<string> _order = new();

    public string Add(Answer answer)
    {
        var key = Base64Url(RandomNumberGenerator.GetBytes(9));
        _answers[key] = answer;
        _order.Enqueue(key);
        while (_answers.Count > capacity && _order.TryDequeue(out var old)) _answers.TryRemove(old, out _);
        return key;
    }

    public Answer? Find(string key) => _answers.TryGetValue(key, out var answer) ? answer : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
