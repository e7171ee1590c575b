using System.Net;
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
}
