using System.Net;
using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>Every page over HTTP through the real pipeline: status, language, anchors, caching.</summary>
public sealed class PagesTests(PagesTests.Fixture fixture) : IClassFixture<PagesTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public PortalFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly HttpClient _client = fixture.Factory.CreatePlainClient();
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/", "ja", "西院ネットワークス")]
    [InlineData("/qa", "ja", "お知らせとQ&amp;A")]
    [InlineData("/explanation", "ja", "図解")]
    [InlineData("/qa/which-port", "ja", "送信ポート")]
    [InlineData("/search?q=587", "ja", "検索結果")]
    [InlineData("/en", "en", "Saiin Networks")]
    [InlineData("/en/qa", "en", "Notice and Q&amp;A")]
    [InlineData("/en/explanation", "en", "Illustrated guide")]
    [InlineData("/en/qa/which-port", "en", "outgoing port")]
    [InlineData("/en/search?q=587", "en", "Results for")]
    public async Task Every_Page_Answers_200_In_Its_Language(string path, string lang, string text)
    {
        var response = await _client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<html lang=\"{lang}\">", html);
        Assert.Contains(text, html);
    }

    [Fact]
    public async Task The_Qa_Page_Has_An_Anchor_A_Toc_Entry_And_A_Permalink_Per_Question()
    {
        var html = await _client.GetStringAsync("/qa", Ct);
        foreach (var slug in new[] { "is-587-ssl", "why-op25b", "which-port", "security-software", "will-587-be-blocked", "test-from-browser" })
        {
            Assert.Contains($"id=\"{slug}\"", html);
            Assert.Contains($"href=\"/qa#{slug}\"", html);
            Assert.Contains($"href=\"/qa/{slug}\"", html);
        }
        Assert.Contains("最終更新", html);
        Assert.Contains("datetime=\"2026-11-28\"", html);
    }

    [Fact]
    public async Task English_Permalinks_Stay_In_English()
    {
        var html = await _client.GetStringAsync("/en/qa", Ct);
        Assert.Contains("href=\"/en/qa/which-port\"", html);
        Assert.Contains("Last updated", html);
    }

    [Fact]
    public async Task The_Explanation_Has_Five_Diagrams_With_Text_Alternatives_And_Captions()
    {
        foreach (var (path, lang) in new[] { ("/explanation", "ja"), ("/en/explanation", "en") })
        {
            var html = await _client.GetStringAsync(path, Ct);
            var images = System.Text.RegularExpressions.Regex.Matches(html, $"<img src=\"(/img/diagrams/[^\"]+\\.{lang}\\.svg)\" alt=\"([^\"]+)\"");
            Assert.Equal(5, images.Count);
            Assert.Equal(5, System.Text.RegularExpressions.Regex.Matches(html, "<figcaption>").Count);
            foreach (System.Text.RegularExpressions.Match image in images)
            {
                Assert.True(image.Groups[2].Value.Length > 20, "alt text should describe the scene");
                var svg = await _client.GetAsync(image.Groups[1].Value, Ct);
                Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
                Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task The_Language_Switch_Points_To_The_Same_Page_In_The_Other_Language()
    {
        Assert.Contains("href=\"/en/qa/which-port\" hreflang=\"en\"", await _client.GetStringAsync("/qa/which-port", Ct));
        Assert.Contains("href=\"/qa/which-port\" hreflang=\"ja\"", await _client.GetStringAsync("/en/qa/which-port", Ct));
    }

    [Theory]
    [InlineData("/no-such-page", "ja", "ページが見つかりません")]
    [InlineData("/qa/no-such-question", "ja", "ページが見つかりません")]
    [InlineData("/en/no-such-page", "en", "Page not found")]
    [InlineData("/en/qa/no-such-question", "en", "Page not found")]
    public async Task Unknown_Paths_Get_A_404_Page_In_The_Readers_Language(string path, string lang, string text)
    {
        var response = await _client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains($"<html lang=\"{lang}\">", html);
        Assert.Contains(text, html);
    }

    [Fact]
    public async Task Healthz_Reports_Healthy_With_The_Content_Count()
    {
        var response = await _client.GetAsync("/healthz", Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Contains("content documents", json.RootElement.GetProperty("checks").GetProperty("content").GetProperty("description").GetString());
        // The newest migration the build carries, not a number that goes stale with the next one.
        Assert.Equal($"{(PortalFactory.OnPostgres ? "PostgreSQL" : "SQLite")} schema version {Portal.Data.Migrator.Scripts.Max(m => m.Version)}, writable", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Search_Results_Link_To_The_Question_Anchor()
    {
        var html = await _client.GetStringAsync("/search?q=" + Uri.EscapeDataString("ウイルス"), Ct);
        Assert.Contains("href=\"/qa#why-op25b\"", html);
        Assert.Contains("href=\"/explanation#bots\"", html);
    }

    [Fact]
    public async Task An_Empty_Search_Asks_For_A_Word()
    {
        var html = await _client.GetStringAsync("/search?q=", Ct);
        Assert.Contains("検索する言葉を入力してください。", html);
    }

    [Fact]
    public async Task An_Over_Long_Search_Gets_400_And_A_Clear_Message()
    {
        var response = await _client.GetAsync("/en/search?q=" + new string('x', 101), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("100 characters or fewer", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_Search_With_No_Hits_Says_So()
    {
        var html = await _client.GetStringAsync("/search?q=" + Uri.EscapeDataString("存在しない言葉"), Ct);
        Assert.Contains("一致する項目は見つかりませんでした", html);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/qa")]
    [InlineData("/en/explanation")]
    public async Task Reading_Pages_Start_No_Circuit_And_Set_No_Cookie(string path)
    {
        var response = await _client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.DoesNotContain("blazor.web.js", html);
        Assert.DoesNotContain("<!--Blazor:", html);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_Repeat_Visit_With_The_ETag_Gets_304()
    {
        var first = await _client.GetAsync("/qa", Ct);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/qa");
        request.Headers.IfNoneMatch.Add(etag);
        var second = await _client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task A_Stale_ETag_Gets_The_Full_Page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/qa");
        request.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"old\""));
        var response = await _client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Reading_Pages_Are_Served_From_The_Output_Cache()
    {
        await _client.GetAsync("/en/qa", Ct);
        var second = await _client.GetAsync("/en/qa", Ct);
        Assert.True(second.Headers.Age.HasValue, "a cached response carries an Age header");
    }
}
