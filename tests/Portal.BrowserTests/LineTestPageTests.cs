using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portal.BrowserTests;

/// <summary>
/// The line test in Chromium: the page shows a command, the test runs that command with Debian's curl (as the
/// customer's computer would), and the rows turn to "arrived" live.
/// </summary>
public sealed partial class LineTestPageTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The shown command, run here: the public ports (25, 587, 465) become the ports the listeners really got,
    /// as docker's port publishing would do; ports listed in <paramref name="leaveOut"/> are not tried.
    /// </summary>
    private async Task<string> RunShownCommandAsync(string command, params int[] leaveOut)
    {
        var parts = command["curl ".Length..].Split(" --next ")
            .Where(part => !leaveOut.Any(p => part.Contains($":{p}/", StringComparison.Ordinal)))
            .Select(part => PublicPort().Replace(part, m => $":{browser.LinePorts[int.Parse(m.Groups[1].Value)]}/"));
        var info = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in string.Join(" --next ", parts).Split(' ')) info.ArgumentList.Add(argument);
        using var curl = Process.Start(info)!;
        var output = await curl.StandardError.ReadToEndAsync(Ct) + await curl.StandardOutput.ReadToEndAsync(Ct);
        await curl.WaitForExitAsync(Ct);
        return output;
    }

    [GeneratedRegex(@":(\d+)/")]
    private static partial Regex PublicPort();

    private static async Task<string> OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("#line-command").WaitForAsync(new() { Timeout = 15_000 });
        var code = await page.Locator("article.line-test").GetAttributeAsync("data-code");
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{10}$", code);
        Assert.EndsWith($"/line-test/{code}", page.Url);
        return code!;
    }

    [Theory]
    [InlineData(1280, "ja", "")]
    [InlineData(375, "ja", "")]
    [InlineData(1280, "en", "/en")]
    public async Task The_Shown_Command_Makes_The_Rows_Arrive_Live_And_A_Missing_25_Is_Op25b(int width, string lang, string prefix)
    {
        var page = await browser.NewPageAsync(width);
        var code = await OpenAsync(page, prefix + "/line-test");
        Assert.Equal(3, await page.Locator("li.port-row[data-state=waiting]").CountAsync());
        await page.ScreenshotAsync(Shot($"line-test-{lang}-1-waiting-{width}"));

        await page.Locator("button[data-os=windows]").ClickAsync();
        var windows = await page.Locator("#line-command").InputValueAsync();
        await page.Locator("button[data-os=linux]").ClickAsync();
        await page.Locator("#line-command[data-os=linux]").WaitForAsync();
        var linux = await page.Locator("#line-command").InputValueAsync();
        Assert.StartsWith("curl.exe ", windows);
        Assert.Equal(linux["curl ".Length..], windows["curl.exe ".Length..]);
        Assert.Contains($"smtp://127.0.0.1:25/{code}", linux);

        // The customer's line blocks 25: only 587 and 465 get through.
        var output = await RunShownCommandAsync(linux, leaveOut: 25);
        Assert.Contains("250-Your address: 127.0.0.1", output);
        await page.Locator("li.port-row[data-port='587'][data-state=arrived]").WaitForAsync(new() { Timeout = 5_000 });
        await page.Locator("li.port-row[data-port='465'][data-state=arrived]").WaitForAsync(new() { Timeout = 5_000 });
        await page.Locator("li.port-row[data-port='587'] dd", new() { HasText = "plala.or.jp" }).WaitForAsync(new() { Timeout = 5_000 });
        Assert.Equal("waiting", await page.Locator("li.port-row[data-port='25']").GetAttributeAsync("data-state"));
        Assert.Contains("TLSv1.", await page.Locator("li.port-row[data-port='465']").InnerTextAsync());
        await page.ScreenshotAsync(Shot($"line-test-{lang}-2-arrived-{width}"));

        await page.Locator("#line-done").ClickAsync();
        var verdict = page.Locator("section.verdict[data-outcome=port25-blocked]");
        await verdict.WaitForAsync(new() { Timeout = 5_000 });
        Assert.Equal("missing", await page.Locator("li.port-row[data-port='25']").GetAttributeAsync("data-state"));
        Assert.Equal(1, await page.Locator("article.line-test p.contact.box").CountAsync());   // support under the verdict
        Assert.Contains(lang == "ja" ? "お使いの回線(ぷらら)は25番ポートへの接続を遮断しています" : "Your line (Plala) blocks connections to port 25", await verdict.InnerTextAsync());
        Assert.Contains(lang == "ja" ? "ぷらら" : "Plala", await page.Locator("p.your-line").InnerTextAsync());
        Assert.DoesNotContain("Text { Ja", await page.Locator("body").InnerTextAsync());
        await page.ScreenshotAsync(Shot($"line-test-{lang}-3-verdict-{width}"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_Port_Arriving_Says_The_Line_Does_Not_Block_25()
    {
        var page = await browser.NewPageAsync();
        await OpenAsync(page, "/line-test");
        await page.Locator("button[data-os=mac]").ClickAsync();
        await page.Locator("#line-command[data-os=mac]").WaitForAsync();

        await RunShownCommandAsync(await page.Locator("#line-command").InputValueAsync());
        await page.Locator("li.port-row[data-state=arrived]").Nth(2).WaitForAsync(new() { Timeout = 5_000 });
        await page.Locator("#line-done").ClickAsync();

        var verdict = page.Locator("section.verdict[data-outcome=all-arrived]");
        await verdict.WaitForAsync(new() { Timeout = 5_000 });
        Assert.Contains("25番ポートを遮断していません", await verdict.InnerTextAsync());
        Assert.Equal(1, await verdict.Locator("a[href='/tester']").CountAsync());
        Assert.Equal(1, await verdict.Locator("a[href='/qa']").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_Tester_Says_It_Runs_From_Our_Server_And_Links_The_Line_Test()
    {
        var page = await browser.NewPageAsync(375);
        await page.GotoAsync("/tester");
        await page.Locator("form[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });

        Assert.Contains("この試験は当社のサーバーから行います", await page.Locator("aside.line-test-offer").InnerTextAsync());
        await page.Locator("p.your-line").WaitForAsync(new() { Timeout = 5_000 });
        Assert.Contains("ぷらら", await page.Locator("p.your-line").InnerTextAsync());
        await page.Locator("aside.line-test-offer a").ClickAsync();
        await page.Locator("#line-command").WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("/line-test/", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_Bad_Ticket_Gets_A_Clear_Message_And_No_Test()
    {
        var page = await browser.NewPageAsync(375);
        await page.GotoAsync("/line-test?ticket=bad%20ticket!");
        var alert = page.Locator("[role=alert]");
        await alert.WaitForAsync(new() { Timeout = 15_000 });

        Assert.Contains("お問い合わせ番号", await alert.InnerTextAsync());
        Assert.Equal(0, await page.Locator("#line-command").CountAsync());
        await page.Context.CloseAsync();
    }

    private static PageScreenshotOptions Shot(string name) => new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png"), FullPage = true };
}
