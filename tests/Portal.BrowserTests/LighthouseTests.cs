using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.BrowserTests;

/// <summary>
/// Lighthouse 12.2.3 (npm, run by lighthouse-run.mjs in Debian's Chromium) on home, /qa, /tester, /line-test, /setup and
/// /status, desktop and mobile: at least 95 in accessibility, best practices and SEO on each. The audits that did not
/// pass are printed either way.
/// </summary>
public sealed class LighthouseTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public const int Minimum = 95;

    [Fact]
    public async Task Every_Main_Page_Scores_At_Least_95_In_Accessibility_Best_Practices_And_Seo_On_Desktop_And_Mobile()
    {
        var script = Path.Combine(BrowserFixture.RepoRoot(), "tests", "Portal.BrowserTests", "lighthouse-run.mjs");
        _ = NpmTools.Path("lighthouse", "package.json");
        string[] pages = ["/", "/qa", "/tester", "/line-test", "/setup", "/status"];

        var (exit, stdout, stderr) = await Processes.RunApartAsync("node", [script, browser.BaseAddress.ToString().TrimEnd('/'), .. pages], cancellationToken: Ct);
        Assert.True(exit == 0, $"lighthouse-run.mjs exited {exit}:\n{stderr}");
        using var report = JsonDocument.Parse(stdout);

        var low = new List<string>();
        foreach (var run in report.RootElement.EnumerateArray())
        {
            var name = $"{run.GetProperty("path").GetString()} ({run.GetProperty("preset").GetString()})";
            var scores = run.GetProperty("scores").EnumerateObject().Select(s => (s.Name, Score: s.Value.GetInt32())).ToList();
            TestContext.Current.TestOutputHelper?.WriteLine($"{name}: {string.Join(", ", scores.Select(s => $"{s.Name} {s.Score}"))}");
            foreach (var f in run.GetProperty("failing").EnumerateArray()) TestContext.Current.TestOutputHelper?.WriteLine("  " + f.GetString());
            Assert.True(run.GetProperty("runtimeError").ValueKind == JsonValueKind.Null, $"{name}: {run.GetProperty("runtimeError")}");
            low.AddRange(scores.Where(s => s.Score < Minimum).Select(s => $"{name}: {s.Name} {s.Score} < {Minimum}: " +
                string.Join("; ", run.GetProperty("failing").EnumerateArray().Select(f => f.GetString()))));
        }
        Assert.Equal(12, report.RootElement.GetArrayLength());
        Assert.True(low.Count == 0, string.Join("\n", low));
    }
}
