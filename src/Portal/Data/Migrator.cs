using System.Reflection;
using Dapper;

namespace Portal.Data;

/// <summary>
/// Applies the numbered scripts in Data/Migrations (embedded) that are newer than PRAGMA user_version,
/// each in its own transaction together with the new version number, so a failed step changes nothing.
/// </summary>
public sealed class Migrator(Db db, ILogger<Migrator> logger)
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    /// <summary>Brings the database up to date; returns the version it started from.</summary>
    public async Task<int> MigrateAsync(int? upTo = null, CancellationToken cancellationToken = default)
    {
        if (db.FilePath is { } file) Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        var start = await connection.ExecuteScalarAsync<int>("PRAGMA user_version;");
        foreach (var (version, name, sql) in Scripts.Where(s => s.Version <= (upTo ?? int.MaxValue)))
        {
            // BEGIN IMMEDIATE, and the version read inside it: two processes starting at once cannot both apply a step.
            await using var tx = connection.BeginTransaction(deferred: false);
            if (await connection.ExecuteScalarAsync<int>("PRAGMA user_version;", transaction: tx) >= version) continue;
            await connection.ExecuteAsync(sql, transaction: tx);
            await connection.ExecuteAsync($"PRAGMA user_version = {version};", transaction: tx);
            await tx.CommitAsync(cancellationToken);
            logger.LogInformation("Applied migration {Name}", name);
        }
        return start;
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Data.Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[(n.IndexOf(".Data.Migrations.", StringComparison.Ordinal) + ".Data.Migrations.".Length)..];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (int.Parse(file[..4]), file, reader.ReadToEnd());
            })
            .OrderBy(s => s.Item1)
            .ToList();
    }
}
