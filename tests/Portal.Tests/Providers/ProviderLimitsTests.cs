using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Providers;
using Portal.Tests.Support;

namespace Portal.Tests.Providers;

/// <summary>Every staff-edited field has a limit, enforced by the form, the import and the store, with a message naming the field.</summary>
public sealed class ProviderLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string HundredKilobytesOfSuffixes() => string.Join(" ", Enumerable.Range(0, 8000).Select(i => $"d{i}.example.jp"));

    [Fact]
    public void The_Form_Refuses_A_Hundred_Kilobytes_Of_Reverse_Dns_Suffixes_Naming_The_Field()
    {
        var form = new ProviderForm { NameJa = "テスト", RdnsSuffixes = HundredKilobytesOfSuffixes() };

        var (provider, errors) = form.Validate();

        Assert.Null(provider);
        var error = Assert.Single(errors);
        Assert.Equal("RdnsSuffixes", error.Field);
        Assert.Contains("逆引きドメイン", error.Message.Ja);
        Assert.Contains(ProviderForm.MaxRdns.ToString(), error.Message.En);
    }

    [Fact]
    public void More_Than_Twenty_Suffixes_Are_Refused_Even_When_Short()
    {
        var form = new ProviderForm { NameJa = "テスト", RdnsSuffixes = string.Join(" ", Enumerable.Range(0, 21).Select(i => $"a{i}.jp")) };
        Assert.Contains(form.Validate().Errors, e => e.Field == "RdnsSuffixes" && e.Message.En.Contains("20"));
    }

    [Theory]
    [InlineData("NameEn")]
    [InlineData("Kana")]
    [InlineData("Operator")]
    [InlineData("Since")]
    [InlineData("Ports")]
    [InlineData("Notes")]
    [InlineData("NotesJa")]
    [InlineData("SourceUrl")]
    [InlineData("LastVerified")]
    public void Every_Field_Over_Its_Limit_Is_Named(string field)
    {
        var form = new ProviderForm { NameJa = "テスト" };
        typeof(ProviderForm).GetProperty(field)!.SetValue(form, new string('あ', ProviderForm.MaxOf(field) + 1));
        Assert.Contains(form.Validate().Errors, e => e.Field == field && e.Message.Ja.Contains(ProviderForm.MaxOf(field).ToString()));
    }

    [Fact]
    public async Task The_Store_Refuses_An_Over_Long_Value_That_Did_Not_Come_Through_The_Form_And_Writes_Nothing()
    {
        var store = await TestDatabase.MigratedStoreAsync(seed: true);
        var before = await store.CountAsync(Ct);
        var provider = new Provider { NameJa = "直接", Op25b = "unknown", RdnsSuffixes = Enumerable.Range(0, 8000).Select(i => $"d{i}.example.jp").ToList() };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.InsertAsync(provider, "test", Ct));

        Assert.Equal("RdnsSuffixes", error.ParamName);
        Assert.Equal(before, await store.CountAsync(Ct));
    }

    [Fact]
    public async Task An_Import_Line_With_An_Over_Long_Field_Is_A_Problem_Naming_The_Field()
    {
        var db = TestDatabase.New();
        var registry = new RegistryVersion();
        var store = await TestDatabase.MigratedStoreAsync(seed: true, db, registry);
        var editing = new ProviderEditing(db, TimeProvider.System, registry);
        var header = Encoding.UTF8.GetString(ProviderCsv.Write([])).TrimEnd('\n', '\r');
        var line = $"\"\",\"長い\",\"Long\",\"ながい\",\"会社\",\"partial\",\"2026\",\"587\",\"\",\"\",\"https://example.jp/\",\"{HundredKilobytesOfSuffixes()}\",\"2026-11-28\"";

        var plan = await ProviderImport.PlanAsync(Encoding.UTF8.GetBytes(header + "\n" + line + "\n"), editing, Ct);

        Assert.False(plan.CanApply);
        var problem = Assert.Single(plan.Problems);
        Assert.Contains("逆引きドメイン", problem.Message.Ja);
    }

    [Fact]
    public async Task Every_Input_Of_The_Edit_Form_Carries_Its_Limit()
    {
        await using var factory = new PortalFactory();
        await factory.Services.GetRequiredService<Portal.Staff.StaffStore>().AddAsync("sato", "editor", "a long enough password", Ct);
        var staff = Portal.Tests.Staff.StaffClient.For(factory);
        await staff.LogInAsync("sato", "a long enough password");

        var html = await staff.Http.GetStringAsync("/staff/providers/1", Ct);

        var fields = Regex.Matches(html, "<(?:input|textarea)[^>]*name=\"Form\\.([A-Za-z]+)\"[^>]*>").Where(m => m.Groups[1].Value != "Version").ToList();
        Assert.Equal(ProviderForm.Fields.Count - 1, fields.Count);   // Op25b is a select of fixed choices
        foreach (var field in fields)
            Assert.Contains($"maxlength=\"{ProviderForm.MaxOf(field.Groups[1].Value)}\"", field.Value);
    }
}
