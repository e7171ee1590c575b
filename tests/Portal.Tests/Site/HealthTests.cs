using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

public sealed class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    [InlineData("/healthz")]
    public async Task A_Working_Portal_Is_Live_And_Ready(string path)
    {
        await using var factory = new PortalFactory();
        using var response = await factory.CreatePlainClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_Broken_Database_Makes_It_Not_Ready_But_Still_Live_And_Tells_No_Paths()
    {
        await using var factory = new PortalFactory();
        var client = factory.CreatePlainClient();
        await client.GetAsync("/healthz", Ct);
        // Replace the database with something that is not SQLite.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.WriteAllText(factory.DatabaseFile, new string('x', 4096));
        foreach (var extra in new[] { "-wal", "-shm" }) File.Delete(factory.DatabaseFile + extra);

        using var ready = await client.GetAsync("/healthz/ready", Ct);
        using var live = await client.GetAsync("/healthz/live", Ct);
        var body = await ready.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.DoesNotContain("/tmp", body);
        Assert.DoesNotContain(factory.DatabaseFile, body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("file is not a database", body);
        Assert.Contains(factory.Logs.Errors, e => e.Contains("database cannot be opened"));
    }

    /// <summary>A database made and filled by a normal portal, then opened read-only by a second one (root ignores file modes).</summary>
    private static async Task<PortalFactory> ReadOnlyPortalAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"portal-readonly-{Guid.NewGuid():N}");
        var file = Path.Combine(folder, "portal.db");
        await using (var writable = new PortalFactory(databaseFile: file))
        {
            await writable.Services.GetRequiredService<Portal.Staff.StaffStore>().AddAsync("sato", "editor", "correct horse battery", Ct);
            using var warm = await writable.CreatePlainClient().GetAsync("/healthz", Ct);
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return new PortalFactory(databaseFile: file, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = $"Data Source={file};Mode=ReadOnly",
            ["LineTest:Listeners:0:Port"] = "0", ["LineTest:Listeners:0:PublicPort"] = "587", ["LineTest:Listeners:0:Tls"] = "starttls",
            ["LineTest:Listeners:0:Address"] = "127.0.0.1", ["LineTest:PublicHost"] = "line.example.jp",
        });
    }

    [Fact]
    public async Task A_Read_Only_Database_Makes_It_Not_Ready_And_Writes_Answer_503_Not_500()
    {
        await using var factory = await ReadOnlyPortalAsync();
        var client = factory.CreatePlainClient();

        using var ready = await client.GetAsync("/healthz/ready", Ct);
        using var live = await client.GetAsync("/healthz/live", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("cannot be written", await ready.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        // Reading still works: pages, and a search that finds nothing (its miss is not counted, the page is served).
        using (var qa = await client.GetAsync("/qa", Ct)) Assert.Equal(HttpStatusCode.OK, qa.StatusCode);
        using (var miss = await client.GetAsync("/search?q=zzqqxxnothing", Ct)) Assert.Equal(HttpStatusCode.OK, miss.StatusCode);

        // The API that writes answers problem+json 503 with Retry-After.
        using var start = await client.PostAsync("/api/line-tests", null, Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, start.StatusCode);
        Assert.Equal("application/problem+json", start.Content.Headers.ContentType?.MediaType);
        Assert.True(start.Headers.RetryAfter is not null);
        Assert.Contains("database-unavailable", await start.Content.ReadAsStringAsync(Ct));

        // Sign-in (which writes its failure count first) gets a page in the reader's language, not the error page's 500.
        using var signIn = await FormPosts.SignInAsync(client, "sato", "correct horse battery", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
        Assert.Contains("データベースに書き込めない", await signIn.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_Readiness_Write_Check_Leaves_Nothing_Behind_On_A_Writable_Database()
    {
        await using var factory = new PortalFactory();
        var db = factory.Services.GetRequiredService<Portal.Data.Db>();
        for (var i = 0; i < 3; i++)
        {
            using var ready = await factory.CreatePlainClient().GetAsync("/healthz/ready", Ct);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("writable", await ready.Content.ReadAsStringAsync(Ct));
        }
        await using var c = await db.OpenAsync(Ct);
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT count(*) FROM sign_in_failures"));
    }
}
