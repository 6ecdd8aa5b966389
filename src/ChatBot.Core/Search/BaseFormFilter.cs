using System.Collections.Frozen;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChatBot.Core.Search;

/// <summary>
/// English word forms the Porter stemmer cannot bring to their base, rewritten to it before stemming (lower-case input):
/// irregular past tenses and participles ("ran" → run, "paid" → pay, "withdrawn" → withdraw), irregular plurals ("women"),
/// and the short verbs whose inflections Porter splits from the base ("died", "dies", "dying" stem to "di" and "dy" while
/// "die" stays "die"; "tries" → "tri" but "try" → "try"; "buses" → "buse" but "bus" → "bu"). A question asking who "ran"
/// the service then matches a sentence saying who "runs" it. General language, not any corpus's words: forms whose
/// spelling is as often another common word are left out ("found"/founded, "saw" the tool, "fed", "sat", "bound").
/// </summary>
public sealed class BaseFormFilter(TokenStream input) : TokenFilter(input)
{
    private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

    /// <summary>Irregular form → base form ("base: forms" groups, read once).</summary>
    internal static readonly FrozenDictionary<string, string> Irregular = WordTable.Parse(
        "run: ran | leave: left | choose: chose chosen | pay: paid | win: won | rise: rose risen | arise: arose arisen | " +
        "fall: fell fallen | grow: grew grown | begin: began begun | give: gave given | take: took taken | make: made | " +
        "go: went gone | come: came | hold: held | meet: met | lead: led | build: built | rebuild: rebuilt | buy: bought | " +
        "sell: sold | send: sent | spend: spent | lose: lost | write: wrote written | drive: drove driven | " +
        "break: broke broken | freeze: froze frozen | steal: stole stolen | speak: spoke spoken | strike: struck | " +
        "catch: caught | teach: taught | think: thought | bring: brought | fight: fought | seek: sought | keep: kept | " +
        "mean: meant | deal: dealt | feel: felt | hear: heard | hide: hid hidden | understand: understood | stand: stood | " +
        "withdraw: withdrew withdrawn | draw: drew drawn | throw: threw thrown | fly: flew flown | swear: swore sworn | " +
        "forget: forgot forgotten | eat: ate eaten | drink: drank drunk | sink: sank sunk | shake: shook shaken | " +
        "wear: wore worn | tear: tore torn | hang: hung | lend: lent | flee: fled | shoot: shot | sweep: swept | dig: dug | " +
        "undertake: undertook undertaken | oversee: oversaw overseen | see: seen | lay: laid | beat: beaten | " +
        "uphold: upheld | withhold: withheld | get: got gotten | know: knew known | " +
        "woman: women | man: men | child: children | foot: feet | tooth: teeth | bus: buses | gas: gases");

    /// <summary>The base form of a lower-case word, or the word itself.</summary>
    public static string BaseOf(string word)
    {
        if (Irregular.TryGetValue(word, out var baseForm)) return baseForm;
        // die / tie / lie: "dies", "died" → die; "dying" → die (Porter: di, di, dy).
        if (word.Length == 4 && IsConsonant(word[0]) && (word.EndsWith("ies", StringComparison.Ordinal) || word.EndsWith("ied", StringComparison.Ordinal)))
            return word[0] + "ie";
        if (word.Length == 5 && IsConsonant(word[0]) && word.EndsWith("ying", StringComparison.Ordinal)) return word[0] + "ie";
        // try / fly / dry / spy: "tries", "tried" → try (Porter: tri, but try).
        if (word.Length == 5 && IsConsonant(word[0]) && IsConsonant(word[1]) && word[1] != 'y'
            && (word.EndsWith("ies", StringComparison.Ordinal) || word.EndsWith("ied", StringComparison.Ordinal)))
            return word[..2] + "y";
        return word;
    }

    private static bool IsConsonant(char c) => c is >= 'a' and <= 'z' && "aeiouy".IndexOf(c) < 0;

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        if (_term.Length is < 3 or > 10) return true;
        var word = _term.ToString();
        var baseForm = BaseOf(word);
        if (!ReferenceEquals(baseForm, word)) _term.SetEmpty().Append(baseForm);
        return true;
    }
}
