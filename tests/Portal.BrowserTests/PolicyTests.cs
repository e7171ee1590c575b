using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.BrowserTests;

/// <summary>
/// Every page, staff pages signed in, under the real Content-Security-Policy: no violation anywhere (the
/// tester included, while it runs a test), and axe-core finds no WCAG 2.2 AA violation at 1280 and 375 px.
/// </summary>
public sealed class PolicyTests(BrowserFixture browser)
{
    internal static readonly string[] PublicPages =
    [
        "/", "/en", "/qa", "/en/qa", "/qa/which-port", "/en/qa/which-port", "/explanation", "/en/explanation",
        "/search?q=587", "/en/search?q=587", "/search?q=", "/providers", "/en/providers", "/providers?q=ocn", "/providers/1", "/en/providers/1",
        "/tester", "/en/tester", "/status", "/en/status", "/no-such-page", "/en/no-such-page", "/staff/login",
        "/setup", "/en/setup", "/setup/iphone", "/en/setup/iphone", "/setup/thunderbird", "/en/setup/thunderbird", "/setup/outlook", "/setup/mac", "/setup/android",
    ];

    internal static readonly string[] StaffPages =
    [
        "/staff", "/staff/mail-dns", "/staff/search-misses", "/staff/results", "/staff/reply", "/staff/maintenance", "/staff/providers/1", "/staff/providers/new", "/staff/import", "/staff/password", "/staff/accounts", "/staff/denied",
    ];

    private const string WatchViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    private static string AxeScript { get; } = File.ReadAllText(NpmTools.Path("axe-core", "axe.min.js"));

    [Fact]
    public async Task No_Page_Breaks_The_Content_Security_Policy_Even_While_The_Tester_Runs()
    {
        var page = await browser.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) console.Add(m.Text); };
        await page.Context.AddInitScriptAsync(WatchViolations);
        var violations = new List<string>();

        foreach (var path in PublicPages) violations.AddRange(await VisitAsync(page, path));
        // Suggestions while typing: the script and its fetch stay inside the policy.
        await page.GotoAsync("/");
        await page.Locator("#site-search").PressSequentiallyAsync("587");
        await page.Locator("#site-search-suggestions li").First.WaitForAsync();
        violations.AddRange(await ViolationsAsync(page));
        // The live tester: the circuit connects, a test runs against Postfix, rows update.
        await page.GotoAsync("/tester?host=127.0.0.1&ports=25,587,465");
        await page.Locator("li.port-row[data-outcome=ok]").Nth(2).WaitForAsync(new() { Timeout = 60_000 });
        await page.Locator("p.summary").WaitForAsync(new() { Timeout = 10_000 });
        violations.AddRange(await ViolationsAsync(page));
        // The live line test: a code is made, the command shown, and the verdict given.
        foreach (var path in new[] { "/line-test", "/en/line-test" })
        {
            await LineTestToVerdictAsync(page, path);
            violations.AddRange((await ViolationsAsync(page)).Select(v => $"{path}: {v}"));
        }
        await BrowserFixture.SignInAsync(page, BrowserFixture.AdminName);
        foreach (var path in StaffPages) violations.AddRange(await VisitAsync(page, path));

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.True(console.Count == 0, string.Join("\n", console));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task Axe_Finds_No_Wcag_22_AA_Violation_On_Any_Page(int width)
    {
        // axe is injected from outside the page, so the site's own policy is bypassed for it alone.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = 900 }, Locale = "ja-JP", BypassCSP = true,
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();

        foreach (var path in PublicPages) problems.AddRange(await AxeAsync(page, path));
        // The search box with its suggestions open.
        await page.GotoAsync("/");
        await page.Locator("#site-search").PressSequentiallyAsync("送れない");
        await page.Locator("#site-search-suggestions li").First.WaitForAsync();
        await page.Locator("#site-search").PressAsync("ArrowDown");
        problems.AddRange(await AxeAsync(page, null));
        await page.GotoAsync("/tester?host=127.0.0.1&ports=25,587,465");
        await page.Locator("p.summary").WaitForAsync(new() { Timeout = 60_000 });
        problems.AddRange(await AxeAsync(page, null));
        foreach (var path in new[] { "/line-test", "/en/line-test" })
        {
            await page.GotoAsync(path);
            await page.Locator("#line-command").WaitForAsync(new() { Timeout = 15_000 });
            problems.AddRange(await AxeAsync(page, null));
            await page.Locator("#line-done").ClickAsync();
            await page.Locator("section.verdict").WaitForAsync(new() { Timeout = 10_000 });
            problems.AddRange(await AxeAsync(page, null));
        }
        await BrowserFixture.SignInAsync(page, BrowserFixture.AdminName);
        foreach (var path in StaffPages) problems.AddRange(await AxeAsync(page, path));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await context.CloseAsync();
    }

    private static async Task LineTestToVerdictAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("#line-command").WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator("#line-done").ClickAsync();
        await page.Locator("section.verdict").WaitForAsync(new() { Timeout = 10_000 });
        Assert.DoesNotContain("Text { Ja", await page.Locator("body").InnerTextAsync());
    }

    private static async Task<IEnumerable<string>> VisitAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // A Text pair rendered whole (a Razor slip such as @(x)[lang]) shows up as "Text { Ja = ...".
        var leaked = (await page.Locator("body").InnerTextAsync()).Contains("Text { Ja", StringComparison.Ordinal) ? [$"{path}: a Text pair was rendered whole"] : Array.Empty<string>();
        return (await ViolationsAsync(page)).Select(v => $"{path}: {v}").Concat(leaked);
    }

    private static async Task<string[]> ViolationsAsync(IPage page) => await page.EvaluateAsync<string[]>("window.__cspViolations || []");

    /// <summary>axe's violations on the page (opened at <paramref name="path"/> if given); a full-page screenshot named <paramref name="name"/> or after the path.</summary>
    internal static async Task<IEnumerable<string>> AxeAsync(IPage page, string? path, string? name = null)
    {
        if (path is not null) await page.GotoAsync(path);
        await page.EvaluateAsync(AxeScript);
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }))
                .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))
            """);
        var where = $"{new Uri(page.Url).PathAndQuery} @{page.ViewportSize?.Width}px";
        // Every page at both widths, for people to look at.
        name ??= "page" + string.Concat(new Uri(page.Url).PathAndQuery.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')) + $"-{page.ViewportSize?.Width}";
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png"), FullPage = true });
        return result.EnumerateArray().Select(v => $"{where}: {v.GetString()}").ToList();
    }
}
