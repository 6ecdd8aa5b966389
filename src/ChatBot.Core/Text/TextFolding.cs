using Lucene.Net.Analysis.Miscellaneous;

namespace ChatBot.Core.Text;

/// <summary>
/// Case and accent folding for lenient comparisons ("Müller" = "muller", "Señor" = "senor", "ß" = "ss").
/// Uses Lucene's ASCII folding table: the app runs with invariant globalization, where
/// string.Normalize(FormD) leaves accented letters composed and cannot strip accents.
/// </summary>
public static class TextFolding
{
    public static string Fold(string text)
    {
        if (text.Length == 0) return text;
        var input = text.ToLowerInvariant().ToCharArray();
        var ascii = true;
        foreach (var c in input) if (c >= 0x80) { ascii = false; break; }
        if (ascii) return new string(input);
        // One input char can fold to up to four ASCII chars ("ǈ" → "lj", "⑽" → "(10)").
        var output = new char[input.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(input, 0, output, 0, input.Length);
        return new string(output, 0, length);
    }
}
