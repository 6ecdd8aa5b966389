using System.Net.Http.Headers;
using System.Text.Json;
using ChatBot.Http;

namespace ChatBot.Hosting.Tests.Support;

/// <summary>The moderator's side of `serve` as the tests use it: the key, an article to upload, requests carrying the key, the audit log.</summary>
internal static class Moderator
{
    public const string Key = "moderator-key-0123456789abcdef";

    /// <summary>A short article about nothing in the corpus, so what is answered from it can only come from the upload.</summary>
    public const string Article = """
        Joint Cyber Desk Opens in Monterrey

        Mexico and the United States opened a joint cyber crime desk in Monterrey on Friday, officials said.
        The desk employs 35 analysts who trace ransomware payments made by cartel-linked groups on both sides of the border.
        “Ransomware money crosses borders faster than any truck,” said Inspector Marisol Treviño, who leads the desk.
        """;

    /// <summary>A request with the moderator key in its header (none when <paramref name="key"/> is null).</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null, string? key = Key)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null) request.Headers.Add(ChatBotRoutes.ApiKeyHeader, key);
        return request;
    }

    /// <summary>A multipart upload of one text file with optional metadata fields, as POST /api/corpus takes it.</summary>
    public static MultipartFormDataContent Upload(string fileName, byte[] content, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return form;
    }

    /// <summary>The audit log's entries (audit.jsonl in the data dir), oldest first.</summary>
    public static List<JsonElement> Audit(string dataDir)
    {
        var path = Path.Combine(dataDir, "audit.jsonl");
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList() : [];
    }
}
