using Microsoft.Data.Sqlite;

namespace Portal.Data;

/// <summary>
/// Opens one SQLite connection per operation (pooled by Microsoft.Data.Sqlite) with foreign keys on and
/// a busy timeout, so concurrent writers wait instead of failing.
/// </summary>
public sealed class Db(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>The file behind the connection string, for creating its folder.</summary>
    public string? FilePath => new SqliteConnectionStringBuilder(ConnectionString).DataSource is { Length: > 0 } path && path != ":memory:"
        ? Path.GetFullPath(path)
        : null;
}
