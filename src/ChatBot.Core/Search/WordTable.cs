using System.Collections.Frozen;

namespace ChatBot.Core.Search;

/// <summary>
/// The one spelling of the analyzer's word tables: "target: word word | target: word …", each word mapped to its target
/// (<see cref="BaseFormFilter"/>'s irregular forms, <see cref="WordBridgeFilter"/>'s general-English links). Read once at
/// start-up; a malformed group is a programming error and fails loudly.
/// </summary>
internal static class WordTable
{
    public static FrozenDictionary<string, string> Parse(string table) => table
        .Split('|', StringSplitOptions.TrimEntries)
        .SelectMany(group => group.Split(':', StringSplitOptions.TrimEntries) is [var target, var words]
            ? words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => (Word: w, Target: target))
            : throw new InvalidOperationException($"Bad word-table group: {group}"))
        .ToFrozenDictionary(x => x.Word, x => x.Target, StringComparer.Ordinal);
}
