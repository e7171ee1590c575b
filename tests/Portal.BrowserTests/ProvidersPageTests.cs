namespace Portal.BrowserTests;

public sealed class ProvidersPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_Customer_Finds_Their_Provider_By_Kana_And_Opens_Its_Page()
    {
        var page = await browser.NewPageAsync(375);
        await page.GotoAsync("/providers");
        Assert.True(await page.Locator("li.provider").CountAsync() >= 11);

        await page.Locator("#provider-q").FillAsync("プララ");
        await page.Locator("#provider-q").PressAsync("Enter");
        await page.WaitForURLAsync("**/providers?q=*");
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.Load);
        Assert.Equal(1, await page.Locator("li.provider").CountAsync());

        var link = page.Locator("li.provider a.provider-name");
        var href = await link.GetAttributeAsync("href");
        await link.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == href);
        Assert.Equal("ぷらら", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"));
        await page.Context.CloseAsync();

        await browser.ScreenshotsAsync("/providers", "providers-ja");
        await browser.ScreenshotsAsync("/en/providers?status=applies", "providers-en");
        await browser.ScreenshotsAsync("/providers/6", "provider-ja");
    }
}
