using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChatBot.Core.Search;

/// <summary>
/// Dots and underscores inside a token. An acronym loses its dots, so "U.K." in an article and "UK" in
/// a question are one term; a dotted or underscored identifier ("server.port", "checks.default_interval")
/// becomes its words, so "default check interval" finds the setting; version numbers ("4.2.1") stay whole.
/// </summary>
public sealed class AcronymDotFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _position;
    private readonly Queue<string> _pending = new();
    private State? _state;

    public AcronymDotFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_pending.Count > 0)
        {
            RestoreState(_state);
            _term.SetEmpty().Append(_pending.Dequeue());
            _position.PositionIncrement = 1;
            return true;
        }
        if (!m_input.IncrementToken()) return false;
        var token = _term.ToString();
        if (token.IndexOf('.') < 0 && token.IndexOf('_') < 0) return true;
        if (IsAcronym(token))
        {
            _term.SetEmpty().Append(token.Replace(".", "", StringComparison.Ordinal));
            return true;
        }
        if (!token.Any(char.IsLetter)) return true; // 4.2.1, 1,000.5
        var parts = token.Split(['.', '_'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return true;
        _term.SetEmpty().Append(parts[0]);
        foreach (var part in parts.Skip(1)) _pending.Enqueue(part);
        _state = CaptureState();
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _pending.Clear();
        _state = null;
    }

    /// <summary>Single letters each followed by a dot: "U.K.", "e.g.", "U.K" (the tokenizer may keep or drop the last dot).</summary>
    private static bool IsAcronym(string token)
    {
        var letters = 0;
        for (var i = 0; i < token.Length; i++)
        {
            if (!char.IsLetter(token[i])) return false;
            letters++;
            if (i + 1 < token.Length && token[i + 1] != '.') return false;
            i++; // skip the dot
        }
        return letters >= 2;
    }
}
