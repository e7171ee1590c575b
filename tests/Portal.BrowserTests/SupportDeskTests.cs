using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portal.BrowserTests;

/// <summary>Staff send a tester link with a ticket; the customer runs it; staff find the result by the ticket.</summary>
public sealed class SupportDeskTests(BrowserFixture browser)
{
    [Fact]
    public async Task Staff_Build_A_Reply_The_Customer_Runs_The_Link_And_Staff_Find_The_Result_By_Its_Ticket()
    {
        var ticket = "BRW-" + Random.Shared.Next(100000, 999999);
        var staff = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(staff, BrowserFixture.StaffName);
        await staff.GotoAsync("/staff/reply");
        await staff.Locator("article.reply-builder[data-ready=true]").WaitForAsync();
        await staff.Locator("#reply-host").FillAsync("127.0.0.1");
        await staff.Locator("#reply-ticket").FillAsync(ticket);
        await staff.Locator("#reply-setup").SelectOptionAsync("thunderbird");
        await staff.Locator("#reply-line-test").CheckAsync();
        await Expect(() => staff.Locator("#reply-body").InnerTextAsync(), body => body.Contains("ticket=" + ticket, StringComparison.Ordinal));
        var body = await staff.Locator("#reply-body").InnerTextAsync();
        Assert.Contains("/setup/thunderbird", body);
        // The first reply has no place for a line-test link: the builder says so instead of dropping it silently.
        Assert.DoesNotContain("/line-test", body);
        Assert.Contains("回線テストのリンク", await staff.Locator(".reply-preview [role=alert]").First.InnerTextAsync());
        var link = Regex.Match(body, @"https?://\S+/tester\?\S+").Value;
        Assert.Contains("host=127.0.0.1", link);
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "staff-reply-1280.png"), FullPage = true });

        // The customer, in a browser of their own, opens the link: the test runs and shows its result ID.
        var customer = await browser.NewPageAsync(375);
        await customer.GotoAsync(new Uri(link).PathAndQuery);
        var shown = customer.Locator(".kept-result .result-id");
        await shown.WaitForAsync(new() { Timeout = 60_000 });
        var id = (await shown.InnerTextAsync()).Replace("-", "");
        Assert.Matches("^[0-9A-Z]{10}$", id);
        await customer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "tester-kept-375.png"), FullPage = true });
        await customer.Locator(".kept-result a").ClickAsync();
        await customer.WaitForURLAsync($"**/r/{id}");
        Assert.Contains(ticket, await customer.Locator("main").InnerTextAsync());
        await customer.Context.CloseAsync();

        // Staff find it by the ticket, with the SMTP dialogue.
        await staff.GotoAsync("/staff/results?ticket=" + ticket);
        await staff.Locator($"a[href='/staff/results/{id}']").ClickAsync();
        await staff.WaitForURLAsync($"**/staff/results/{id}");
        var dialogue = await staff.Locator("pre.dialogue").First.InnerTextAsync();
        Assert.Contains("S: 220", dialogue);
        Assert.Contains("C: EHLO", dialogue);
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "staff-result-1280.png"), FullPage = true });
        await staff.Context.CloseAsync();

        await browser.ScreenshotsAsync($"/r/{id}", "result-ja");
        await browser.ScreenshotsAsync($"/en/r/{id}", "result-en");
    }

    [Fact]
    public async Task A_Damaged_Ticket_In_A_Tester_Link_Is_Refused_And_No_Test_Runs()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/tester?host=127.0.0.1&ports=587&ticket=%3Cb%3Ebad%3C%2Fb%3E");
        var error = page.Locator(".message.error[role=alert]");
        await error.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("お問い合わせ番号", await error.InnerTextAsync());
        Assert.Equal(0, await page.Locator("li.port-row").CountAsync());
        Assert.Equal(0, await page.Locator(".kept-result").CountAsync());
        await page.Context.CloseAsync();
    }

    private static async Task Expect(Func<Task<string>> read, Func<string, bool> holds)
    {
        for (var i = 0; i < 100; i++)
        {
            if (holds(await read())) return;
            await Task.Delay(100);
        }
        Assert.Fail("the page did not update within 10 s: " + await read());
    }
}
