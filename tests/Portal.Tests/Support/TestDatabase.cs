using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Providers;

namespace Portal.Tests.Support;

/// <summary>Real SQLite files in the temp folder, migrated (and seeded) like the portal does at start-up.</summary>
public static class TestDatabase
{
    public static Db NewFile() => new($"Data Source={Path.Combine(Path.GetTempPath(), $"portal-store-{Guid.NewGuid():N}.db")}");

    public static async Task<ProviderStore> MigratedStoreAsync(bool seed, Db? db = null, RegistryVersion? registry = null)
    {
        db ??= NewFile();
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        var store = new ProviderStore(db, TimeProvider.System, registry ?? new RegistryVersion());
        if (seed)
            foreach (var p in ProviderSeed.Load()) await store.InsertAsync(p, "seed");
        return store;
    }

    /// <summary>Every row of a table as "column=value" lines, read straight from the file (optionally only the columns another read had).</summary>
    public static async Task<List<string>> RowsAsync(Db db, string table, List<string>? columnsOf = null)
    {
        await using var c = await db.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY rowid";
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
