using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChatBot.Core.Search;

/// <summary>Drops the dots of acronyms, so "U.S." in an article and "US" in a question are one term.</summary>
public sealed class AcronymDotFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public AcronymDotFilter(TokenStream input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        var buffer = _term.Buffer;
        var length = _term.Length;
        var write = 0;
        for (var read = 0; read < length; read++)
        {
            if (buffer[read] != '.') buffer[write++] = buffer[read];
        }
        if (write != length && write > 0) _term.Length = write;
        return true;
    }
}
