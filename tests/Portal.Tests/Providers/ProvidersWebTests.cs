using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Providers;
using Portal.Tests.Support;

namespace Portal.Tests.Providers;

/// <summary>The public registry over HTTP: API, CSV and pages, on the portal's own freshly seeded database.</summary>
public sealed class ProvidersWebTests(ProvidersWebTests.Fixture fixture) : IClassFixture<ProvidersWebTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public PortalFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly HttpClient _client = fixture.Factory.CreatePlainClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_Api_Lists_Seeded_Providers_Without_Staff_Only_Fields()
    {
        var json = JsonDocument.Parse(await _client.GetStringAsync("/api/providers", Ct)).RootElement;

        Assert.Equal(11, json.GetArrayLength());
        var first = json[0];
        foreach (var field in new[] { "id", "nameJa", "nameEn", "kana", "operator", "op25b", "since", "submissionPorts", "notes", "sourceUrl", "rdnsSuffixes" })
            Assert.True(first.TryGetProperty(field, out _), field);
        foreach (var hidden in new[] { "updatedBy", "version", "deletedAt", "searchText", "createdAt" })
            Assert.False(first.TryGetProperty(hidden, out _), hidden);
    }

    [Fact]
    public async Task The_Api_Searches_And_Filters()
    {
        var found = JsonDocument.Parse(await _client.GetStringAsync("/api/providers?q=" + Uri.EscapeDataString("ぷらら"), Ct)).RootElement;
        Assert.Equal("Plala", Assert.Single(found.EnumerateArray()).GetProperty("nameEn").GetString());

        var none = JsonDocument.Parse(await _client.GetStringAsync("/api/providers?status=none", Ct)).RootElement;
        Assert.Equal(0, none.GetArrayLength());
    }

    [Fact]
    public async Task A_Bad_Status_Or_A_Missing_Provider_Is_Problem_Json()
    {
        var bad = await _client.GetAsync("/api/providers?status=maybe", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);

        var missing = await _client.GetAsync("/api/providers/99999", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task One_Provider_By_Id()
    {
        var id = JsonDocument.Parse(await _client.GetStringAsync("/api/providers?q=OCN", Ct)).RootElement[0].GetProperty("id").GetInt64();
        var p = JsonDocument.Parse(await _client.GetStringAsync($"/api/providers/{id}", Ct)).RootElement;
        Assert.Equal("OCN", p.GetProperty("nameJa").GetString());
    }

    [Fact]
    public async Task The_Csv_Is_Utf8_With_A_Byte_Order_Mark()
    {
        var response = await _client.GetAsync("/api/providers.csv", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains("ぷらら", System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal(12, System.Text.Encoding.UTF8.GetString(bytes).TrimEnd().Split('\n').Length);
    }

    [Theory]
    [InlineData("/providers", "ja", "ぷらら")]
    [InlineData("/en/providers", "en", "Plala")]
    public async Task The_Providers_Page_Lists_The_Registry(string path, string lang, string name)
    {
        var html = await _client.GetStringAsync(path, Ct);
        Assert.Contains($"<html lang=\"{lang}\">", html);
        Assert.Contains(name, html);
        Assert.Equal(11, System.Text.RegularExpressions.Regex.Matches(html, "data-provider-id=").Count);
    }

    [Fact]
    public async Task The_Providers_Page_Searches_Kana_And_Filters_By_Status()
    {
        var html = await _client.GetStringAsync("/providers?q=" + Uri.EscapeDataString("プララ") + "&status=applies", Ct);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "data-provider-id="));
        Assert.Contains("ぷらら", html);
    }

    [Fact]
    public async Task A_Bad_Status_On_The_Page_Gets_400_And_A_Message()
    {
        var response = await _client.GetAsync("/providers?status=maybe", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("状況は一覧から選んでください", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Each_Provider_Has_A_Permalink_Page_And_Unknown_Ids_Are_404()
    {
        var html = await _client.GetStringAsync("/providers", Ct);
        var id = System.Text.RegularExpressions.Regex.Match(html, "href=\"/providers/(\\d+)\"").Groups[1].Value;

        var page = await _client.GetAsync($"/en/providers/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("OP25B", await page.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/providers/99999", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_Notice_Shows_The_Provider_List_From_The_Registry()
    {
        var html = await _client.GetStringAsync("/qa", Ct);
        Assert.Contains("data-provider-id=", html);
        Assert.Contains("J:COM", html);              // a provider that was never in the fixed 2005 text
        Assert.DoesNotContain("<!-- providers -->", html);
    }

    [Fact]
    public async Task A_Provider_Named_Like_A_Script_Is_Shown_As_Text()
    {
        // Its own portal and database, so the shared fixture's counts stay as seeded.
        await using var factory = new PortalFactory();
        var client = factory.CreatePlainClient();
        var store = factory.Services.GetRequiredService<ProviderStore>();
        var id = await store.InsertAsync(new Provider { NameJa = "<script>alert(1)</script>", Op25b = "unknown", Notes = "<b>太字</b>" }, "test", Ct);

        var html = await client.GetStringAsync($"/providers/{id}", Ct);

        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;b&gt;太字&lt;/b&gt;", html);
    }
}
