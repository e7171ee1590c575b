using Microsoft.Playwright;

namespace Portal.BrowserTests;

public sealed class ReadingTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_Customer_Opens_The_Qa_And_Follows_A_Question_Permalink()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/qa");
        Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));
        Assert.True(await page.Locator("section.question").CountAsync() >= 6);

        // The table of contents jumps to the question.
        await page.Locator("nav.toc a[href='/qa#which-port']").ClickAsync();
        Assert.EndsWith("/qa#which-port", page.Url);
        Assert.True(await page.Locator("#which-port").IsVisibleAsync());

        await page.Locator("#which-port a.permalink").ClickAsync();
        await page.WaitForURLAsync("**/qa/which-port");
        Assert.Contains("メールソフトの送信ポートは何番", await page.Locator("section.question h2").InnerTextAsync());
        Assert.Equal(1, await page.Locator("section.question").CountAsync());
        await page.Context.CloseAsync();

        await browser.ScreenshotsAsync("/qa", "qa-ja");
        await browser.ScreenshotsAsync("/qa/which-port", "question-ja");
    }

    [Fact]
    public async Task Switching_Language_Keeps_The_Question_And_Sets_Html_Lang()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/qa#which-port");

        await page.Locator("a.lang-switch").ClickAsync();
        await page.WaitForURLAsync("**/en/qa#which-port");

        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Which outgoing port", await page.Locator("#which-port h2").InnerTextAsync());

        await page.Locator("a.lang-switch").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/qa");
        Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));
        await page.Context.CloseAsync();

        await browser.ScreenshotsAsync("/en/qa", "qa-en");
        await browser.ScreenshotsAsync("/en", "home-en");
    }

    [Fact]
    public async Task Searching_In_Japanese_Leads_To_The_Question_Anchor()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.Locator("#site-search").FillAsync("サブミッション");
        await page.Locator("#site-search").PressAsync("Enter");
        await page.WaitForURLAsync("**/search?q=*");

        var result = page.Locator("ol.results a[href='/qa#which-port']");
        Assert.Equal(1, await result.CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "search-ja-1280.png"), FullPage = true });

        await result.ClickAsync();
        await page.WaitForURLAsync("**/qa#which-port");
        Assert.Equal("which-port", await page.EvaluateAsync<string>("() => document.querySelector(':target')?.id"));
        Assert.True(await page.Locator("#which-port").IsVisibleAsync());
        await page.Context.CloseAsync();

        await browser.ScreenshotsAsync("/search?q=" + Uri.EscapeDataString("ウイルス"), "search-ja");
        await browser.ScreenshotsAsync("/", "home-ja");
        await browser.ScreenshotsAsync("/en/search?q=", "search-empty-en");
    }

    [Fact]
    public async Task The_Diagrams_Load_And_Fit_A_Phone_Screen()
    {
        foreach (var (path, lang) in new[] { ("/explanation", "ja"), ("/en/explanation", "en") })
        {
            var page = await browser.NewPageAsync(375);
            await page.GotoAsync(path);
            var images = page.Locator("figure img");
            Assert.Equal(5, await images.CountAsync());
            for (var i = 0; i < 5; i++)
            {
                var image = images.Nth(i);
                await image.ScrollIntoViewIfNeededAsync();
                Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), $"diagram {i + 1} did not load");
                var box = await image.BoundingBoxAsync();
                Assert.NotNull(box);
                Assert.InRange(box.Width, 280, 375);
            }
            // Nothing scrolls sideways on a phone.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"));
            await page.Context.CloseAsync();
            await browser.ScreenshotsAsync(path, $"explanation-{lang}");
        }
    }

    [Fact]
    public async Task An_Unknown_Address_Shows_The_Not_Found_Page()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync("/en/no-such-page");
        Assert.Equal(404, response!.Status);
        Assert.Equal("Page not found", await page.Locator("h1").InnerTextAsync());
        await page.Context.CloseAsync();
        await browser.ScreenshotsAsync("/no-such-page", "not-found-ja");
    }
}
