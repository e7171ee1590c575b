using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Providers;
using Portal.Tests.Support;

namespace Portal.Tests.Providers;

/// <summary>The registry's store on real SQLite files in the temp folder.</summary>
public sealed class ProviderStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrating_An_Empty_File_Records_The_Version_And_Turns_On_Wal()
    {
        var db = TestDatabase.NewFile();   // SQLite's own upgrade path (PRAGMA, rowid)
        var from = await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken: Ct);

        await using var c = await db.OpenAsync(Ct);
        Assert.Equal(0, from);
        Assert.Equal(Migrator.Scripts.Max(s => s.Version), await c.ExecuteScalarAsync<int>("PRAGMA user_version"));
        Assert.Equal("wal", await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1, await c.ExecuteScalarAsync<int>("PRAGMA foreign_keys"));
        Assert.Equal(5000, await c.ExecuteScalarAsync<int>("PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task Migrating_Again_Changes_Nothing_And_Keeps_Every_Row()
    {
        var db = TestDatabase.NewFile();   // SQLite's own upgrade path (PRAGMA, rowid)
        await TestDatabase.MigratedStoreAsync(seed: true, db);
        // Read from the file itself: the store's in-memory copy would hide a migration that changed rows.
        var before = await TestDatabase.RowsAsync(db, "providers");

        var from = await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken: Ct);

        Assert.Equal(Migrator.Scripts.Max(s => s.Version), from);
        Assert.Equal(11, before.Count);
        Assert.Equal(before, await TestDatabase.RowsAsync(db, "providers"));
    }

    [Fact]
    public async Task Foreign_Keys_Are_Enforced()
    {
        var db = TestDatabase.New();
        await TestDatabase.MigratedStoreAsync(seed: false, db);
        await using var c = await db.OpenAsync(Ct);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => c.ExecuteAsync(
            "INSERT INTO provider_history (provider_id, changed_at, changed_by, action) VALUES (999, 'now', 'x', 'create')"));
    }

    [Fact]
    public async Task The_Seed_Fills_Every_Provider_With_Its_Source()
    {
        var store = await TestDatabase.MigratedStoreAsync(seed: true);
        var all = await store.ListAsync(cancellationToken: Ct);

        Assert.Equal(11, all.Count);
        var ocn = Assert.Single(all, p => p.NameEn == "OCN");
        Assert.Equal("applies", ocn.Op25b);
        Assert.Equal("2007-07", ocn.Since);
        Assert.Equal([587, 465], ocn.SubmissionPorts);
        Assert.StartsWith("https://", ocn.SourceUrl);
        Assert.Contains(all, p => p.NameJa == "ぷらら" && p.Notes.Contains("2005-04-22"));
    }

    [Theory]
    [InlineData("ぷらら", "Plala")]
    [InlineData("プララ", "Plala")]       // katakana finds hiragana
    [InlineData("plala", "Plala")]
    [InlineData("ＯＣＮ", "OCN")]          // full-width
    [InlineData("ソフトバンク", "Yahoo! BB")]  // the operator's name
    public async Task Search_Works_On_Japanese_Kana_And_English_Names(string query, string expected)
    {
        var store = await TestDatabase.MigratedStoreAsync(seed: true);
        Assert.Contains(await store.ListAsync(query, cancellationToken: Ct), p => p.NameEn == expected);
    }

    [Theory]
    [InlineData("%", "割引100%回線")]
    [InlineData("_", "a_b net")]
    [InlineData(".*", "ドット.*ネット")]
    [InlineData("[a]", "角[a]括弧")]
    public async Task Wildcard_And_Pattern_Characters_In_A_Query_Match_Only_Themselves(string query, string expected)
    {
        var store = await TestDatabase.MigratedStoreAsync(seed: true);
        foreach (var name in new[] { "割引100%回線", "a_b net", "ドット.*ネット", "角[a]括弧", "abc" })
            await store.InsertAsync(new Provider { NameJa = name, Op25b = "unknown" }, "test", Ct);

        var found = await store.ListAsync(query, cancellationToken: Ct);

        Assert.Equal([expected], found.Select(p => p.NameJa));
    }

    [Fact]
    public async Task The_Status_Filter_Keeps_Only_That_Status()
    {
        var store = await TestDatabase.MigratedStoreAsync(seed: false);
        await store.InsertAsync(new Provider { NameJa = "甲", Op25b = "partial" }, "test", Ct);
        await store.InsertAsync(new Provider { NameJa = "乙", Op25b = "none" }, "test", Ct);

        Assert.Equal(["甲"], (await store.ListAsync(status: "partial", cancellationToken: Ct)).Select(p => p.NameJa));
    }

    [Fact]
    public async Task Deleted_Providers_Are_Never_Shown_To_Customers()
    {
        var db = TestDatabase.New();
        var store = await TestDatabase.MigratedStoreAsync(seed: false, db);
        var id = await store.InsertAsync(new Provider { NameJa = "消えた", Op25b = "applies" }, "test", Ct);
        await using (var c = await db.OpenAsync(Ct))
            await c.ExecuteAsync("UPDATE providers SET deleted_at = 'now' WHERE id = @id", new { id });

        Assert.Empty(await store.ListAsync(cancellationToken: Ct));
        Assert.Null(await store.GetAsync(id, Ct));
    }

    [Fact]
    public async Task Creating_A_Provider_Writes_History()
    {
        var db = TestDatabase.New();
        var store = await TestDatabase.MigratedStoreAsync(seed: false, db);
        var id = await store.InsertAsync(new Provider { NameJa = "履歴", Op25b = "unknown" }, "sato", Ct);

        await using var c = await db.OpenAsync(Ct);
        var (by, action, after) = await c.QuerySingleAsync<(string, string, string)>(
            "SELECT changed_by, action, after_json FROM provider_history WHERE provider_id = @id", new { id });
        Assert.Equal(("sato", "create"), (by, action));
        Assert.Contains("履歴", System.Text.RegularExpressions.Regex.Unescape(after));
    }

    [Fact]
    public async Task The_Csv_Starts_With_A_Byte_Order_Mark_And_Keeps_Japanese_And_Quotes()
    {
        var csv = ProviderCsv.Write([new Provider { Id = 7, NameJa = "ぷらら \"光\"", NameEn = "=HYPERLINK(1)", Op25b = "applies", SubmissionPorts = [587, 465] }]);

        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var text = System.Text.Encoding.UTF8.GetString(csv[3..]);
        Assert.StartsWith("id,name_ja,name_en", text);
        Assert.Contains("\"7\",\"ぷらら \"\"光\"\"\",\"'=HYPERLINK(1)\"", text);
        Assert.Contains("\"587 465\"", text);
    }
}
