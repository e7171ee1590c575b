using Microsoft.Playwright;

namespace Portal.BrowserTests;

public sealed class StaffEditingTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_Staff_Member_Logs_In_Edits_A_Provider_And_The_Customer_Page_Shows_It()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/staff");
        await page.WaitForURLAsync("**/staff/login**");   // anonymous: sent to the login form

        await page.Locator("#login-name").FillAsync(BrowserFixture.StaffName);
        await page.Locator("#login-password").FillAsync(BrowserFixture.StaffPassword);
        await page.Locator("form.staff-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/staff");
        await Shot(page, "staff-home-1280");

        await page.Locator("tr:has-text('J:COM') a").First.ClickAsync();
        await page.WaitForURLAsync("**/staff/providers/*");
        var id = new Uri(page.Url).Segments[^1];
        await page.Locator("#f-kana").FillAsync("じぇいこむ");
        await page.Locator("#f-ports").FillAsync("465, 587");
        await page.Locator("#f-notes-ja").FillAsync("SSL/TLS（465番）を推奨。<b>太字にはならない</b>");
        await page.Locator("form.provider-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**saved=1");
        Assert.Contains("保存しました", await page.Locator("main [role=status]").First.InnerTextAsync());
        await Shot(page, "staff-edit-1280");

        var customer = await browser.NewPageAsync(375);
        await customer.GotoAsync($"/providers/{id}");
        Assert.Contains("465・587番", await customer.Locator(".provider-facts").InnerTextAsync());
        Assert.Contains("<b>太字にはならない</b>", await customer.Locator(".notes").InnerTextAsync());
        await customer.GotoAsync("/providers?q=" + Uri.EscapeDataString("じぇいこむ"));
        Assert.Equal(1, await customer.Locator("li.provider").CountAsync());
        await customer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "provider-after-edit-375.png"), FullPage = true });
        await customer.Context.CloseAsync();

        await page.SetViewportSizeAsync(375, 900);
        await Shot(page, "staff-edit-375");
        await page.Context.CloseAsync();
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png"), FullPage = true });
}
