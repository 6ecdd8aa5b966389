using Microsoft.Data.Sqlite;

namespace ChatBot.Feedback.Sqlite;

/// <summary>One step of the database's schema, applied once, in order, by name.</summary>
public sealed record SqliteMigration(string Name, string Sql);

/// <summary>
/// The SQLite database in the data dir (`feedback.db`) shared by the stores kept there: answer feedback
/// today, quiz scores later. Each store brings its migrations; every migration runs once, in a
/// transaction, and is recorded in `schema_migrations`, so a store added later only adds migrations
/// and an existing database is upgraded in place.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly IReadOnlyList<SqliteMigration> _migrations;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public SqliteDatabase(string databasePath, IEnumerable<SqliteMigration> migrations)
    {
        DatabasePath = databasePath;
        _migrations = migrations.ToList();
        if (_migrations.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() != _migrations.Count)
            throw new ArgumentException("Migration names must be unique.", nameof(migrations));
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>An open connection on an up-to-date schema.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            // Several processes (CLI and serve) may write: wait for a lock rather than fail at once.
            await ExecuteAsync(connection, "PRAGMA busy_timeout = 10000;", ct).ConfigureAwait(false);
            if (!_schemaReady) await MigrateAsync(connection, ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task MigrateAsync(SqliteConnection connection, CancellationToken ct)
    {
        await _schemaGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_schemaReady) return;
            await ExecuteAsync(connection, """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
                """, ct).ConfigureAwait(false);
            foreach (var migration in _migrations)
            {
                // BEGIN IMMEDIATE: another process migrating at the same time waits, then finds the step done.
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct).ConfigureAwait(false);
                await using (var check = connection.CreateCommand())
                {
                    check.Transaction = transaction;
                    check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE name = $name";
                    check.Parameters.AddWithValue("$name", migration.Name);
                    if (Convert.ToInt64(await check.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0) continue;
                }
                await using (var apply = connection.CreateCommand())
                {
                    apply.Transaction = transaction;
                    apply.CommandText = migration.Sql + ";\nINSERT INTO schema_migrations (name, applied_at) VALUES ($name, $at);";
                    apply.Parameters.AddWithValue("$name", migration.Name);
                    apply.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
                    await apply.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
