using ChatBot.Core.Search.VectorStores;
using Qdrant.Client.Grpc;

namespace ChatBot.Qdrant;

/// <summary>Maps the store-neutral <see cref="RecordFilter"/> onto Qdrant's filter (keyword matches on indexed payload fields).</summary>
public static class QdrantFilters
{
    /// <summary>Only <paramref name="source"/>'s chunks.</summary>
    public static Filter SourceEquals(string source) => new() { Must = { Conditions.MatchKeyword(QdrantPayload.Source, source) } };

    /// <summary>Null (everything) for no filter or an empty conjunction.</summary>
    public static Filter? From(RecordFilter? filter) => filter switch
    {
        null or AllOfFilter { Parts.Count: 0 } => null,
        _ => Wrap(filter),
    };

    private static Filter Wrap(RecordFilter filter) => filter switch
    {
        AllOfFilter all => new Filter { Must = { all.Parts.Select(Condition) } },
        AnyOfFilter any => new Filter { Should = { any.Parts.Select(Condition) } },
        NotFilter not => new Filter { MustNot = { Condition(not.Part) } },
        _ => new Filter { Must = { Condition(filter) } },
    };

    private static Condition Condition(RecordFilter filter) => filter is FieldEqualsFilter equals
        ? Conditions.MatchKeyword(equals.Field == RecordField.Source ? QdrantPayload.Source : QdrantPayload.ChunkId, equals.Value)
        : new Condition { Filter = Wrap(filter) };
}
