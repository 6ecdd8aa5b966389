using ChatBot.Core.Quiz;
using ChatBot.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatBot.Feedback.Sqlite;

/// <summary>The `Quiz` configuration section's storage settings.</summary>
public sealed class SqliteQuizProgressOptions
{
    public const string Section = "Quiz";

    /// <summary>The SQLite file, relative to the data dir (default quiz.db).</summary>
    public string DatabaseFile { get; set; } = SqliteQuizProgressStore.FileName;
}

/// <summary>
/// Quiz progress in SQLite (quiz.db in the data dir): users' scores, streaks and turns, and their Leitner
/// cards. Self-contained: it creates its own schema on first use and opens its own connections. Each
/// change runs in one IMMEDIATE transaction with a busy timeout, so a CLI and a server sharing a data dir
/// (or concurrent requests) never lose an answer; every answer is committed before the call returns.
/// </summary>
public sealed class SqliteQuizProgressStore : IQuizProgressStore
{
    public const string FileName = "quiz.db";
    private const int BusyTimeoutMs = 5_000;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public SqliteQuizProgressStore(IOptions<ChatBotOptions> chatBot, IOptions<SqliteQuizProgressOptions> options, TimeProvider time)
        : this(Path.Combine(Path.GetFullPath(chatBot.Value.DataDir), options.Value.DatabaseFile), time) { }

    public SqliteQuizProgressStore(string databasePath, TimeProvider? time = null)
    {
        DatabasePath = databasePath;
        _time = time ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
    }

    public string DatabasePath { get; }

    public async Task<QuizProgress> GetAsync(string user, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadUserAsync(connection, null, user, cancellationToken);
    }

    public async Task<IReadOnlyList<QuizCard>> CardsAsync(string user, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT question_id, fact_key, box, due_turn, pending FROM quiz_cards WHERE user_hash = $user ORDER BY due_turn IS NULL, due_turn, question_id";
        command.Parameters.AddWithValue("$user", user);
        var cards = new List<QuizCard>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            cards.Add(new QuizCard(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetInt32(4) != 0));
        return cards;
    }

    public async Task<long> RecordAskedAsync(string user, string questionId, string factKey, LeitnerSchedule schedule, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var progress = await ReadUserAsync(connection, transaction, user, cancellationToken);
        var turn = progress.Turn + 1;
        await ExecuteAsync(connection, transaction, """
            INSERT INTO quiz_users (user_hash, score, answered, streak, best_streak, turn, updated_at) VALUES ($user, 0, 0, 0, 0, $turn, $now)
            ON CONFLICT (user_hash) DO UPDATE SET turn = $turn, updated_at = $now
            """, cancellationToken, ("$user", user), ("$turn", turn), ("$now", Now()));
        var box = await ScalarAsync(connection, transaction, "SELECT box FROM quiz_cards WHERE user_hash = $user AND question_id = $id", cancellationToken, ("$user", user), ("$id", questionId));
        var due = turn + schedule.UnansweredInterval(box is long b ? (int)b : 0);
        await ExecuteAsync(connection, transaction, """
            INSERT INTO quiz_cards (user_hash, question_id, fact_key, box, due_turn, pending, asked_turn, updated_at)
            VALUES ($user, $id, $fact, 0, $due, 1, $turn, $now)
            ON CONFLICT (user_hash, question_id) DO UPDATE SET pending = 1, asked_turn = $turn, due_turn = $due, fact_key = $fact, updated_at = $now
            """, cancellationToken, ("$user", user), ("$id", questionId), ("$fact", factKey), ("$due", due), ("$turn", turn), ("$now", Now()));
        await transaction.CommitAsync(cancellationToken);
        return turn;
    }

    public async Task<QuizAnswerResult> RecordAnswerAsync(string user, string questionId, string factKey, bool correct, LeitnerSchedule schedule, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var progress = await ReadUserAsync(connection, transaction, user, cancellationToken);
        int? box = null;
        var pending = false;
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT box, pending FROM quiz_cards WHERE user_hash = $user AND question_id = $id";
            read.Parameters.AddWithValue("$user", user);
            read.Parameters.AddWithValue("$id", questionId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken)) { box = reader.GetInt32(0); pending = reader.GetInt32(1) != 0; }
        }
        // An answer counts once per asking; a question answered without being asked (an id from elsewhere) counts once.
        var counts = pending || box is null;
        var score = progress.Score;
        if (counts)
        {
            var streak = correct ? score.Streak + 1 : 0;
            score = new QuizScore(score.Score + (correct ? 1 : 0), score.Answered + 1, streak, Math.Max(score.BestStreak, streak));
        }
        var turn = progress.Turn;
        var (newBox, interval) = counts ? schedule.Next(box ?? 0, correct) : (box!.Value, (int?)null);
        long? due = counts ? (interval is { } i ? turn + i : null) : await ScalarAsync(connection, transaction,
            "SELECT due_turn FROM quiz_cards WHERE user_hash = $user AND question_id = $id", cancellationToken, ("$user", user), ("$id", questionId)) as long?;
        await ExecuteAsync(connection, transaction, """
            INSERT INTO quiz_users (user_hash, score, answered, streak, best_streak, turn, updated_at) VALUES ($user, $score, $answered, $streak, $best, $turn, $now)
            ON CONFLICT (user_hash) DO UPDATE SET score = $score, answered = $answered, streak = $streak, best_streak = $best, updated_at = $now
            """, cancellationToken, ("$user", user), ("$score", score.Score), ("$answered", score.Answered), ("$streak", score.Streak), ("$best", score.BestStreak),
            ("$turn", turn), ("$now", Now()));
        if (counts)
            await ExecuteAsync(connection, transaction, """
                INSERT INTO quiz_cards (user_hash, question_id, fact_key, box, due_turn, pending, asked_turn, updated_at)
                VALUES ($user, $id, $fact, $box, $due, 0, $turn, $now)
                ON CONFLICT (user_hash, question_id) DO UPDATE SET box = $box, due_turn = $due, pending = 0, fact_key = $fact, updated_at = $now
                """, cancellationToken, ("$user", user), ("$id", questionId), ("$fact", factKey), ("$box", newBox), ("$due", (object?)due ?? DBNull.Value),
                ("$turn", turn), ("$now", Now()));
        await transaction.CommitAsync(cancellationToken);
        return new QuizAnswerResult(score, counts, newBox, due, turn);
    }

    private string Now() => _time.GetUtcNow().ToString("O");

    private static async Task<QuizProgress> ReadUserAsync(SqliteConnection connection, SqliteTransaction? transaction, string user, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT score, answered, streak, best_streak, turn FROM quiz_users WHERE user_hash = $user";
        command.Parameters.AddWithValue("$user", user);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return new QuizProgress(QuizScore.None, 0);
        return new QuizProgress(new QuizScore(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)), reader.GetInt64(4));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync(ct);
        return result is DBNull ? null : result;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(DatabasePath) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            // Wait for another process's write instead of failing at once.
            pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs};";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        if (!_schemaReady) await EnsureSchemaAsync(connection, cancellationToken);
        return connection;
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady) return;
            await using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS quiz_users (
                    user_hash   TEXT PRIMARY KEY,
                    score       INTEGER NOT NULL,
                    answered    INTEGER NOT NULL,
                    streak      INTEGER NOT NULL,
                    best_streak INTEGER NOT NULL,
                    turn        INTEGER NOT NULL,
                    updated_at  TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS quiz_cards (
                    user_hash   TEXT NOT NULL,
                    question_id TEXT NOT NULL,
                    fact_key    TEXT NOT NULL,
                    box         INTEGER NOT NULL,
                    due_turn    INTEGER,
                    pending     INTEGER NOT NULL,
                    asked_turn  INTEGER NOT NULL,
                    updated_at  TEXT NOT NULL,
                    PRIMARY KEY (user_hash, question_id));
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
