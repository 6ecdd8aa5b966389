using ChatBot.Core.Search.VectorStores;

namespace ChatBot.Qdrant;

/// <summary>Maps the store-neutral <see cref="RecordFilter"/> onto Qdrant's filter JSON.</summary>
public static class QdrantFilters
{
    public const string ChunkIdField = "chunk_id";
    public const string SourceField = "source";

    /// <summary><c>{"must": [{"key": "source", "match": {"value": source}}]}</c>.</summary>
    public static QdrantFilter SourceEquals(string source) => new() { Must = [Match(SourceField, source)] };

    public static QdrantFilter? From(RecordFilter? filter) => filter switch
    {
        null => null,
        AllOfFilter { Parts.Count: 0 } => null,
        _ => Wrap(filter),
    };

    private static QdrantFilter Wrap(RecordFilter filter) => filter switch
    {
        AllOfFilter all => new QdrantFilter { Must = [.. all.Parts.Select(Condition)] },
        AnyOfFilter any => new QdrantFilter { Should = [.. any.Parts.Select(Condition)] },
        NotFilter not => new QdrantFilter { MustNot = [Condition(not.Part)] },
        _ => new QdrantFilter { Must = [Condition(filter)] },
    };

    private static QdrantCondition Condition(RecordFilter filter)
    {
        if (filter is FieldEqualsFilter equals)
        {
            return Match(equals.Field == RecordField.Source ? SourceField : ChunkIdField, equals.Value);
        }
        var nested = Wrap(filter);
        return new QdrantCondition { Must = nested.Must, Should = nested.Should, MustNot = nested.MustNot };
    }

    private static QdrantCondition Match(string key, string value) => new() { Key = key, Match = new MatchValue { Value = value } };
}
