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

    public static ProviderStore SeededStore() => MigratedStoreAsync(seed: true).GetAwaiter().GetResult();
}
