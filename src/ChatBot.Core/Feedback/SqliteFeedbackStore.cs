using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Feedback;

/// <summary>The answers people found least helpful: one row per question, most 👎 first.</summary>
public sealed record FeedbackReportRow(string Question, int NotHelpful, int Helpful, string LatestAnswer, IReadOnlyList<string> CitationSources, DateTimeOffset LastAt);

/// <summary>Feedback the store can also report on.</summary>
public interface IFeedbackReport
{
    Task<IReadOnlyList<FeedbackReportRow>> WorstRatedAsync(int top, CancellationToken cancellationToken = default);
}

/// <summary>
/// Answer feedback in SQLite (feedback.db in the data dir): the table is created on first use, every
/// entry is committed before RecordAsync returns, so it survives restarts and crashes.
/// </summary>
public sealed class SqliteFeedbackStore : IFeedbackStore, IFeedbackReport
{
    public const string FileName = "feedback.db";
    public const int MaxQuestionLength = 4_000;
    public const int MaxAnswerLength = 20_000;
    public const int MaxCitations = 50;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public SqliteFeedbackStore(IOptions<ChatBotOptions> options) : this(Path.Combine(Path.GetFullPath(options.Value.DataDir), FileName)) { }

    public SqliteFeedbackStore(string databasePath)
    {
        DatabasePath = databasePath;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
    }

    public string DatabasePath { get; }

    public async Task RecordAsync(FeedbackEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Validate(entry);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feedback (at, surface, user_hash, question, answer, citations, helpful)
            VALUES ($at, $surface, $user, $question, $answer, $citations, $helpful)
            """;
        command.Parameters.AddWithValue("$at", entry.At.ToUniversalTime().ToString("O"));
        command.Parameters.AddWithValue("$surface", entry.Surface);
        command.Parameters.AddWithValue("$user", entry.UserHash);
        command.Parameters.AddWithValue("$question", entry.Question.Trim());
        command.Parameters.AddWithValue("$answer", entry.Answer);
        command.Parameters.AddWithValue("$citations", JsonSerializer.Serialize(entry.CitationSources.ToArray(), FeedbackJsonContext.Default.StringArray));
        command.Parameters.AddWithValue("$helpful", entry.Helpful ? 1 : 0);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<FeedbackReportRow>> WorstRatedAsync(int top, CancellationToken cancellationToken = default)
    {
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), "The report needs at least one row.");
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Grouped by the question as asked, ignoring case; the latest answer and its citations are shown.
        command.CommandText = """
            SELECT g.question, g.down, g.up, f.answer, f.citations, g.last_at
            FROM (SELECT lower(question) AS qkey, MAX(question) AS question,
                         SUM(helpful = 0) AS down, SUM(helpful = 1) AS up, MAX(at) AS last_at, MAX(id) AS last_id
                  FROM feedback GROUP BY lower(question)) g
            JOIN feedback f ON f.id = g.last_id
            ORDER BY g.down DESC, g.up ASC, g.last_at DESC
            LIMIT $top
            """;
        command.Parameters.AddWithValue("$top", top);
        var rows = new List<FeedbackReportRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var citations = JsonSerializer.Deserialize(reader.GetString(4), FeedbackJsonContext.Default.StringArray) ?? [];
            rows.Add(new FeedbackReportRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3), citations,
                DateTimeOffset.Parse(reader.GetString(5), System.Globalization.CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    public static void Validate(FeedbackEntry entry)
    {
        if (string.IsNullOrWhiteSpace(entry.Question)) throw new ArgumentException("The question is required.", nameof(entry));
        if (entry.Question.Length > MaxQuestionLength) throw new ArgumentException($"The question is longer than {MaxQuestionLength} characters.", nameof(entry));
        if (entry.Answer is null) throw new ArgumentException("The answer is required.", nameof(entry));
        if (entry.Answer.Length > MaxAnswerLength) throw new ArgumentException($"The answer is longer than {MaxAnswerLength} characters.", nameof(entry));
        if (entry.CitationSources is null || entry.CitationSources.Count > MaxCitations || entry.CitationSources.Any(s => s is null || s.Length > 260))
            throw new ArgumentException($"Citations must be at most {MaxCitations} source file names.", nameof(entry));
        if (string.IsNullOrWhiteSpace(entry.Surface) || string.IsNullOrWhiteSpace(entry.UserHash)) throw new ArgumentException("Surface and user hash are required.", nameof(entry));
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        if (!_schemaReady) await EnsureSchemaAsync(connection, ct);
        return connection;
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken ct)
    {
        await _schemaGate.WaitAsync(ct);
        try
        {
            if (_schemaReady) return;
            await using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS feedback (
                    id        INTEGER PRIMARY KEY AUTOINCREMENT,
                    at        TEXT    NOT NULL,
                    surface   TEXT    NOT NULL,
                    user_hash TEXT    NOT NULL,
                    question  TEXT    NOT NULL,
                    answer    TEXT    NOT NULL,
                    citations TEXT    NOT NULL,
                    helpful   INTEGER NOT NULL CHECK (helpful IN (0, 1))
                );
                CREATE INDEX IF NOT EXISTS feedback_question ON feedback (lower(question));
                """;
            await command.ExecuteNonQueryAsync(ct);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class FeedbackJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
