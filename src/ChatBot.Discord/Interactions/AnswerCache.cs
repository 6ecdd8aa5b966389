using System.Security.Cryptography;
using ChatBot.Core.Answering;
using ChatBot.Core.Caching;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// Recent answers by a short random key, so the buttons under an answer (custom_id ≤ 100 chars) can find
/// its question, citations and quotes. Bounded (a MemoryCache): the least recently used go first.
/// After a restart the handlers fall back to what the message itself carries.
/// </summary>
public sealed class AnswerCache(int capacity = AnswerCache.DefaultCapacity, TimeProvider? time = null) : IDisposable
{
    /// <summary>Answers whose buttons still work: a busy server's last few hours.</summary>
    public const int DefaultCapacity = 2000;

    private readonly BoundedMemoryCache<Answer> _answers = new(capacity, time);

    public string Add(Answer answer)
    {
        var key = Base64Url(RandomNumberGenerator.GetBytes(9));
        _answers.Set(key, answer);
        return key;
    }

    public Answer? Find(string key) => _answers.Find(key);

    public void Dispose() => _answers.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
