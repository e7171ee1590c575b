using Microsoft.Playwright;

namespace Portal.BrowserTests;

/// <summary>The header's search box: suggestions as the ARIA combobox pattern describes, and a plain form without script.</summary>
public sealed class SearchTests(BrowserFixture browser)
{
    [Fact]
    public async Task Suggestions_Appear_While_Typing_And_Follow_The_Keyboard()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        var box = page.Locator("#site-search");
        var list = page.Locator("#site-search-suggestions");

        Assert.Equal("combobox", await box.GetAttributeAsync("role"));
        Assert.Equal("false", await box.GetAttributeAsync("aria-expanded"));
        // One input event: typed key by key, an earlier partial query's answer may be on screen while the count is read.
        await box.FillAsync("送れない");
        await list.Locator("li").First.WaitForAsync();

        var options = await list.Locator("li[role=option]").CountAsync();
        Assert.InRange(options, 1, 8);
        Assert.Equal("true", await box.GetAttributeAsync("aria-expanded"));
        Assert.Equal("listbox", await list.GetAttributeAsync("role"));
        Assert.Equal("site-search-suggestions", await box.GetAttributeAsync("aria-controls"));
        // Announced to screen readers through a status region.
        Assert.Contains($"候補{options}件", await page.Locator("form.search [role=status]").First.InnerTextAsync());

        await box.PressAsync("ArrowDown");
        Assert.Equal("site-search-suggestions-0", await box.GetAttributeAsync("aria-activedescendant"));
        Assert.Equal("true", await list.Locator("#site-search-suggestions-0").GetAttributeAsync("aria-selected"));
        await box.PressAsync("ArrowUp");
        Assert.Equal($"site-search-suggestions-{options - 1}", await box.GetAttributeAsync("aria-activedescendant"));
        await box.PressAsync("ArrowDown");
        Assert.Equal("site-search-suggestions-0", await box.GetAttributeAsync("aria-activedescendant"));

        await box.PressAsync("Escape");
        Assert.Equal("false", await box.GetAttributeAsync("aria-expanded"));
        Assert.True(await list.IsHiddenAsync());
        Assert.Null(await box.GetAttributeAsync("aria-activedescendant"));
        Assert.Equal("送れない", await box.InputValueAsync());

        // Back in the list, Enter opens the chosen result rather than the search page.
        await box.PressAsync("ArrowDown");
        var url = await list.Locator("#site-search-suggestions-0").GetAttributeAsync("data-url");
        Assert.StartsWith("/", url);
        await box.PressAsync("Enter");
        await page.WaitForURLAsync(new Uri(browser.BaseAddress, url).ToString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Enter_Without_A_Chosen_Suggestion_Searches_And_English_Pages_Suggest_In_English()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/en");
        var box = page.Locator("#site-search");
        await box.PressSequentiallyAsync("starttls");
        await page.Locator("#site-search-suggestions li").First.WaitForAsync();
        Assert.Contains("suggestions", await page.Locator("form.search [role=status]").First.InnerTextAsync());
        Assert.All(await page.Locator("#site-search-suggestions .title").AllInnerTextsAsync(), t => Assert.Matches("^[\\x20-\\x7E‑“”’]+$", t));

        await box.PressAsync("Enter");
        await page.WaitForURLAsync("**/en/search?q=starttls");
        Assert.True(await page.Locator("ol.results li").CountAsync() > 0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_JavaScript_The_Form_Still_Searches()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress.ToString(), JavaScriptEnabled = false, Locale = "ja-JP",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Null(await page.Locator("#site-search").GetAttributeAsync("role"));

        await page.Locator("#site-search").FillAsync("ウィルス");
        await page.Locator("form.search button[type=submit]").First.ClickAsync();
        await page.WaitForURLAsync("**/search?q=*");

        Assert.Contains("/qa#why-op25b", await page.Locator("ol.results").InnerHTMLAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task Screenshots_Of_The_Search_Page_And_The_Suggestions()
    {
        foreach (var (path, query, name) in new[] { ("/", "メールが送れない", "suggest-ja"), ("/en", "cannot send", "suggest-en") })
        {
            foreach (var width in new[] { 1280, 375 })
            {
                var page = await browser.NewPageAsync(width);
                await page.GotoAsync(path);
                await page.Locator("#site-search").PressSequentiallyAsync(query);
                await page.Locator("#site-search-suggestions li").First.WaitForAsync();
                await page.Locator("#site-search").PressAsync("ArrowDown");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, $"{name}-{width}.png") });
                await page.Context.CloseAsync();
            }
        }
        // The first screen a customer sees, at both widths (the full pages below are long).
        foreach (var width in new[] { 1280, 375 })
        {
            var page = await browser.NewPageAsync(width);
            await page.GotoAsync("/search?q=" + Uri.EscapeDataString("メールが送れない"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, $"search-first-screen-ja-{width}.png") });
            await page.Context.CloseAsync();
        }
        await browser.ScreenshotsAsync("/search?q=" + Uri.EscapeDataString("メールが送れない"), "search-sendfail-ja");
        await browser.ScreenshotsAsync("/en/search?q=cannot+send+mail", "search-sendfail-en");
        await browser.ScreenshotsAsync("/search?q=" + Uri.EscapeDataString("量子コンピューター"), "search-none-ja");
    }
}
