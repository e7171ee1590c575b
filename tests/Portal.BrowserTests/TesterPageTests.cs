using Microsoft.Playwright;

namespace Portal.BrowserTests;

/// <summary>The live tester against Debian's Postfix on 127.0.0.1 (25, 587 with STARTTLS, 465 with TLS).</summary>
public sealed class TesterPageTests(BrowserFixture browser)
{
    private const string Link = "/tester?host=127.0.0.1&ports=25,587,465";

    private static async Task AllRowsEndOkAsync(IPage page)
    {
        await page.Locator("form[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator("li.port-row[data-outcome=ok]").Nth(2).WaitForAsync(new() { Timeout = 30_000 });
        await page.Locator("p.summary").WaitForAsync(new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task A_Pasted_Link_Runs_The_Test_And_Every_Row_Ends_Ok()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(Link);
        // The prerendered form is there before the circuit connects, already filled in.
        Assert.Equal("127.0.0.1", await page.Locator("#tester-host").InputValueAsync());

        await AllRowsEndOkAsync(page);

        Assert.Equal(3, await page.Locator("li.port-row[data-outcome=ok]").CountAsync());
        var row587 = page.Locator("li.port-row[data-port='587']");
        Assert.Contains("PLAIN", await row587.InnerTextAsync());
        Assert.Contains("STARTTLS", await row587.InnerTextAsync());
        Assert.Contains("SSL/TLS", await page.Locator("li.port-row[data-port='465']").InnerTextAsync());
        Assert.Contains("mailto:", await page.Locator("article.tester p.contact.box a").First.GetAttributeAsync("href"));   // support under the verdict
        await page.Context.CloseAsync();

        await browser.ScreenshotsAsync(Link, "tester-ja", AllRowsEndOkAsync);
        await browser.ScreenshotsAsync("/en" + Link, "tester-en", AllRowsEndOkAsync);
    }

    [Fact]
    public async Task The_Form_Works_From_The_Keyboard_And_Updates_The_Link()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/en/tester");
        await page.Locator("form[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });

        await page.Locator("#tester-host").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("127.0.0.1");
        await page.Locator("input[name=ports][value='25']").UncheckAsync();
        await page.Locator("input[name=ports][value='465']").UncheckAsync();
        await page.Locator("#tester-host").PressAsync("Enter");

        await page.Locator("li.port-row[data-port='587'][data-outcome=ok]").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(1, await page.Locator("li.port-row").CountAsync());
        Assert.EndsWith("/en/tester?host=127.0.0.1&ports=587", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_Bad_Host_Gets_A_Clear_Message_In_The_Readers_Language()
    {
        var page = await browser.NewPageAsync(375);
        await page.GotoAsync("/tester?host=not_a_host!&ports=587");
        await page.Locator("form[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });

        var alert = page.Locator("[role=alert]");
        await alert.WaitForAsync();
        Assert.Contains("サーバー名として正しくありません", await alert.InnerTextAsync());
        Assert.Equal(0, await page.Locator("li.port-row").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "tester-error-ja-375.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
