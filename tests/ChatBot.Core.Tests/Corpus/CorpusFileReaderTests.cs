using System.Text;
using ChatBot.Core.Corpus;

namespace ChatBot.Core.Tests.Corpus;

public class CorpusFileReaderTests
{
    [Fact]
    public void Binary_data_is_rejected_with_a_clear_message()
    {
        var ex = Assert.Throws<CorpusException>(() => CorpusFileReader.DecodeText([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02], "image.txt"));
        Assert.Contains("binary", ex.Message);
    }

    [Fact]
    public void Empty_and_whitespace_files_are_rejected()
    {
        Assert.Contains("empty", Assert.Throws<CorpusException>(() => CorpusFileReader.DecodeText(Encoding.UTF8.GetBytes("  \n\t "), "a.txt")).Message);
    }

    [Fact]
    public void Text_in_another_encoding_is_rejected()
    {
        var latin1 = Encoding.Latin1.GetBytes("Peña Nieto and Valdés spoke in México.");
        Assert.Contains("UTF-8", Assert.Throws<CorpusException>(() => CorpusFileReader.DecodeText(latin1, "a.txt")).Message);
    }

    [Fact]
    public void Files_over_the_size_limit_are_rejected()
    {
        var big = new byte[CorpusFileReader.MaxFileBytes + 1];
        Array.Fill(big, (byte)'a');
        Assert.Contains("limit", Assert.Throws<CorpusException>(() => CorpusFileReader.DecodeText(big, "big.txt")).Message);
    }

    [Fact]
    public void Unsupported_extensions_are_rejected()
    {
        Assert.Contains(".txt", Assert.Throws<CorpusException>(() => CorpusFileReader.DecodeText("hello"u8.ToArray(), "a.pdf")).Message);
    }

    [Fact]
    public void Utf8_with_bom_and_utf16_are_read()
    {
        Assert.Equal("Peña", CorpusFileReader.DecodeText([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("Peña")], "a.txt"));
        Assert.Equal("Peña", CorpusFileReader.DecodeText([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Peña")], "a.txt"));
    }
}
