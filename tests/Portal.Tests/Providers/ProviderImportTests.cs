using System.Text;
using Portal.Providers;
using Portal.Tests.Support;

namespace Portal.Tests.Providers;

public sealed class ProviderImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(ProviderStore Store, ProviderEditing Editing)> SeededAsync()
    {
        var db = TestDatabase.NewFile();
        var registry = new RegistryVersion();
        var store = await TestDatabase.MigratedStoreAsync(seed: true, db, registry);
        return (store, new ProviderEditing(db, TimeProvider.System, registry));
    }

    [Fact]
    public async Task The_Exported_Csv_Imports_Back_As_No_Change_With_Japanese_Intact()
    {
        var (store, editing) = await SeededAsync();
        var csv = ProviderCsv.Write(await store.ListAsync(cancellationToken: Ct));

        var plan = await ProviderImport.PlanAsync(csv, editing, Ct);

        Assert.Empty(plan.Problems);
        Assert.Empty(plan.Adds);
        Assert.Empty(plan.Changes);
        Assert.False(plan.CanApply);
    }

    [Fact]
    public async Task An_Edited_Csv_Previews_Adds_And_Changes_Then_Applies_With_History()
    {
        var (store, editing) = await SeededAsync();
        var ocn = (await store.ListAsync("OCN", cancellationToken: Ct)).Single();
        var text = Encoding.UTF8.GetString(ProviderCsv.Write([ocn with { Kana = "おーしーえぬ", Notes = "改行を\n含む, \"引用\" 付きの備考" }]))
                   + "\"\",\"新プロバイダ\",\"New ISP\",\"しんぷろばいだ\",\"新会社\",\"partial\",\"2026\",\"587\",\"\",\"https://example.jp/op25b\",\"dyn.example.jp\",\"2026-11-28\"\n";

        var plan = await ProviderImport.PlanAsync(Encoding.UTF8.GetBytes(text), editing, Ct);

        Assert.Empty(plan.Problems);
        Assert.Equal("新プロバイダ", Assert.Single(plan.Adds).Values.NameJa);
        var (line, changes) = Assert.Single(plan.Changes);
        Assert.Equal(ocn.Id, line.Id);
        Assert.Equal(["kana", "notes"], changes.Select(c => c.Field));

        Assert.Equal(2, await editing.ApplyAsync(plan, "sato", Ct));
        Assert.Equal("おーしーえぬ", (await store.GetAsync(ocn.Id, Ct))!.Kana);
        Assert.Equal("改行を\n含む, \"引用\" 付きの備考", (await store.GetAsync(ocn.Id, Ct))!.Notes);
        Assert.Single(await store.ListAsync("しんぷろばいだ", cancellationToken: Ct));
        Assert.Equal("import", (await editing.HistoryAsync(ocn.Id, Ct))[0].Action);
    }

    [Fact]
    public async Task One_Bad_Row_Rejects_The_Whole_Import_And_Names_Its_Line()
    {
        var (store, editing) = await SeededAsync();
        var text = string.Join("\n", ProviderCsv.Header.Select(h => h).Aggregate((a, b) => a + "," + b),
            ",良い行,Good,,,applies,,587,,,,",
            ",,Empty name,,,applies,,587,,,,",
            ",悪いポート,Bad,,,applies,,25,,,,",
            ",悪い状況,Bad,,,maybe,,587,,,,") + "\n";
        var before = (await store.ListAsync(cancellationToken: Ct)).Count;

        var plan = await ProviderImport.PlanAsync(Encoding.UTF8.GetBytes(text), editing, Ct);

        Assert.Equal([3, 4, 5], plan.Problems.Select(p => p.Line).Distinct());
        Assert.False(plan.CanApply);
        await Assert.ThrowsAsync<InvalidOperationException>(() => editing.ApplyAsync(plan, "sato", Ct));
        Assert.Equal(before, (await store.ListAsync(cancellationToken: Ct)).Count);
    }

    [Fact]
    public async Task A_File_That_Is_Not_Utf8_Gets_A_Clear_Error()
    {
        var (_, editing) = await SeededAsync();
        var shiftJis = new byte[] { 0x6E, 0x61, 0x6D, 0x65, 0x5F, 0x6A, 0x61, 0x0A, 0x82, 0xD5, 0x82, 0xE7, 0x82, 0xE7 };   // "ぷらら" in Shift_JIS

        var plan = await ProviderImport.PlanAsync(shiftJis, editing, Ct);

        Assert.Contains("UTF-8", Assert.Single(plan.Problems).En);
        Assert.False(plan.CanApply);
    }

    [Fact]
    public async Task An_Unknown_Id_Is_A_Problem_Not_A_New_Row()
    {
        var (_, editing) = await SeededAsync();
        var text = string.Join(",", ProviderCsv.Header) + "\n\"99999\",\"幽霊\",\"\",\"\",\"\",\"applies\",\"\",\"587\",\"\",\"\",\"\",\"\"\n";

        var plan = await ProviderImport.PlanAsync(Encoding.UTF8.GetBytes(text), editing, Ct);

        Assert.Contains("99999", Assert.Single(plan.Problems).En);
    }
}
