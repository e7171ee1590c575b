using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Portal.Data;

/// <summary>Which engine holds the data: the embedded SQLite file (default) or a PostgreSQL server.</summary>
public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Opens one connection per operation (pooled by the driver). This is the one place that knows the two engines
/// apart: connection set-up, write transactions, key clashes and the schema version. SQLite gets foreign keys on
/// and a busy timeout, so concurrent writers wait instead of failing.
/// </summary>
public sealed class Db(string connectionString, DatabaseProvider provider = DatabaseProvider.Sqlite) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public DatabaseProvider Provider { get; } = provider;

    private readonly Lazy<NpgsqlDataSource> _postgres = new(() => NpgsqlDataSource.Create(connectionString));

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (Provider == DatabaseProvider.Postgres) return await _postgres.Value.OpenConnectionAsync(cancellationToken);
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// A PostgreSQL connection of its own, outside the pool, for a session that holds something (an advisory lock,
    /// a LISTEN): closing it ends the session at once, where a pooled one would keep it until reused.
    /// </summary>
    public async Task<NpgsqlConnection> OpenDedicatedAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres.IsValueCreated) await _postgres.Value.DisposeAsync();
    }

    /// <summary>
    /// A transaction that writes: on SQLite it takes the write lock at once (BEGIN IMMEDIATE), so a read inside it
    /// cannot go stale before the write; on PostgreSQL it is serializable for the same guarantee.
    /// </summary>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);

    /// <summary>
    /// A transaction that holds the lock named by <paramref name="key"/> until it ends, for check-then-write steps that
    /// several portals may run at once: SQLite's write lock (BEGIN IMMEDIATE) is already one lock for everything; on
    /// PostgreSQL a transaction-level advisory lock, then read committed lets each statement see what the holder
    /// before committed.
    /// </summary>
    public async Task<DbTransaction> BeginLockedAsync(DbConnection connection, long key, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection sqlite) return sqlite.BeginTransaction(deferred: false);
        var tx = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"SELECT pg_advisory_xact_lock({key})";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return tx;
    }

    /// <summary>
    /// "column IN @list" as each engine takes it: Dapper expands a list for SQLite, but hands PostgreSQL an array,
    /// which needs "= ANY".
    /// </summary>
    public string In(string column, string parameter) =>
        Provider == DatabaseProvider.Postgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    /// <summary>True when the exception is a primary-key or unique clash.</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 1555 or 2067,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// True when the exception says the database cannot be written or reached now (read-only, full, unopenable, busy,
    /// or a PostgreSQL server refusing writes or gone): the request gets 503, not 500. SQLite's primary result codes
    /// (sqlite.org/rescode.html): 5 BUSY, 6 LOCKED, 8 READONLY, 10 IOERR, 13 FULL, 14 CANTOPEN; PostgreSQL's SQLSTATE
    /// class 25006 read_only_sql_transaction, 53 insufficient resources, 57P0x server shutting down, 08 connection.
    /// </summary>
    public static bool CannotWrite(Exception? e) => e switch
    {
        null => false,
        SqliteException s => s.SqliteErrorCode is 5 or 6 or 8 or 10 or 13 or 14,
        PostgresException p => p.SqlState == "25006" || p.SqlState.StartsWith("53") || p.SqlState.StartsWith("57P0") || p.SqlState.StartsWith("08"),
        NpgsqlException => true,
        _ => CannotWrite(e.InnerException),
    };

    /// <summary>
    /// Proves that a write would be accepted: a write transaction with a statement that changes no row, rolled back.
    /// SQLite refuses to begin it on a read-only connection or file (SQLITE_READONLY); PostgreSQL refuses the DELETE
    /// in a read-only transaction or on a standby (25006). Throws as a real write would. On the caller's connection.
    /// </summary>
    public async Task CheckWritableAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "DELETE FROM sign_in_failures WHERE id < 0";
        await command.ExecuteNonQueryAsync(cancellationToken);
        await tx.RollbackAsync(cancellationToken);
    }

    /// <summary>The file behind the connection string, for creating its folder; null for PostgreSQL and in-memory SQLite.</summary>
    public string? FilePath => Provider == DatabaseProvider.Sqlite && new SqliteConnectionStringBuilder(ConnectionString).DataSource is { Length: > 0 } path && path != ":memory:"
        ? Path.GetFullPath(path)
        : null;
}
