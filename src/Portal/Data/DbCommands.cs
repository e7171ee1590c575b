using Dapper;
using Microsoft.Data.Sqlite;

namespace Portal.Data;

/// <summary>
/// `dotnet run --project src/Portal -- db backup PATH` and `-- db check`: operator commands that work
/// while the portal is running (SQLite's online backup API; PRAGMA integrity_check).
/// </summary>
public static class DbCommands
{
    public static async Task<int> RunAsync(string[] words, Db db, TextWriter output, TextWriter error)
    {
        switch (words)
        {
            case ["db", "backup", _] when db.Provider == DatabaseProvider.Postgres:
                await error.WriteLineAsync("On PostgreSQL, back up with the server's own tool: pg_dump --format=custom --file=portal.dump \"$ConnectionString\" " +
                    "(and pg_restore to bring it back). `db backup` copies the embedded SQLite file only.");
                return 2;
            case ["db", "backup", var path]:
            {
                var target = Path.GetFullPath(path);
                if (db.FilePath is { } source && Path.GetFullPath(source) == target)
                {
                    await error.WriteLineAsync("The backup cannot overwrite the database itself.");
                    return 2;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var from = await db.OpenAsync();
                await using var to = new SqliteConnection($"Data Source={target};Pooling=False");
                await to.OpenAsync();
                ((SqliteConnection)from).BackupDatabase(to);
                var check = await to.ExecuteScalarAsync<string>("PRAGMA integrity_check");
                var rows = await to.ExecuteScalarAsync<int>("SELECT count(*) FROM providers");
                await output.WriteLineAsync($"Backed up {db.FilePath} to {target}: {rows} providers, integrity {check}.");
                return check == "ok" ? 0 : 1;
            }
            case ["db", "check"] when db.Provider == DatabaseProvider.Postgres:
            {
                // PostgreSQL checks its own pages; what the portal can check is that it reaches the server and the schema is whole.
                await using var c = await db.OpenAsync();
                var version = await Migrator.VersionAsync(c, null);
                var latest = Migrator.PostgresScripts.Max(s => s.Version);
                var tables = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()");
                await output.WriteLineAsync($"PostgreSQL {c.ServerVersion}: schema version {version} of {latest}, {tables} tables");
                return version == latest ? 0 : 1;
            }
            case ["db", "check"]:
            {
                await using var c = await db.OpenAsync();
                var problems = (await c.QueryAsync<string>("PRAGMA integrity_check")).ToList();
                await output.WriteLineAsync(string.Join(Environment.NewLine, problems));
                return problems is ["ok"] ? 0 : 1;
            }
            default:
                await error.WriteLineAsync("usage: Portal db backup PATH | Portal db check");
                return 2;
        }
    }
}
