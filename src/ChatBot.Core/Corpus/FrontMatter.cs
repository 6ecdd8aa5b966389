using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatBot.Core.Corpus;

/// <summary>
/// The title, author and date a page from a static-site generator declares in its YAML front matter
/// (Jekyll, Hugo, Docusaurus and Astro all use these keys). Front matter that is not valid YAML, or not a
/// mapping, gives nothing: the page still reads, with its title from the text.
/// </summary>
internal sealed record FrontMatter(string? Title, string? Author, string? Date)
{
    public static readonly FrontMatter None = new(null, null, null);

    public static FrontMatter Parse(string yaml)
    {
        YamlMappingNode? map;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            map = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlException)
        {
            return None;
        }
        if (map is null) return None;
        return new FrontMatter(
            Text(Value(map, "title")),
            Names(Value(map, "author") ?? Value(map, "authors")),
            ParsedDocument.DayOf(Text(Value(map, "date") ?? Value(map, "published") ?? Value(map, "pubDate"))));
    }

    private static YamlNode? Value(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode k && string.Equals(k.Value, key, StringComparison.OrdinalIgnoreCase)).Value;

    private static string? Text(YamlNode? node) =>
        node is YamlScalarNode { Value: { } v } && InlineText.Collapse(v) is { Length: > 0 } text ? text : null;

    /// <summary>One author, a list of them, or entries with a name ("- name: Dana Ortiz"), joined as a byline is.</summary>
    private static string? Names(YamlNode? node)
    {
        var names = node switch
        {
            YamlSequenceNode list => list.Children.Select(Name).OfType<string>().ToList(),
            _ => Name(node) is { } one ? [one] : [],
        };
        return names.Count > 0 ? string.Join(", ", names) : null;
    }

    private static string? Name(YamlNode? node) => node is YamlMappingNode entry ? Text(Value(entry, "name")) : Text(node);
}
