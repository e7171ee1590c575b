using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Portal.BrowserTests;

/// <summary>
/// The Nu Html Checker finds no error on any page as served: every public page in both languages (all the sitemap
/// lists, and search results), the 404 page, a kept
/// tester result and a kept line-test result (customer and staff views), and every staff page signed in. The status page
/// with 90 days of history is checked in <see cref="StatusPageTests"/>, which has that history. Warnings are listed in the
/// test output, not counted.
/// </summary>
public sealed class HtmlValidityTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_Nu_Html_Checker_Finds_No_Error_On_Any_Page()
    {
        var page = await browser.NewPageAsync();
        var http = page.Context.APIRequest;

        // A kept tester result (Postfix on 127.0.0.1:587) and a kept line-test result (finished without arrivals).
        var tester = JsonDocument.Parse(await (await http.GetAsync("/api/tester?host=127.0.0.1&ports=587")).TextAsync()).RootElement.GetProperty("id").GetString()!;
        var lineTests = browser.Services.GetRequiredService<Portal.LineTest.LineTests>();
        var (test, refusal) = await lineTests.StartAsync("html-validity", "T-VNU", Ct);
        Assert.Null(refusal);
        await lineTests.DoneAsync(test!.Code, Ct);
        var line = (await lineTests.ReportAsync(test.Code, waitForNames: true, Ct))!.Test.ResultId!;

        // Every reading page in both languages as the sitemap lists them, and the pages it leaves out on purpose.
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var sitemap = XDocument.Parse(await (await http.GetAsync("/sitemap.xml")).TextAsync());
        var listed = sitemap.Descendants(sm + "loc").Select(l => new Uri(l.Value).PathAndQuery).ToList();
        string[] others =
        [
            "/search?q=587", "/en/search?q=587", "/search?q=", "/en/search?q=", "/providers?q=ocn", "/en/providers?q=ocn",
            "/no-such-page", "/en/no-such-page", "/staff/login",
            $"/r/{tester}", $"/en/r/{tester}", $"/r/{line}", $"/en/r/{line}", $"/line-test/{test.Code}", $"/en/line-test/{test.Code}",
        ];
        var pages = new Dictionary<string, string>();
        foreach (var path in listed.Concat(others).Concat(PolicyTests.PublicPages).Distinct())
            pages[path] = await SourceAsync(http, path);
        await BrowserFixture.SignInAsync(page, BrowserFixture.AdminName);
        foreach (var path in PolicyTests.StaffPages.Concat([$"/staff/results/{tester}", $"/staff/results/{line}"]))
            pages[path] = await SourceAsync(http, path);

        var (errors, warnings) = await HtmlChecker.CheckAsync(pages, Ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"vnu {pages.Count} pages: {errors.Count} errors, {warnings.Count} warnings");
        foreach (var w in warnings) TestContext.Current.TestOutputHelper?.WriteLine(w.ToString());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.True(listed.Count >= 80, $"the sitemap lists only {listed.Count} pages");
        Assert.Contains("/en/setup/android", listed);
        await page.Context.CloseAsync();
    }

    /// <summary>The page's HTML as served (the 404 and 403 pages are checked too), with this context's cookies.</summary>
    internal static async Task<string> SourceAsync(IAPIRequestContext http, string path)
    {
        var response = await http.GetAsync(path, new() { MaxRedirects = 0 });
        Assert.True(response.Status is 200 or 403 or 404, $"{path} answered {response.Status}");
        Assert.StartsWith("text/html", response.Headers["content-type"]);
        return await response.TextAsync();
    }
}
