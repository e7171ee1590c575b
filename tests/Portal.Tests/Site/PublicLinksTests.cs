using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.LineTest;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>
/// Absolute links come from Site:PublicUrl, never from the request's Host header: a client (or a cache poisoner) that
/// sends "Host: evil.example" to a real Kestrel port finds evil.example nowhere in what it gets back.
/// </summary>
public sealed class PublicLinksTests
{
    private const string PublicUrl = "https://support.saiin.example.jp";
    private const string Evil = "evil.example";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PortalFactory Portal(string? publicUrl = PublicUrl) => LinePortal.Create(LinePortal.Standard, environment: "Development", settings: new()
    {
        ["Site:PublicUrl"] = publicUrl ?? "",
        // No line-test host of its own: the commands fall back to the public address, not to the Host header.
        ["LineTest:PublicHost"] = "",
    });

    private static HttpClient Hostile(Uri address, string host = Evil)
    {
        var client = FormPosts.Plain(address);
        client.DefaultRequestHeaders.Host = host;
        return client;
    }

    [Fact]
    public async Task Starting_A_Line_Test_With_A_Hostile_Host_Gives_The_Public_Page_Location_And_Commands()
    {
        await using var factory = Portal();
        var address = factory.StartOnKestrel();

        using var response = await Hostile(address).PostAsync("/api/line-tests", null, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith(PublicUrl + "/line-test/", response.Headers.Location!.ToString());
        Assert.StartsWith(PublicUrl + "/line-test/", JsonDocument.Parse(body).RootElement.GetProperty("page").GetString());
        Assert.Contains("support.saiin.example.jp", body);
        Assert.DoesNotContain(Evil, body);
    }

    [Fact]
    public async Task Autoconfig_Links_Its_Documentation_At_The_Public_Address_And_Only_Then_Lets_Shared_Caches_Keep_It()
    {
        await using var configured = Portal();
        var address = configured.StartOnKestrel();
        using var response = await Hostile(address).GetAsync("/mail/config-v1.1.xml?emailaddress=taro%40saiin.example.jp", Ct);
        var xml = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"url=\"{PublicUrl}/setup\"", xml);
        Assert.DoesNotContain(Evil, xml);
        Assert.Contains("public", response.Headers.CacheControl!.ToString());

        // Development without Site:PublicUrl: the request's own address, and no shared cache may keep it.
        await using var bare = Portal(publicUrl: null);
        var bareAddress = bare.StartOnKestrel();
        using var local = await Hostile(bareAddress, "localhost").GetAsync("/mail/config-v1.1.xml?emailaddress=taro%40saiin.example.jp", Ct);
        Assert.Contains("http://localhost/setup", await local.Content.ReadAsStringAsync(Ct));
        Assert.Contains("private", local.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task The_OpenApi_Document_Names_The_Public_Server_Whatever_The_Host()
    {
        await using var factory = Portal();
        var address = factory.StartOnKestrel();

        using var response = await Hostile(address).GetAsync("/openapi/v1.json", Ct);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal(PublicUrl, json.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Equal(1, json.GetProperty("servers").GetArrayLength());
        Assert.DoesNotContain(Evil, json.GetRawText());
    }

    [Fact]
    public async Task The_Mail_Dns_Page_Points_Autoconfig_At_The_Public_Host_Not_The_Staff_Browsers()
    {
        await using var factory = Portal();
        var address = factory.StartOnKestrel();
        await factory.Services.GetRequiredService<Portal.Staff.StaffStore>().AddAsync("sato", "editor", "a long enough password", Ct);
        using var http = Hostile(address, "localhost");
        using var login = await FormPosts.SignInAsync(http, "sato", "a long enough password", Ct);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var page = await FormPosts.OpenAsync(http, "/staff/mail-dns", FormPosts.Cookies(login), Ct);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("autoconfig.saiin.example.jp. 3600 IN CNAME support.saiin.example.jp.", page.Html);
        Assert.DoesNotContain("CNAME localhost.", page.Html);
    }
}
