using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>The PostgreSQL migrations: the same schema as SQLite's, applied once however many portals start at once.</summary>
public sealed class PostgresSchemaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Both_Migration_Sets_Have_The_Same_Steps_And_Make_The_Same_Tables_Columns_And_Nullability()
    {
        Assert.Equal(Migrator.Scripts.Select(s => s.Name), Migrator.PostgresScripts.Select(s => s.Name));

        var sqlite = TestDatabase.NewFile();
        await new Migrator(sqlite, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken: Ct);
        List<string> fromSqlite;
        await using (var c = await sqlite.OpenAsync(Ct))
            fromSqlite = (await c.QueryAsync<string>("""
                SELECT m.name || '.' || p.name || CASE WHEN p."notnull" OR p.pk > 0 THEN ' not null' ELSE '' END
                FROM sqlite_master m, pragma_table_info(m.name) p
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                ORDER BY 1
                """)).ToList();

        await using var pg = await PostgresDatabase.CreateAsync();
        await new Migrator(pg.Db, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken: Ct);
        List<string> fromPostgres;
        await using (var c = await pg.Db.OpenAsync(Ct))
            fromPostgres = (await c.QueryAsync<string>("""
                SELECT table_name || '.' || column_name || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
                FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name <> 'schema_version'
                """)).ToList();

        Assert.True(fromSqlite.Count > 80, $"{fromSqlite.Count} columns");
        Assert.Equal(fromSqlite.Order(StringComparer.Ordinal), fromPostgres.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Portals_Starting_At_Once_On_PostgreSQL_Apply_Each_Migration_Exactly_Once()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        var logs = new LogCapture();
        // Four portals' migrators, each with its own connection pool, released together.
        var start = new TaskCompletionSource();
        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            var db = new Db(pg.ConnectionString + ";Application Name=portal-" + Guid.NewGuid().ToString("N")[..6], DatabaseProvider.Postgres);
            return await new Migrator(db, logs.For<Migrator>()).MigrateAsync(cancellationToken: Ct);
        })).ToList();
        start.SetResult();
        var from = await Task.WhenAll(runs);

        Assert.Equal(1, from.Count(v => v == 0));                         // one found a new database...
        Assert.Equal(3, from.Count(v => v == Migrator.PostgresScripts.Max(s => s.Version)));   // ...the others found it done
        var applied = logs.Entries.Select(e => e.Message).Where(m => m.StartsWith("Applied migration", StringComparison.Ordinal)).ToList();
        Assert.Equal(Migrator.PostgresScripts.Select(s => $"Applied migration {s.Name}"), applied);
        await using var c = await pg.Db.OpenAsync(Ct);
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task Db_Check_Works_On_PostgreSQL_And_Db_Backup_Points_To_Pg_Dump()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(1, await DbCommands.RunAsync(["db", "check"], pg.Db, output, error));    // not migrated yet
        Assert.Contains("schema version 0 of", output.ToString());
        await new Migrator(pg.Db, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken: Ct);
        output.GetStringBuilder().Clear();
        Assert.Equal(0, await DbCommands.RunAsync(["db", "check"], pg.Db, output, error));
        var latest = Migrator.PostgresScripts.Max(s => s.Version);
        Assert.Contains($"schema version {latest} of {latest}", output.ToString());

        Assert.Equal(2, await DbCommands.RunAsync(["db", "backup", "/tmp/x.db"], pg.Db, output, error));
        Assert.Contains("pg_dump", error.ToString());
    }
}
