using System.Linq.Expressions;
using System.Reflection;

namespace ChatBot.Core.Search.VectorStores;

/// <summary>
/// A store-neutral filter over <see cref="ChunkVectorRecord"/> data fields, translated from a LINQ
/// expression once so the embedded store and Qdrant accept exactly the same filters.
/// </summary>
public abstract record RecordFilter
{
    /// <summary>Whether a record passes the filter.</summary>
    public abstract bool Matches(ChunkVectorRecord record);

    /// <summary>
    /// Translates <c>r =&gt; r.Source == "x"</c>, <c>!=</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>!</c> and
    /// <c>true</c> over the string data fields (Source, ChunkId). Captured variables are evaluated.
    /// </summary>
    /// <exception cref="NotSupportedException">The expression uses anything else.</exception>
    public static RecordFilter? From(Expression<Func<ChunkVectorRecord, bool>>? filter) =>
        filter is null ? null : Translate(filter.Body, filter.Parameters[0]);

    private static RecordFilter Translate(Expression node, ParameterExpression record)
    {
        switch (node)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso } and:
                return new AllOfFilter([Translate(and.Left, record), Translate(and.Right, record)]);
            case BinaryExpression { NodeType: ExpressionType.OrElse } or:
                return new AnyOfFilter([Translate(or.Left, record), Translate(or.Right, record)]);
            case UnaryExpression { NodeType: ExpressionType.Not } not:
                return new NotFilter(Translate(not.Operand, record));
            case BinaryExpression { NodeType: ExpressionType.Equal or ExpressionType.NotEqual } comparison:
                var equals = MatchField(comparison.Left, comparison.Right, record) ?? MatchField(comparison.Right, comparison.Left, record)
                    ?? throw Unsupported(node);
                return comparison.NodeType == ExpressionType.Equal ? equals : new NotFilter(equals);
            case ConstantExpression { Value: true }:
                return new AllOfFilter([]);
            case MethodCallExpression { Method.Name: nameof(string.Equals) } call when call.Object is not null && call.Arguments.Count == 1:
                return MatchField(call.Object, call.Arguments[0], record) ?? MatchField(call.Arguments[0], call.Object, record) ?? throw Unsupported(node);
            default:
                throw Unsupported(node);
        }
    }

    private static FieldEqualsFilter? MatchField(Expression fieldSide, Expression valueSide, ParameterExpression record)
    {
        if (fieldSide is not MemberExpression { Member: PropertyInfo property } member || member.Expression != record) return null;
        var field = property.Name switch
        {
            nameof(ChunkVectorRecord.Source) => RecordField.Source,
            nameof(ChunkVectorRecord.ChunkId) => RecordField.ChunkId,
            _ => throw new NotSupportedException($"Filtering on '{property.Name}' is not supported; filter on Source or ChunkId."),
        };
        if (ContainsParameter(valueSide, record)) return null;
        var value = Expression.Lambda(valueSide).Compile().DynamicInvoke() as string
            ?? throw new NotSupportedException($"The value compared with {property.Name} must be a non-null string.");
        return new FieldEqualsFilter(field, value);
    }

    private static bool ContainsParameter(Expression expression, ParameterExpression parameter)
    {
        var finder = new ParameterFinder(parameter);
        finder.Visit(expression);
        return finder.Found;
    }

    private static NotSupportedException Unsupported(Expression node) => new(
        $"Unsupported vector store filter '{node}'. Use ==, !=, &&, || and ! on Source or ChunkId, e.g. r => r.Source == \"file.txt\".");

    private sealed class ParameterFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == parameter;
            return node;
        }
    }
}

/// <summary>The record fields a filter can test.</summary>
public enum RecordField { Source, ChunkId }

/// <summary>The field equals the value (ordinal).</summary>
public sealed record FieldEqualsFilter(RecordField Field, string Value) : RecordFilter
{
    public override bool Matches(ChunkVectorRecord record) => string.Equals(
        Field == RecordField.Source ? record.Source : record.ChunkId, Value, StringComparison.Ordinal);
}

/// <summary>Every part matches (an empty list matches everything).</summary>
public sealed record AllOfFilter(IReadOnlyList<RecordFilter> Parts) : RecordFilter
{
    public override bool Matches(ChunkVectorRecord record) => Parts.All(p => p.Matches(record));
}

/// <summary>At least one part matches.</summary>
public sealed record AnyOfFilter(IReadOnlyList<RecordFilter> Parts) : RecordFilter
{
    public override bool Matches(ChunkVectorRecord record) => Parts.Any(p => p.Matches(record));
}

/// <summary>The part does not match.</summary>
public sealed record NotFilter(RecordFilter Part) : RecordFilter
{
    public override bool Matches(ChunkVectorRecord record) => !Part.Matches(record);
}
