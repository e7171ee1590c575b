using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.BrowserTests;

/// <summary>
/// The language switch never leads off the site: paths an attacker writes ("/en//evil.example", "/en/%5Cevil.example",
/// tabs, encoded slashes) are sent raw over a socket, and Chromium itself resolves the link each page served, as a
/// visitor's browser would (the WHATWG URL parser: "\" is "/", tabs and newlines vanish).
/// </summary>
public sealed partial class LanguageLinkTests(BrowserFixture browser)
{
    public static readonly string[] HostilePaths =
    [
        "/en//evil.example", "/en//evil.example/qa", "/en/%5Cevil.example", "/en/%5C%5Cevil.example", "/%2F%2Fevil.example",
        "/en/%2F%2Fevil.example", "/en/%09//evil.example", "/en/%09%2F%2Fevil.example", "/en/%0A//evil.example", "/en/%0D%0A//evil.example",
        "/en/%5C/evil.example", "/en/%2F%5Cevil.example", "//evil.example", "///evil.example", "/%5Cevil.example", "/%09/evil.example",
        "/en/%E2%80%A8//evil.example", "/en/%00//evil.example", "/en/ //evil.example", "/en/%20%2F%2Fevil.example",
    ];

    [GeneratedRegex("<a class=\"lang-switch\" href=\"([^\"]*)\"")]
    private static partial Regex SwitchLink();

    /// <summary>Sends the request line exactly as written (no client normalises it) and returns the response's head and body.</summary>
    private async Task<string> RawGetAsync(string path)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(browser.BaseAddress.Host, browser.BaseAddress.Port, TestContext.Current.CancellationToken);
        await using var stream = tcp.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {browser.BaseAddress.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_Language_Link_Of_Every_Hostile_Path_Resolves_In_Chromium_To_The_Portal_Itself()
    {
        var links = new List<(string Path, string Href)>();
        foreach (var path in HostilePaths)
        {
            var response = await RawGetAsync(path);
            Assert.DoesNotContain(" 500 ", response.Split('\n')[0]);
            var match = SwitchLink().Match(response);
            if (match.Success) links.Add((path, System.Net.WebUtility.HtmlDecode(match.Groups[1].Value)));
        }
        // Most of them reach the 404 page, which has the link; a path Kestrel refuses outright (400) has none.
        Assert.True(links.Count >= HostilePaths.Length - 4, $"only {links.Count} pages had a language link");
        Assert.Contains(links, l => l.Path == "/en//evil.example");
        Assert.Contains(links, l => l.Path == "/en/%5Cevil.example");

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        foreach (var (path, href) in links)
        {
            var host = await page.EvaluateAsync<string>("href => new URL(href, location.href).host", href);
            Assert.True(host == browser.BaseAddress.Authority, $"{path}: the language link '{href}' leads to '{host}'");
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Clicking_The_Language_Link_Of_A_Double_Slash_Path_Stays_On_The_Site()
    {
        var page = await browser.NewPageAsync();
        // Should the link ever lead away, the browser is stopped before it sends anything: tests talk only to loopback.
        var elsewhere = new List<string>();
        await page.Context.RouteAsync("**/*", route =>
        {
            if (new Uri(route.Request.Url).Authority == browser.BaseAddress.Authority) return route.ContinueAsync();
            elsewhere.Add(route.Request.Url);
            return route.AbortAsync();
        });
        // Chromium sends "/en//evil.example" as it is (two slashes in a path are a path).
        await page.GotoAsync("/en//evil.example");
        await page.Locator("a.lang-switch").ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.Empty(elsewhere);
        Assert.Equal(browser.BaseAddress.Authority, new Uri(page.Url).Authority);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Chromium_Here_Resolves_No_Name_But_Loopback_So_A_Stray_Link_Sends_Nothing()
    {
        var page = await browser.NewPageAsync();
        var error = await Assert.ThrowsAsync<Microsoft.Playwright.PlaywrightException>(() => page.GotoAsync("http://evil.example/"));
        Assert.Contains("ERR_NAME_NOT_RESOLVED", error.Message);
        await page.Context.CloseAsync();
    }
}
