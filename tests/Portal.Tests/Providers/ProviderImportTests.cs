using System.Text;
using Portal.Providers;
using Portal.Tests.Support;

namespace Portal.Tests.Providers;

public sealed class ProviderImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(ProviderStore Store, ProviderEditing Editing)> SeededAsync()
    {
        var db = TestDatabase.New();
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
                   + "\"\",\"新プロバイダ\",\"New ISP\",\"しんぷろばいだ\",\"新会社\",\"partial\",\"2026\",\"587\",\"\",\"日本語の備考\",\"https://example.jp/op25b\",\"dyn.example.jp\",\"2026-11-28\"\n";

        var plan = await ProviderImport.PlanAsync(Encoding.UTF8.GetBytes(text), editing, Ct);

        Assert.Empty(plan.Problems);
        Assert.Equal("新プロバイダ", Assert.Single(plan.Adds).Values.NameJa);
        var (line, changes) = Assert.Single(plan.Changes);
        Assert.Equal(ocn.Id, line.Id);
        Assert.Equal(["kana", "notes"], changes.Select(c => c.Field));

        Assert.Equal(new ImportResult(2, []).Count, (await editing.ApplyAsync(plan, "sato", Ct)).Count);
        Assert.Equal("おーしーえぬ", (await store.GetAsync(ocn.Id, Ct))!.Kana);
        Assert.Equal("改行を\n含む, \"引用\" 付きの備考", (await store.GetAsync(ocn.Id, Ct))!.Notes);
        Assert.Equal("日本語の備考", Assert.Single(await store.ListAsync("しんぷろばいだ", cancellationToken: Ct)).NotesJa);
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

        Assert.Contains("UTF-8", Assert.Single(plan.Problems).Message.En);
        Assert.False(plan.CanApply);
    }

    [Fact]
    public async Task An_Unknown_Id_Is_A_Problem_Not_A_New_Row()
    {
        var (_, editing) = await SeededAsync();
        var text = string.Join(",", ProviderCsv.Header) + "\n\"99999\",\"幽霊\",\"\",\"\",\"\",\"applies\",\"\",\"587\",\"\",\"\",\"\",\"\"\n";

        var plan = await ProviderImport.PlanAsync(Encoding.UTF8.GetBytes(text), editing, Ct);

        Assert.Contains("99999", Assert.Single(plan.Problems).Message.En);
    }

    [Fact]
    public async Task A_Missing_Optional_Column_Leaves_That_Field_Unchanged()
    {
        var (store, editing) = await SeededAsync();
        var ocn = (await store.ListAsync("OCN", cancellationToken: Ct)).Single();
        var text = $"id,name_ja,op25b,kana\n{ocn.Id},{ocn.NameJa},{ocn.Op25b},おーしーえぬ\n";

        var plan = await ProviderImport.PlanAsync(Encoding.UTF8.GetBytes(text), editing, Ct);
        await editing.ApplyAsync(plan, "sato", Ct);

        var (_, changes) = Assert.Single(plan.Changes);
        Assert.Equal(["kana"], changes.Select(c => c.Field));
        var after = (await store.GetAsync(ocn.Id, Ct))!;
        Assert.Equal("おーしーえぬ", after.Kana);
        Assert.Equal(ocn.Notes, after.Notes);
        Assert.Equal(ocn.SourceUrl, after.SourceUrl);
        Assert.Equal(ocn.SubmissionPorts, after.SubmissionPorts);
        Assert.Equal(ocn.Since, after.Since);
    }

    [Theory]
    [InlineData("id,name_en,op25b\n,New,applies\n", "name_ja")]
    [InlineData("id,name_ja,name_en\n,新,New\n", "op25b")]
    public async Task A_Missing_Required_Column_Is_An_Error_In_The_Preview(string text, string column)
    {
        var (_, editing) = await SeededAsync();

        var plan = await ProviderImport.PlanAsync(Encoding.UTF8.GetBytes(text), editing, Ct);

        var problem = Assert.Single(plan.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains(column, problem.Message.En);
        Assert.False(plan.CanApply);
    }

    [Fact]
    public async Task Apply_Refuses_Everything_When_A_Named_Provider_Changed_Since_The_Preview()
    {
        var (store, editing) = await SeededAsync();
        var all = await store.ListAsync(cancellationToken: Ct);
        var ocn = all.Single(p => p.NameEn == "OCN");
        var plala = all.Single(p => p.NameEn == "Plala");
        // The file changes OCN and names Plala unchanged; a colleague edits Plala after the preview.
        var text = Encoding.UTF8.GetString(ProviderCsv.Write([ocn with { Kana = "おーしーえぬ" }, plala])) + "\"\",\"追加網\",\"\",\"\",\"\",\"none\",\"\",\"587\",\"\",\"\",\"\",\"\"\n";
        var plan = await ProviderImport.PlanAsync(Encoding.UTF8.GetBytes(text), editing, Ct);
        var colleague = (await editing.GetAsync(plala.Id, Ct))!;
        await editing.UpdateAsync(plala.Id, colleague.Version, plala with { Notes = "同僚の編集" }, "colleague", Ct);

        var result = await editing.ApplyAsync(plan, "sato", Ct);

        Assert.Equal(0, result.Count);
        Assert.Equal([plala.Id], result.Changed.Select(p => p.Id));
        Assert.Equal(ocn.Kana, (await store.GetAsync(ocn.Id, Ct))!.Kana);
        Assert.Equal("同僚の編集", (await store.GetAsync(plala.Id, Ct))!.Notes);
        Assert.Empty(await store.ListAsync("追加網", cancellationToken: Ct));
    }

    [Fact]
    public async Task A_Broken_Quote_Names_Its_Line()
    {
        var (_, editing) = await SeededAsync();
        var text = "id,name_ja,op25b\n,良い,applies\n,\"閉じない,applies\n";

        var plan = await ProviderImport.PlanAsync(Encoding.UTF8.GetBytes(text), editing, Ct);

        Assert.False(plan.CanApply);
        Assert.NotEmpty(plan.Problems);
    }
}
