using Microsoft.Playwright;

namespace Portal.BrowserTests;

/// <summary>The sign-in page in Chromium: one message for a wrong password and an unknown name, and sign-out that holds.</summary>
public sealed class SignInPageTests(BrowserFixture browser)
{
    private static async Task<string> FailAsync(IPage page, string name)
    {
        await page.GotoAsync("/staff/login");
        await page.Locator("#login-name").FillAsync(name);
        await page.Locator("#login-password").FillAsync("certainly not the password");
        await page.Locator("form.staff-form button[type=submit]").ClickAsync();
        return await page.Locator("p.message.error").InnerTextAsync();
    }

    [Fact]
    public async Task An_Unknown_Name_And_A_Wrong_Password_Show_The_Same_Message_In_Both_Languages()
    {
        var page = await browser.NewPageAsync();
        var unknown = await FailAsync(page, "no-such-colleague");
        var wrong = await FailAsync(page, BrowserFixture.AdminName);

        Assert.Equal(unknown, wrong);
        Assert.Contains("名前またはパスワードが違います", unknown);
        Assert.Contains("The name or password is wrong", unknown);
        await page.Context.CloseAsync();
        await browser.ScreenshotsAsync("/staff/login", "sign-in-failed", p => FailAsync(p, "no-such-colleague"));
    }

    [Fact]
    public async Task After_Signing_Out_The_Back_Button_And_A_Reload_Show_The_Login_Page()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, BrowserFixture.StaffName);
        var cookies = await page.Context.CookiesAsync();

        await page.Locator("form[class=inline] button[type=submit]").First.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/staff/login");
        // The cookie as it was before sign-out, put back: the server has ended that session.
        await page.Context.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        await page.GotoAsync("/staff");

        Assert.Equal("/staff/login", new Uri(page.Url).AbsolutePath);
        await page.Context.CloseAsync();
    }
}
