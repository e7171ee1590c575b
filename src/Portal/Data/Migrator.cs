using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Portal.Data;

/// <summary>
/// Applies the numbered scripts of the database's engine (embedded from Data/Migrations/sqlite or /postgres) that are
/// newer than the schema version, each in its own transaction together with the new version number, so a failed
/// step changes nothing. SQLite keeps the version in PRAGMA user_version; PostgreSQL in schema_version, and its
/// migrations run under an advisory lock, so portals starting at once apply each step exactly once.
/// </summary>
public sealed class Migrator(Db db, ILogger<Migrator> logger)
{
    /// <summary>The advisory lock key of the migrations (any constant the portal uses for nothing else).</summary>
    public const long AdvisoryLock = 0x5A11_0001;

    /// <summary>The SQLite scripts; the PostgreSQL set has the same numbers (a test holds them to the same tables and columns).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts(DatabaseProvider.Sqlite);

    public static IReadOnlyList<(int Version, string Name, string Sql)> PostgresScripts { get; } = LoadScripts(DatabaseProvider.Postgres);

    public static IReadOnlyList<(int Version, string Name, string Sql)> ScriptsFor(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? PostgresScripts : Scripts;

    /// <summary>Brings the database up to date; returns the version it started from.</summary>
    public async Task<int> MigrateAsync(int? upTo = null, CancellationToken cancellationToken = default)
    {
        if (db.FilePath is { } file) Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using var connection = await db.OpenAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            // A session lock: a second portal waits here until the first has finished, then finds nothing to do.
            await connection.ExecuteAsync("SELECT pg_advisory_lock(@AdvisoryLock)", new { AdvisoryLock });
            try
            {
                await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)");
                return await ApplyAsync(connection, upTo, cancellationToken);
            }
            finally
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@AdvisoryLock)", new { AdvisoryLock });
            }
        }
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        return await ApplyAsync(connection, upTo, cancellationToken);
    }

    private async Task<int> ApplyAsync(DbConnection connection, int? upTo, CancellationToken cancellationToken)
    {
        var start = await VersionAsync(connection, null);
        foreach (var (version, name, sql) in ScriptsFor(db.Provider).Where(s => s.Version <= (upTo ?? int.MaxValue)))
        {
            // Steps already applied need no write lock: a database that is up to date starts even when it is read-only
            // (readiness then says it cannot be written).
            if (start >= version) continue;
            // SQLite: BEGIN IMMEDIATE, and the version read inside it, so two processes cannot both apply a step.
            await using var tx = await db.BeginWriteAsync(connection, cancellationToken);
            if (await VersionAsync(connection, tx) >= version) continue;
            await connection.ExecuteAsync(sql, transaction: tx);
            await connection.ExecuteAsync(db.Provider == DatabaseProvider.Postgres
                ? $"DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ({version});"
                : $"PRAGMA user_version = {version};", transaction: tx);
            await tx.CommitAsync(cancellationToken);
            logger.LogInformation("Applied migration {Name}", name);
        }
        return start;
    }

    /// <summary>The schema version the database is at (0 when new).</summary>
    public static async Task<int> VersionAsync(DbConnection connection, DbTransaction? tx)
    {
        if (connection is not Npgsql.NpgsqlConnection) return await connection.ExecuteScalarAsync<int>("PRAGMA user_version;", transaction: tx);
        if (await connection.ExecuteScalarAsync<string?>("SELECT to_regclass('schema_version')::text", transaction: tx) is null) return 0;
        return await connection.ExecuteScalarAsync<int?>("SELECT max(version) FROM schema_version", transaction: tx) ?? 0;
    }

    private static List<(int, string, string)> LoadScripts(DatabaseProvider provider)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var folder = $".Data.Migrations.{provider.ToString().ToLowerInvariant()}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[(n.IndexOf(folder, StringComparison.Ordinal) + folder.Length)..];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (int.Parse(file[..4]), file, reader.ReadToEnd());
            })
            .OrderBy(s => s.Item1)
            .ToList();
    }
}
