using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Providers;
using Portal.Site;
using Portal.Tests.Support;

namespace Portal.Tests.Providers;

/// <summary>Provider notes in Japanese and English: each language page shows its own, the migration fills the seed's.</summary>
public sealed class ProviderNotesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_Japanese_Page_Shows_Japanese_Notes_And_The_English_Page_English_Ones()
    {
        await using var factory = new PortalFactory();
        var ocn = (await factory.Services.GetRequiredService<ProviderStore>().ListAsync("OCN", cancellationToken: Ct)).Single();
        var client = factory.CreatePlainClient();

        var ja = await client.GetStringAsync($"/providers/{ocn.Id}", Ct);
        var en = await client.GetStringAsync($"/en/providers/{ocn.Id}", Ct);

        Assert.Contains("465番(SMTPS-AUTH)を提供しています。", ja);
        Assert.DoesNotContain("offers SMTPS-AUTH on 465", ja);
        Assert.Contains("offers SMTPS-AUTH on 465", en);
        Assert.DoesNotContain("465番(SMTPS-AUTH)", en);
    }

    [Fact]
    public async Task Notes_In_One_Language_Only_Are_Shown_On_Both_Marked_With_Their_Language()
    {
        await using var factory = new PortalFactory();
        var id = await factory.Services.GetRequiredService<ProviderStore>().InsertAsync(
            new Provider { NameJa = "英語だけ", Op25b = "unknown", Notes = "Only English notes." }, "test", Ct);

        var ja = await factory.CreatePlainClient().GetStringAsync($"/providers/{id}", Ct);

        Assert.Contains("<dd class=\"notes\" lang=\"en\">Only English notes.</dd>", ja);
    }

    [Fact]
    public async Task Staff_Edit_The_Japanese_Notes_And_The_Japanese_Page_And_Search_Show_Them()
    {
        await using var factory = new PortalFactory();
        await factory.Services.GetRequiredService<Portal.Staff.StaffStore>().AddAsync("sato", "editor", "correct horse battery", Ct);
        var staff = Portal.Tests.Staff.StaffClient.For(factory);
        await staff.LogInAsync("sato", "correct horse battery");
        var id = (await factory.Services.GetRequiredService<ProviderStore>().ListAsync("ODN", cancellationToken: Ct)).Single().Id;

        var fields = await staff.EditFieldsAsync(id);
        Assert.Contains("全回線で遮断", fields["Form.NotesJa"]);
        fields["Form.NotesJa"] = "2026年に確認：法人向けプランも遮断しています。";
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await staff.PostFormAsync($"/staff/providers/{id}", "edit", fields)).StatusCode);

        Assert.Contains("法人向けプランも遮断しています。", await factory.CreatePlainClient().GetStringAsync($"/providers/{id}", Ct));
        var search = factory.Services.GetRequiredService<Portal.Search.SearchService>();
        for (var i = 0; i < 100 && search.Find(Lang.Ja, "法人向けプラン").Count == 0; i++) await Task.Delay(50, Ct);
        Assert.Equal($"/providers/{id}", search.Find(Lang.Ja, "法人向けプラン")[0].Url);
        Assert.Contains("\"notesJa\":\"2026年に確認", System.Text.RegularExpressions.Regex.Unescape(await staff.Http.GetStringAsync($"/api/staff/providers/{id}/history", Ct)));
    }

    [Fact]
    public void Every_Seed_Row_Has_Japanese_Notes_Where_It_Has_English_Ones()
    {
        Assert.All(ProviderSeed.Load().Where(p => p.Notes.Length > 0), p => Assert.Matches(@"[\p{IsHiragana}\p{IsCJKUnifiedIdeographs}]", p.NotesJa));
    }

    [Fact]
    public async Task The_Migration_Fills_Japanese_Notes_Of_Untouched_Seed_Rows_Only()
    {
        // A database seeded before notes had a Japanese column: migrated up to 0007, one row edited by staff since.
        var db = TestDatabase.New();
        var migrator = new Migrator(db, NullLogger<Migrator>.Instance);
        await migrator.MigrateAsync(upTo: 7, cancellationToken: Ct);
        await TestDatabase.SeedAsOfFirstVersionAsync(db, ProviderSeed.Load());
        await using (var c = await db.OpenAsync(Ct))
            await c.ExecuteAsync("UPDATE providers SET notes = 'Edited by staff.', version = 2, updated_by = 'tanaka' WHERE name_ja = 'ODN'");

        await migrator.MigrateAsync(cancellationToken: Ct);
        var after = await new ProviderStore(db, TimeProvider.System, new RegistryVersion()).ListAsync(cancellationToken: Ct);

        Assert.StartsWith("2004年11月から", after.Single(p => p.NameJa == "OCN").NotesJa);
        Assert.Equal("", after.Single(p => p.NameJa == "ODN").NotesJa);
        Assert.Equal("Edited by staff.", after.Single(p => p.NameJa == "ODN").Notes);
        Assert.All(after.Where(p => p.NameJa != "ODN"), p => Assert.NotEqual("", p.NotesJa));
        Assert.Equal(after.Single(p => p.NameJa == "OCN").NotesJa, ProviderSeed.Load().Single(p => p.NameJa == "OCN").NotesJa);
        Assert.Equal("465番(SMTPS-AUTH)を提供しています。", after.Single(p => p.NameJa == "OCN").NotesIn(Lang.Ja)[^"465番(SMTPS-AUTH)を提供しています。".Length..]);
    }
}
