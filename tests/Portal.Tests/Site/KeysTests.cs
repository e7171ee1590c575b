using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Staff;
using Portal.Tests.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

public sealed class KeysTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Staff_Cookie_Still_Works_After_The_Portal_Restarts()
    {
        using var folder = new TempFolder();
        string cookie, database = Path.Combine(folder.Path, "portal.db"), keys = Path.Combine(folder.Path, "keys");
        await using (var first = new PortalFactory(databaseFile: database, keysFolder: keys))
        {
            await first.Services.GetRequiredService<StaffStore>().AddAsync("sato", "editor", "correct horse battery", Ct);
            var login = await StaffClient.For(first).LogInAsync("sato", "correct horse battery");
            cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal-staff=", StringComparison.Ordinal)).Split(';')[0];
        }
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));

        await using var second = new PortalFactory(databaseFile: database, keysFolder: keys);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/staff/whoami");
        request.Headers.Add("Cookie", cookie);
        using var response = await second.CreatePlainClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"name\":\"sato\"", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Keys_Live_In_The_Data_Folder_Beside_The_Database_By_Default()
    {
        var folder = Directory.CreateTempSubdirectory("portal-data-").FullName;
        await using var factory = new PortalFactory(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(folder, "portal.db")}", ["Data:KeysFolder"] = "",
        });
        await StaffClient.For(factory).Http.GetAsync("/staff/login", Ct);   // issues a form token, which needs a key

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "keys"), "key-*.xml"));
    }
}
