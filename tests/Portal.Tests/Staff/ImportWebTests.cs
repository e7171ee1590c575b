using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Providers;
using Portal.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Staff;

public sealed class ImportWebTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Staff_Member_Previews_Then_Imports_A_Csv()
    {
        await using var factory = new PortalFactory();
        await factory.Services.GetRequiredService<StaffStore>().AddAsync("sato", "editor", "a long enough password", Ct);
        var staff = StaffClient.For(factory);
        await staff.LogInAsync("sato", "a long enough password");
        var csv = string.Join(",", ProviderCsv.Header) + "\n\"\",\"取込ネット\",\"Import Net\",\"\",\"\",\"applies\",\"\",\"587\",\"\",\"\",\"\",\"\"\n";

        var page = await staff.Http.GetStringAsync("/staff/import", Ct);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var upload = new MultipartFormDataContent
        {
            { new StringContent("preview"), "_handler" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Upload.File", "providers.csv" },
        };
        var preview = await (await staff.Http.PostAsync("/staff/import", upload, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("追加 / Added (1)", preview);
        Assert.Contains("取込ネット", preview);
        Assert.Empty(await factory.Services.GetRequiredService<ProviderStore>().ListAsync("取込ネット", cancellationToken: Ct));   // nothing yet

        var hidden = WebUtility.HtmlDecode(Regex.Match(preview, "name=\"Apply.Csv\" value=\"([^\"]+)\"").Groups[1].Value);
        var apply = await staff.PostFormAsync("/staff/import", "apply", new() { ["Apply.Csv"] = hidden });

        Assert.Equal(HttpStatusCode.OK, apply.StatusCode);
        Assert.Contains("1件を取り込みました", await apply.Content.ReadAsStringAsync(Ct));
        Assert.Single(await factory.Services.GetRequiredService<ProviderStore>().ListAsync("取込ネット", cancellationToken: Ct));
    }

    [Fact]
    public async Task The_Import_Page_Refuses_Anonymous_Visitors()
    {
        await using var factory = new PortalFactory();
        var response = await StaffClient.For(factory).Http.GetAsync("/staff/import", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
