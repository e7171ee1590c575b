using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Portal.Providers;
using Portal.Providers.Components;
using Portal.Tests.Support;

namespace Portal.Tests.Components;

/// <summary>The staff edit form, rendered with a real store behind it.</summary>
public sealed class EditProviderTests : BunitContext
{
    private readonly ProviderStore _store;
    private readonly ProviderEditing _editing;

    public EditProviderTests()
    {
        var db = TestDatabase.New();
        var registry = new RegistryVersion();
        _store = TestDatabase.MigratedStoreAsync(seed: true, db, registry).GetAwaiter().GetResult();
        _editing = new ProviderEditing(db, TimeProvider.System, registry);
        Services.AddSingleton(_store);
        Services.AddSingleton(_editing);
        AddAuthorization().SetAuthorized("sato").SetRoles("editor");
    }

    private long Id(string nameEn) => _store.ListAsync(nameEn).GetAwaiter().GetResult().Single().Id;

    [Fact]
    public void The_Form_Shows_The_Current_Values_And_The_Version_To_Check_On_Save()
    {
        var id = Id("OCN");

        var page = Render<EditProvider>(p => p.Add(e => e.Id, id));

        // The form comes after the provider is read, which on a database server is truly asynchronous.
        Assert.Equal("OCN", page.WaitForElement("#f-name-ja").GetAttribute("value"));
        Assert.Equal("587,465", page.Find("#f-ports").GetAttribute("value"));
        Assert.Equal("2007-07", page.Find("#f-since").GetAttribute("value"));
        Assert.Equal("applies", page.Find("#f-status option[selected]").GetAttribute("value"));
        Assert.Equal("1", page.Find("input[name='Form.Version']").GetAttribute("value"));
    }

    [Fact]
    public async Task The_History_Lists_Who_Changed_What()
    {
        var id = Id("ODN");
        var current = (await _editing.GetAsync(id, Xunit.TestContext.Current.CancellationToken))!;
        await _editing.UpdateAsync(id, current.Version, current.Provider with { Since = "2006-11" }, "tanaka", Xunit.TestContext.Current.CancellationToken);

        var page = Render<EditProvider>(p => p.Add(e => e.Id, id));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("ol.history > li").Count));
        var entries = page.FindAll("ol.history > li");
        Assert.Contains("tanaka — update", entries[0].TextContent);
        Assert.Contains("since: 「2006-10」 → 「2006-11」", entries[0].TextContent);
        Assert.Contains("seed — create", entries[1].TextContent);
    }

    [Fact]
    public void A_New_Provider_Form_Starts_Empty_With_587_Suggested()
    {
        var page = Render<EditProvider>();

        Assert.Equal("", page.Find("#f-name-ja").GetAttribute("value"));
        Assert.Equal("587", page.Find("#f-ports").GetAttribute("value"));
        Assert.Empty(page.FindAll("ol.history"));
        Assert.Contains("プロバイダーを追加", page.Find("h1").TextContent);
    }
}
