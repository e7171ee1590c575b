using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.BrowserTests;

/// <summary>
/// The published portal (Release, Production, Site:PublicUrl set) as outside tools read it: Redocly's linter on the
/// OpenAPI document it serves.
/// </summary>
public sealed class PublishedConsumersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Redocly_Lint_Finds_No_Error_In_The_Served_OpenApi_Document()
    {
        await using var portal = await PublishedPortal.StartAsync("openapi", new Dictionary<string, string>());
        using var http = new HttpClient { BaseAddress = portal.Address };
        var file = System.IO.Path.Combine(Directory.CreateTempSubdirectory("portal-openapi-").FullName, "openapi.json");
        await File.WriteAllTextAsync(file, await http.GetStringAsync("/openapi/v1.json", Ct), Ct);

        // Redocly CLI's built-in "recommended" rules (no configuration file is given).
        var (exit, stdout, stderr) = await Processes.RunApartAsync("node", [NpmTools.Path("@redocly", "cli", "bin", "cli.js"), "lint", file, "--format=json"],
            cancellationToken: Ct);
        using var report = JsonDocument.Parse(stdout);
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()} {p.GetProperty("location")[0].GetProperty("pointer").GetString()}: {p.GetProperty("message").GetString()}")
            .ToList();
        var totals = report.RootElement.GetProperty("totals");

        foreach (var p in problems) TestContext.Current.TestOutputHelper?.WriteLine(p);
        Assert.True(totals.GetProperty("errors").GetInt32() == 0, string.Join("\n", problems) + "\n" + stderr);
        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file, Ct));
        Assert.Equal("https://support.saiin.example.jp", document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
    }
}
