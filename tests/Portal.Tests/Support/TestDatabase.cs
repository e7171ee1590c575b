using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Providers;

namespace Portal.Tests.Support;

/// <summary>Real SQLite files in the temp folder, migrated (and seeded) like the portal does at start-up.</summary>
public static class TestDatabase
{
    public static Db NewFile() => new($"Data Source={Path.Combine(Path.GetTempPath(), $"portal-store-{Guid.NewGuid():N}.db")}");

    /// <summary>
    /// A new empty database for store tests: a SQLite file, or with PORTAL_TEST_PROVIDER=postgres a fresh database on the
    /// test cluster (left for the cluster's folder to take away), so the same tests run on both engines.
    /// </summary>
    public static Db New() => PortalFactory.OnPostgres ? PostgresDatabase.CreateAsync().GetAwaiter().GetResult().Db : NewFile();

    public static async Task<ProviderStore> MigratedStoreAsync(bool seed, Db? db = null, RegistryVersion? registry = null)
    {
        db ??= New();
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        var store = new ProviderStore(db, TimeProvider.System, registry ?? new RegistryVersion());
        if (seed)
            foreach (var p in ProviderSeed.Load()) await store.InsertAsync(p, "seed");
        return store;
    }

    /// <summary>
    /// Seeds a database migrated only part way, as the portal of that time did: only the columns the first
    /// version had (the store's own SQL writes later columns too).
    /// </summary>
    public static async Task SeedAsOfFirstVersionAsync(Db db, IEnumerable<Provider> providers)
    {
        await using var c = await db.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var p in providers)
        {
            var id = await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, """
                INSERT INTO providers (name_ja, name_en, kana, operator, op25b, since, submission_ports, notes, source_url,
                                       rdns_suffixes, last_verified, search_text, created_at, updated_at, updated_by)
                VALUES (@NameJa, @NameEn, @Kana, @Operator, @Op25b, @Since, @Ports, @Notes, @SourceUrl, @Rdns, @LastVerified, @Search, @now, @now, 'seed')
                RETURNING id
                """, new { p.NameJa, p.NameEn, p.Kana, p.Operator, p.Op25b, p.Since, Ports = string.Join(",", p.SubmissionPorts), p.Notes, p.SourceUrl,
                    Rdns = string.Join(" ", p.RdnsSuffixes), p.LastVerified, Search = ProviderStore.SearchText(p), now }, tx);
            await Dapper.SqlMapper.ExecuteAsync(c, """
                INSERT INTO provider_history (provider_id, changed_at, changed_by, action, before_json, after_json)
                VALUES (@id, @now, 'seed', 'create', NULL, @after)
                """, new { id, now, after = System.Text.Json.JsonSerializer.Serialize(p with { Id = id }) }, tx);
        }
        await tx.CommitAsync();
    }

    /// <summary>Every row of a table as "column=value" lines, read straight from the file (optionally only the columns another read had).</summary>
    /// <summary>A table's columns in order, on either engine.</summary>
    public static async Task<List<string>> ColumnsAsync(Db db, string table)
    {
        await using var c = await db.OpenAsync();
        return (await Dapper.SqlMapper.QueryAsync<string>(c, db.Provider == DatabaseProvider.Postgres
            ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position"
            : "SELECT name FROM pragma_table_info(@table)", new { table })).ToList();
    }

    public static async Task<List<string>> RowsAsync(Db db, string table, List<string>? columnsOf = null)
    {
        await using var c = await db.OpenAsync();
        await using var command = c.CreateCommand();
        // Insertion order: SQLite's rowid; on PostgreSQL the physical order of a table only ever inserted into.
        command.CommandText = db.Provider == DatabaseProvider.Postgres ? $"SELECT * FROM {table}" : $"SELECT * FROM {table} ORDER BY rowid";
        await using var reader = await command.ExecuteReaderAsync();
        var keep = columnsOf?.FirstOrDefault()?.Split('\u001f').Select(f => f.Split('=')[0]).ToHashSet();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var fields = Enumerable.Range(0, reader.FieldCount)
                .Where(i => keep is null || keep.Contains(reader.GetName(i)))
                .Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i))}");
            rows.Add(string.Join('\u001f', fields));
        }
        return rows;
    }

    public static ProviderStore SeededStore() => MigratedStoreAsync(seed: true).GetAwaiter().GetResult();
}
