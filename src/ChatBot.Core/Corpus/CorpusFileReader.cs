using System.Text;

namespace ChatBot.Core.Corpus;

/// <summary>
/// Reads one corpus file as text, rejecting what cannot be an article: empty files, binary data,
/// text that is not UTF-8 (or UTF-16 with a BOM), and files over the size limit.
/// </summary>
public static class CorpusFileReader
{
    public static readonly string[] SupportedExtensions = [".txt", ".md", ".html", ".htm"];

    /// <summary>Largest accepted file: far above any article, far below what would hurt the index.</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    public static bool IsSupported(string path) =>
        SupportedExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    public static string ReadText(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new CorpusException($"{path} does not exist.");
        if (info.Length > MaxFileBytes)
            throw new CorpusException($"{info.Name} is {info.Length / (1024 * 1024.0):0.#} MB; the limit is {MaxFileBytes / (1024 * 1024)} MB per document.");
        return DecodeText(File.ReadAllBytes(path), info.Name);
    }

    public static string DecodeText(byte[] bytes, string name)
    {
        if (!SupportedExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase))
            throw new CorpusException($"{name}: only {string.Join(", ", SupportedExtensions)} files can be added.");
        if (bytes.LongLength > MaxFileBytes)
            throw new CorpusException($"{name} is {bytes.LongLength / (1024 * 1024.0):0.#} MB; the limit is {MaxFileBytes / (1024 * 1024)} MB per document.");
        string text;
        if (bytes.Length >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF))
        {
            text = (bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(bytes, 2, bytes.Length - 2);
        }
        else
        {
            if (Array.IndexOf(bytes, (byte)0) >= 0)
                throw new CorpusException($"{name} looks like a binary file (it contains NUL bytes), not an article.");
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new CorpusException($"{name} is not UTF-8 text; save it as UTF-8 and try again.");
            }
            if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        }
        if (LooksBinary(text))
            throw new CorpusException($"{name} looks like a binary file (too many control characters), not an article.");
        if (string.IsNullOrWhiteSpace(text))
            throw new CorpusException($"{name} is empty.");
        return text;
    }

    private static bool LooksBinary(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, 8192));
        var control = 0;
        foreach (var c in sample)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f')) control++;
        }
        return sample.Length > 0 && control > sample.Length / 100 + 2;
    }
}
