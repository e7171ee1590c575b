using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Providers;
using Portal.Search;
using Portal.Site;
using Portal.Staff;
using Portal.Tests.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Search;

public sealed class SearchFeatureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    [Fact]
    public async Task The_Api_Answers_At_Most_Eight_Results_With_Title_Url_And_Snippet()
    {
        await using var factory = new PortalFactory();
        var client = factory.CreatePlainClient();

        using var response = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString("送れない") + "&lang=ja", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var results = (await JsonAsync(response)).EnumerateArray().ToList();
        Assert.InRange(results.Count, 1, SearchFeature.MaxSuggestions);
        Assert.All(results, r =>
        {
            Assert.False(string.IsNullOrEmpty(r.GetProperty("title").GetString()));
            Assert.StartsWith("/", r.GetProperty("url").GetString());
            Assert.False(r.GetProperty("url").GetString()!.StartsWith("/en", StringComparison.Ordinal));
            Assert.False(string.IsNullOrEmpty(r.GetProperty("snippet").GetString()));
        });
        Assert.True((await JsonAsync(await client.GetAsync("/api/search?q=587", Ct))).GetArrayLength() <= SearchFeature.MaxSuggestions);
    }

    [Fact]
    public async Task The_Api_Searches_English_With_Lang_En()
    {
        await using var factory = new PortalFactory();
        var results = await JsonAsync(await factory.CreatePlainClient().GetAsync("/api/search?q=submission+port&lang=en", Ct));

        Assert.Contains(results.EnumerateArray(), r => r.GetProperty("url").GetString() == "/en/qa#which-port");
        Assert.All(results.EnumerateArray(), r => Assert.StartsWith("/en", r.GetProperty("url").GetString()));
    }

    [Theory]
    [InlineData("/api/search", "empty-query")]
    [InlineData("/api/search?q=%20%20", "empty-query")]
    [InlineData("/api/search?q=587&lang=fr", "bad-lang")]
    public async Task Bad_Api_Requests_Get_Problem_Json(string path, string code)
    {
        await using var factory = new PortalFactory();
        using var response = await factory.CreatePlainClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_Over_Long_Api_Query_Gets_Problem_Json()
    {
        await using var factory = new PortalFactory();
        using var response = await factory.CreatePlainClient().GetAsync("/api/search?q=" + new string('a', 101), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("query-too-long", (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_Search_That_Finds_Nothing_Is_Counted_Each_Time_With_Only_Words_And_Day()
    {
        await using var factory = new PortalFactory();
        var client = factory.CreatePlainClient();

        for (var i = 0; i < 2; i++)
            Assert.Contains("見つかりませんでした", await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("量子コンピューター"), Ct));
        // Spelling variants count together; a search that finds something is not counted.
        await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("りょうしコンピューター"), Ct);
        await client.GetStringAsync("/search?q=587", Ct);
        await client.GetStringAsync("/en/search?q=quantum+computer", Ct);

        var misses = await factory.Services.GetRequiredService<SearchMisses>().TopAsync(30, Ct);
        Assert.Equal(2, misses.Single(m => m.Query == "量子コンピューター").Count);
        Assert.Equal("ja", misses.Single(m => m.Query == "量子コンピューター").Lang);
        Assert.Single(misses, m => m.Query == "リョウシコンピューター");
        Assert.Equal("en", misses.Single(m => m.Query == "quantum computer").Lang);
        Assert.DoesNotContain(misses, m => m.Query == "587");
        var columns = await TestDatabase.ColumnsAsync(factory.Services.GetRequiredService<Db>(), "search_misses");
        Assert.Equal(["day", "lang", "query", "count"], columns);
    }

    [Fact]
    public async Task Staff_See_The_Top_Misses_And_What_They_Find_Now()
    {
        await using var factory = new PortalFactory();
        await factory.Services.GetRequiredService<StaffStore>().AddAsync("sato", "editor", "correct horse battery", Ct);
        var misses = factory.Services.GetRequiredService<SearchMisses>();
        for (var i = 0; i < 3; i++) await misses.RecordAsync(Lang.Ja, "量子コンピューター", Ct);
        await misses.RecordAsync(Lang.En, "quantum <b>computer</b>", Ct);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreatePlainClient().GetAsync("/staff/search-misses", Ct)).StatusCode);

        var staff = StaffClient.For(factory);
        await staff.LogInAsync("sato", "correct horse battery");
        var html = await staff.Http.GetStringAsync("/staff/search-misses", Ct);

        Assert.Contains("量子コンピューター", html);
        Assert.Contains("/search?q=" + Uri.EscapeDataString("量子コンピューター"), html);
        Assert.Contains("quantum &lt;b&gt;computer&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>computer</b>", html);
        Assert.Contains("search-synonyms.txt", html);
        Assert.Matches(@"量子コンピューター</a></td>\s*<td>ja</td>\s*<td class=""num"">3</td>", html);
        Assert.Contains("/staff/search-misses", await staff.Http.GetStringAsync("/staff", Ct));
    }

    [Fact]
    public async Task Misses_Keep_A_Count_Per_Day_Cap_New_Queries_And_Are_Purged_After_Ninety_Days()
    {
        var db = TestDatabase.New();
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken: Ct);
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-29T01:00:00Z"));
        var misses = new SearchMisses(db, clock);

        await misses.RecordAsync(Lang.Ja, "ａｂｃ  ＤＥＦ", Ct);
        clock.Advance(TimeSpan.FromDays(1));
        await misses.RecordAsync(Lang.Ja, "abc def", Ct);
        var top = Assert.Single(await misses.TopAsync(7, Ct));
        Assert.Equal(("abc def", 2L, "2026-11-30"), (top.Query, top.Count, top.LastDay));
        Assert.Equal(1, Assert.Single(await misses.TopAsync(1, Ct)).Count);

        await using (var c = await db.OpenAsync(Ct))
            await c.ExecuteAsync("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @n)
                INSERT INTO search_misses (day, lang, query, count) SELECT '2026-11-30', 'ja', 'q' || i, 1 FROM n
                """,
                new { n = SearchMisses.MaxPerDay });
        await misses.RecordAsync(Lang.Ja, "one too many", Ct);
        await misses.RecordAsync(Lang.Ja, "abc def", Ct);
        await using (var c = await db.OpenAsync(Ct))
        {
            Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM search_misses WHERE query = 'one too many'"));
            Assert.Equal(2, await c.ExecuteScalarAsync<int>("SELECT count FROM search_misses WHERE query = 'abc def' AND day = '2026-11-30'"));
        }

        clock.Advance(TimeSpan.FromDays(SearchMisses.KeepDays));
        Assert.Equal(1, await misses.PurgeAsync(Ct));
    }

    [Fact]
    public async Task A_Registry_Edit_Is_Searchable_Soon_After()
    {
        await using var factory = new PortalFactory();
        var search = factory.Services.GetRequiredService<SearchService>();
        Assert.Empty(search.Find(Lang.Ja, "ゆうびんネット"));

        var id = await factory.Services.GetRequiredService<ProviderStore>().InsertAsync(
            new Provider { NameJa = "ゆうびんネット", NameEn = "Yubin Net", Op25b = "applies", NotesJa = "2026年に導入" }, "test", Ct);

        var hits = await EventuallyAsync(() => search.Find(Lang.Ja, "ゆうびんネット"));
        Assert.Equal($"/providers/{id}", hits[0].Url);
        Assert.Equal($"/en/providers/{id}", (await EventuallyAsync(() => search.Find(Lang.En, "yubin net")))[0].Url);
    }

    [Fact]
    public async Task A_Saved_Synonym_Works_At_Once_And_A_Broken_Line_Is_Logged_With_Its_Number()
    {
        using var content = TestContent.CopyOfContent();
        await using var factory = new PortalFactory(content.Path);
        var client = factory.CreatePlainClient();
        Assert.Contains("見つかりませんでした", await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("量子コンピューター"), Ct));

        var file = Path.Combine(content.Path, "ja", SearchService.SynonymsFile);
        await File.WriteAllTextAsync(file, "# test\nこわれた => => 行\n量子コンピューター, IP25B\n", Ct);

        await EventuallyAsync(() => factory.Services.GetRequiredService<SearchService>().Find(Lang.Ja, "量子コンピューター"));
        Assert.Contains("/qa#ip25b", await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("量子コンピューター"), Ct));
        Assert.Contains(factory.Logs.Entries, e => e.Message.Contains("content/ja/search-synonyms.txt line 2: skipped", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<SearchHit>> EventuallyAsync(Func<IReadOnlyList<SearchHit>> find)
    {
        for (var i = 0; i < 100; i++)
        {
            if (find() is { Count: > 0 } hits) return hits;
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("nothing found within 5 s");
    }
}
