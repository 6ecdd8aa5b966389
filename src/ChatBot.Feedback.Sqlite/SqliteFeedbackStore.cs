using System.Text.Json;
using ChatBot.Core.Feedback;

namespace ChatBot.Feedback.Sqlite;

/// <summary>
/// Answer feedback in SQLite: one row per person and answer (a second 👍/👎 on the same answer replaces
/// the first), committed before RecordAsync returns, so it survives restarts and crashes.
/// </summary>
public sealed class SqliteFeedbackStore(SqliteDatabase database) : IFeedbackStore, IFeedbackReport
{
    public const string FileName = "feedback.db";
    public const int MaxQuestionLength = 100_000;
    public const int MaxAnswerLength = 100_000;
    public const int MaxCitations = 50;

    /// <summary>The feedback table's history; the first step is the schema before answer ids (kept so old files upgrade in place).</summary>
    public static IReadOnlyList<SqliteMigration> Migrations { get; } =
    [
        new("feedback-1-table", """
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
            CREATE INDEX IF NOT EXISTS feedback_question ON feedback (lower(question))
            """),
        new("feedback-2-answer-id", """
            ALTER TABLE feedback ADD COLUMN answer_id TEXT;
            CREATE UNIQUE INDEX feedback_vote ON feedback (answer_id, user_hash) WHERE answer_id IS NOT NULL
            """),
    ];

    public string DatabasePath => database.DatabasePath;

    /// <summary>A store on its own database file (tools and tests; the host shares one SqliteDatabase through DI).</summary>
    public static SqliteFeedbackStore Open(string databasePath) => new(new SqliteDatabase(databasePath, Migrations));

    public async Task RecordAsync(FeedbackEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Validate(entry);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feedback (answer_id, at, surface, user_hash, question, answer, citations, helpful)
            VALUES ($answer_id, $at, $surface, $user, $question, $answer, $citations, $helpful)
            ON CONFLICT (answer_id, user_hash) WHERE answer_id IS NOT NULL
            DO UPDATE SET helpful = excluded.helpful, at = excluded.at
            """;
        command.Parameters.AddWithValue("$answer_id", entry.AnswerId);
        command.Parameters.AddWithValue("$at", entry.At.ToUniversalTime().ToString("O"));
        command.Parameters.AddWithValue("$surface", entry.Surface);
        command.Parameters.AddWithValue("$user", entry.UserHash);
        command.Parameters.AddWithValue("$question", entry.Question.Trim());
        command.Parameters.AddWithValue("$answer", entry.Answer);
        command.Parameters.AddWithValue("$citations", JsonSerializer.Serialize(entry.CitationSources.ToArray(), FeedbackJsonContext.Default.StringArray));
        command.Parameters.AddWithValue("$helpful", entry.Helpful ? 1 : 0);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedbackReportRow>> WorstRatedAsync(int top, CancellationToken cancellationToken = default)
    {
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), "The report needs at least one row.");
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
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
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var citations = JsonSerializer.Deserialize(reader.GetString(4), FeedbackJsonContext.Default.StringArray) ?? [];
            rows.Add(new FeedbackReportRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3), citations,
                DateTimeOffset.Parse(reader.GetString(5), System.Globalization.CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    /// <summary>The entry comes from the server's own answer, so these are sanity bounds, not input validation.</summary>
    public static void Validate(FeedbackEntry entry)
    {
        if (string.IsNullOrWhiteSpace(entry.AnswerId)) throw new ArgumentException("The answer id is required.", nameof(entry));
        if (string.IsNullOrWhiteSpace(entry.Question)) throw new ArgumentException("The question is required.", nameof(entry));
        if (entry.Question.Length > MaxQuestionLength) throw new ArgumentException($"The question is longer than {MaxQuestionLength} characters.", nameof(entry));
        if (entry.Answer is null || entry.Answer.Length > MaxAnswerLength) throw new ArgumentException($"The answer is missing or longer than {MaxAnswerLength} characters.", nameof(entry));
        if (entry.CitationSources is null || entry.CitationSources.Count > MaxCitations || entry.CitationSources.Any(s => s is null || s.Length > 260))
            throw new ArgumentException($"Citations must be at most {MaxCitations} source file names.", nameof(entry));
        if (string.IsNullOrWhiteSpace(entry.Surface) || string.IsNullOrWhiteSpace(entry.UserHash)) throw new ArgumentException("Surface and user hash are required.", nameof(entry));
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class FeedbackJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
