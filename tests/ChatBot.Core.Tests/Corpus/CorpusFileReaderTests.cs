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

    [Theory]
    [InlineData("page.html", "<html><head><title></title></head><body></body></html>")]
    [InlineData("page.html", "<p>unclosed <b>tags <table><tr><td>cell")]
    [InlineData("page.htm", "<html><body><nav><a href=/>Home</a></nav><button>OK</button></body></html>")]
    [InlineData("notes.md", "```\nonly code\n```")]
    [InlineData("notes.md", "| | |\n|---|---|\n| | |")]
    [InlineData("notes.md", "# \n\n- \n- [](#x)")]
    [InlineData("notes.txt", "| | |\n|---|---|\n| | |\n\n#\n\n---\n\n-")]
    [InlineData("notes.txt", "Leave a comment\r\n\r\nName *\r\n")]
    public void Odd_files_give_a_document_without_failing(string name, string content)
    {
        var doc = CorpusLoader.ReadDocument(name, content, null);
        Assert.False(string.IsNullOrWhiteSpace(doc.Title));
        Assert.Equal(doc.Text.Length, doc.Layout.Blocks.Count == 0 ? 0 : doc.Layout.Blocks[^1].End);
    }

    [Fact]
    public void Utf8_with_bom_and_utf16_are_read()
    {
        Assert.Equal("Peña", CorpusFileReader.DecodeText([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("Peña")], "a.txt"));
        Assert.Equal("Peña", CorpusFileReader.DecodeText([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Peña")], "a.txt"));
    }
}
