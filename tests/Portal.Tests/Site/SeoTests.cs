using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Portal.Site;
using Portal.Sitemap;
using Portal.Tests.LineTest;
using Portal.Tests.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>What pages say about themselves to search engines: description, canonical, hreflang, noindex; robots.txt and the sitemap.</summary>
public sealed partial class SeoTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Public = "https://support.saiin.example.jp";

    private static readonly string[] Indexable =
    [
        "/", "/qa", "/qa/which-port", "/qa/ip25b", "/explanation", "/setup", "/setup/iphone", "/setup/outlook", "/providers", "/providers/1",
        "/tester", "/line-test", "/status",
    ];

    [GeneratedRegex("<meta name=\"description\" content=\"([^\"]*)\"")]
    private static partial Regex Description();

    [GeneratedRegex("<link rel=\"(canonical|alternate)\"(?: hreflang=\"([^\"]+)\")? href=\"([^\"]+)\"")]
    private static partial Regex Link();

    [GeneratedRegex(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex Japanese();

    private static PortalFactory Portal() => LinePortal.Create(LinePortal.Standard, new() { ["Site:PublicUrl"] = Public });

    private static (string? Description, Dictionary<string, string> Links, bool NoIndex) Head(string html)
    {
        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
        var descriptions = Description().Matches(head).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.True(descriptions.Count <= 1, "more than one meta description");
        var links = Link().Matches(head).ToDictionary(m => m.Groups[1].Value == "canonical" ? "canonical" : m.Groups[2].Value, m => m.Groups[3].Value);
        return (descriptions.SingleOrDefault(), links, head.Contains("<meta name=\"robots\" content=\"noindex, nofollow\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_Reading_Page_Describes_Itself_In_Its_Language_With_Canonical_And_Both_Languages()
    {
        await using var factory = Portal();
        var client = factory.CreatePlainClient();

        foreach (var ja in Indexable)
        {
            var en = Lang.En.Url(ja);
            var (jaHead, enHead) = (Head(await client.GetStringAsync(ja, Ct)), Head(await client.GetStringAsync(en, Ct)));
            foreach (var (path, head, lang) in new[] { (ja, jaHead, Lang.Ja), (en, enHead, Lang.En) })
            {
                Assert.False(head.NoIndex, path);
                Assert.False(string.IsNullOrWhiteSpace(head.Description), $"{path} has no description");
                Assert.InRange(head.Description!.Length, 20, MetaDescription.MaxLength + 1);
                Assert.True(lang == Lang.Ja == Japanese().IsMatch(head.Description) || lang == Lang.En && path.StartsWith("/en/providers/", StringComparison.Ordinal),
                    $"{path}: '{head.Description}' is not in its language");
                Assert.Equal(Public + path.TrimEnd('/') + (path == "/" ? "/" : ""), head.Links["canonical"]);
                // The pair names each other the same way from both sides, with Japanese as the default.
                Assert.Equal((Public + (ja == "/" ? "/" : ja), Public + en, Public + (ja == "/" ? "/" : ja)), (head.Links["ja"], head.Links["en"], head.Links["x-default"]));
            }
            Assert.NotEqual(jaHead.Description, enHead.Description);
        }
    }

    [Fact]
    public async Task Results_Line_Test_Codes_Search_Not_Found_And_Staff_Pages_Are_Never_Indexed()
    {
        await using var factory = Portal();
        _ = factory.Listeners();
        await factory.Services.GetRequiredService<Portal.Staff.StaffStore>().AddAsync("sato", "editor", "a long enough password", Ct);
        var lineTests = factory.Services.GetRequiredService<Portal.LineTest.LineTests>();
        var (test, _) = await lineTests.StartAsync("seo", null, Ct);
        await lineTests.DoneAsync(test!.Code, Ct);
        var result = (await lineTests.ReportAsync(test.Code, waitForNames: true, Ct))!.Test.ResultId;
        var staff = StaffClient.For(factory);
        await staff.LogInAsync("sato", "a long enough password");

        foreach (var path in new[] { $"/r/{result}", $"/en/r/{result}", $"/line-test/{test.Code}", $"/en/line-test/{test.Code}", "/search?q=587", "/en/search?q=587",
                     "/no-such-page", "/en/no-such-page", "/staff/login", "/staff", "/staff/mail-dns" })
        {
            using var response = await staff.Http.GetAsync(path, Ct);
            var head = Head(await response.Content.ReadAsStringAsync(Ct));
            Assert.True(head.NoIndex, $"{path} can be indexed");
            Assert.False(head.Links.ContainsKey("canonical"), $"{path} names a canonical URL");
        }
    }

    [Fact]
    public async Task Robots_Txt_Keeps_Crawlers_Out_Of_Private_Pages_And_Names_The_Sitemap()
    {
        await using var factory = Portal();
        using var response = await factory.CreatePlainClient().GetAsync("/robots.txt", Ct);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n');

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("User-agent: *", lines[0]);
        Assert.Equal(SitemapFeature.Disallowed.Select(d => "Disallow: " + d), lines.Where(l => l.StartsWith("Disallow:", StringComparison.Ordinal)));
        Assert.Contains($"Sitemap: {Public}/sitemap.xml", lines);
        // RFC 9309 §2.2.2: prefixes. No indexable page falls under one; /line-test itself stays open.
        Assert.All(Indexable.Concat(Indexable.Select(p => Lang.En.Url(p))), p => Assert.DoesNotContain(SitemapFeature.Disallowed, d => p.StartsWith(d, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_Sitemap_Lists_Every_Reading_Page_In_Both_Languages_And_Each_Answers_With_That_Canonical()
    {
        await using var factory = Portal();
        var client = factory.CreatePlainClient();
        using var response = await client.GetAsync("/sitemap.xml", Ct);
        var doc = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9", xhtml = "http://www.w3.org/1999/xhtml";
        var urls = doc.Root!.Elements(sm + "url").ToList();
        var locs = urls.Select(u => u.Element(sm + "loc")!.Value).ToList();
        var questions = factory.Services.GetRequiredService<Portal.Content.ContentStore>().Current.Questions(Lang.Ja).Count;

        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(sm + "urlset", doc.Root.Name);
        Assert.Equal(2 * (8 + questions + 5 + 11), urls.Count);   // 8 fixed pages, the questions, 5 guides, 11 seed providers
        Assert.Equal(locs.Count, locs.Distinct().Count());
        foreach (var url in urls)
        {
            var loc = url.Element(sm + "loc")!.Value;
            Assert.StartsWith(Public + "/", loc);
            Assert.Equal(2, url.Elements(xhtml + "link").Count(l => l.Attribute("rel")!.Value == "alternate" && locs.Contains(l.Attribute("href")!.Value)));
            var page = await client.GetAsync(loc[Public.Length..], Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(loc, Head(await page.Content.ReadAsStringAsync(Ct)).Links["canonical"]);
        }
        Assert.All(urls.Select(u => u.Element(sm + "lastmod")?.Value).OfType<string>(), d => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", d));
    }

    [Theory]
    [InlineData("短い文。", "短い文。")]
    [InlineData("Set one of these: 587 or 465. Then send again and it will work for most lines in Japan.", "Set one of these: 587 or 465. Then send again and it will work for most lines in Japan.")]
    public void A_Short_Description_Is_Kept_Whole(string text, string expected) => Assert.Equal(expected, MetaDescription.Cut(text));

    [Fact]
    public void A_Long_Description_Ends_At_A_Sentence_Or_A_Word()
    {
        var japanese = MetaDescription.Cut(string.Concat(Enumerable.Repeat("送信ポートを587番に変えてください。", 10)));
        var english = MetaDescription.Cut(string.Join(' ', Enumerable.Repeat("change the outgoing port to 587", 10)));

        Assert.EndsWith("。", japanese);
        Assert.True(japanese.Length <= MetaDescription.MaxLength);
        Assert.EndsWith("…", english);
        Assert.True(english.Length <= MetaDescription.MaxLength + 1);
        Assert.Matches(@"\w…$", english);
        Assert.False(english.EndsWith(" …", StringComparison.Ordinal));
    }
}
