using System.Net;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>Site:Contact:* reaches the customer wherever they may be stuck.</summary>
public sealed class ContactTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PortalFactory Portal() => new(settings: new Dictionary<string, string?>
    {
        ["Site:Contact:Email"] = "help@saiin.example.jp", ["Site:Contact:Phone"] = "0120-123-456", ["Site:Contact:Hours"] = "平日 10:00〜17:00",
    });

    [Theory]
    [InlineData("/")]
    [InlineData("/en/qa")]
    [InlineData("/providers")]
    public async Task The_Footer_Gives_The_Configured_Contact(string path)
    {
        await using var factory = Portal();
        var html = await factory.CreatePlainClient().GetStringAsync(path, Ct);
        var footer = html[html.IndexOf("<footer", StringComparison.Ordinal)..];

        Assert.Contains("href=\"mailto:help@saiin.example.jp\"", footer);
        Assert.Contains("href=\"tel:0120123456\"", footer);
        Assert.Contains("平日 10:00〜17:00", footer);
    }

    [Fact]
    public async Task The_Not_Found_Page_And_A_Search_With_No_Results_Offer_The_Contact_And_Next_Steps()
    {
        await using var factory = Portal();
        var client = factory.CreatePlainClient();
        using var missing = await client.GetAsync("/no-such-page", Ct);
        var notFound = await missing.Content.ReadAsStringAsync(Ct);
        var none = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("量子コンピューター"), Ct);
        var main = none[none.IndexOf("<main", StringComparison.Ordinal)..none.IndexOf("<footer", StringComparison.Ordinal)];

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("contact box", notFound);
        Assert.Contains("mailto:help@saiin.example.jp", main);
        Assert.Contains("href=\"/tester\"", main);
        Assert.Contains("href=\"/line-test\"", main);
        Assert.Contains("href=\"/qa#", main);
    }

    [Fact]
    public void Without_Configuration_A_Fictional_Address_Shows()
    {
        Assert.Equal("support@saiin.example.jp", new Portal.Site.ContactOptions().Email);
        Assert.Empty(new Portal.Site.ContactOptions().Problems());
    }

    [Theory]
    [InlineData("Site:Contact:Email", "not an address", "Site:Contact:Email")]
    [InlineData("Site:Contact:Phone", "call us", "Site:Contact:Phone")]
    public void A_Bad_Contact_Setting_Stops_The_Start_Naming_The_Key(string key, string value, string named)
    {
        using var factory = new PortalFactory(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(named, error.ToString());
    }
}
