using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Providers;
using Portal.Tests.Support;

namespace Portal.Tests.Providers;

public sealed class ProviderEditingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(ProviderStore Store, ProviderEditing Editing, Db Db, RegistryVersion Registry)> NewAsync()
    {
        var db = TestDatabase.New();
        var registry = new RegistryVersion();
        var store = await TestDatabase.MigratedStoreAsync(seed: false, db, registry);
        return (store, new ProviderEditing(db, TimeProvider.System, registry), db, registry);
    }

    [Fact]
    public async Task A_Save_From_A_Stale_Version_Is_Refused_And_Names_The_Other_Change()
    {
        var (store, editing, _, _) = await NewAsync();
        var id = await store.InsertAsync(new Provider { NameJa = "試験", Op25b = "unknown", Since = "2006" }, "seed", Ct);
        var original = (await editing.GetAsync(id, Ct))!;

        var first = await editing.UpdateAsync(id, original.Version, original.Provider with { Since = "2006-05" }, "admin", Ct);
        var second = await editing.UpdateAsync(id, original.Version, original.Provider with { Notes = "後から" }, "sato", Ct);

        Assert.True(first.Saved);
        Assert.False(second.Saved);
        Assert.Equal([new FieldChange("since", "2006", "2006-05")], second.TheirChanges);
        Assert.Equal("admin", second.Current!.UpdatedBy);
        var now = (await editing.GetAsync(id, Ct))!;
        Assert.Equal("2006-05", now.Provider.Since);
        Assert.Equal("", now.Provider.Notes);
        Assert.Equal(original.Version + 1, now.Version);
    }

    [Fact]
    public async Task Every_Change_Is_Kept_In_History_With_Who_And_Before_And_After()
    {
        var (store, editing, _, registry) = await NewAsync();
        var id = await store.InsertAsync(new Provider { NameJa = "履歴", Op25b = "unknown" }, "seed", Ct);
        var v = (await editing.GetAsync(id, Ct))!;
        var before = registry.Value;

        await editing.UpdateAsync(id, v.Version, v.Provider with { Op25b = "applies" }, "sato", Ct);
        await editing.DeleteAsync(id, "sato", Ct);
        await editing.RestoreAsync(id, "admin", Ct);

        var history = await editing.HistoryAsync(id, Ct);
        Assert.Equal(["restore", "delete", "update", "create"], history.Select(h => h.Action));
        Assert.Equal(["admin", "sato", "sato", "seed"], history.Select(h => h.ChangedBy));
        Assert.Equal([new FieldChange("op25b", "unknown", "applies")], ProviderEditing.Diff(history[2].Before, history[2].After));
        Assert.Equal(before + 3, registry.Value);
        Assert.Equal("applies", Assert.Single(await store.ListAsync(cancellationToken: Ct)).Op25b);   // the store's copy follows the writes
    }

    [Fact]
    public async Task A_Soft_Deleted_Provider_Keeps_Its_Row_And_Can_Be_Restored()
    {
        var (store, editing, db, _) = await NewAsync();
        var id = await store.InsertAsync(new Provider { NameJa = "消して戻す", Op25b = "none" }, "seed", Ct);

        Assert.True(await editing.DeleteAsync(id, "sato", Ct));
        Assert.False(await editing.DeleteAsync(id, "sato", Ct));
        Assert.Null(await store.GetAsync(id, Ct));
        await using (var c = await db.OpenAsync(Ct))
            Assert.Equal(1, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM providers WHERE id = @id", new { id }));
        var stale = (await editing.GetAsync(id, Ct))!;
        Assert.False((await editing.UpdateAsync(id, stale.Version, stale.Provider, "sato", Ct)).Saved);   // no edits while deleted

        Assert.True(await editing.RestoreAsync(id, "admin", Ct));
        Assert.Equal("消して戻す", (await store.GetAsync(id, Ct))!.NameJa);
    }

    [Fact]
    public async Task Upgrading_From_The_First_Version_Keeps_Every_Row()
    {
        var db = TestDatabase.NewFile();   // a SQLite file of the first version
        var migrator = new Migrator(db, NullLogger<Migrator>.Instance);
        await migrator.MigrateAsync(upTo: 1, cancellationToken: Ct);
        await TestDatabase.SeedAsOfFirstVersionAsync(db, ProviderSeed.Load());
        // Read from the file itself, every column of version 1: the store's in-memory copy would hide a lost row or value.
        var before = await TestDatabase.RowsAsync(db, "providers");

        var from = await migrator.MigrateAsync(cancellationToken: Ct);

        Assert.Equal(1, from);
        Assert.Equal(11, before.Count);
        var after = await TestDatabase.RowsAsync(db, "providers", columnsOf: before);
        Assert.Equal(before, after);
        await using var c = await db.OpenAsync(Ct);
        Assert.Equal(11, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM provider_history"));
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM staff"));
    }
}
