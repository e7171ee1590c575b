using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>What operators run: `dotnet publish`, then the published app in Production.</summary>
public sealed partial class PublishTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_Published_App_Serves_Content_Static_Files_And_Blazor_Script_In_Production()
    {
        using var output = new TempFolder();
        var publish = await Processes.RunAsync("dotnet", ["publish", Path.Combine(TestContent.RepoRoot, "src", "Portal"), "-c", "Release", "-o", output.Path, "--nologo"],
            TestContent.RepoRoot, cancellationToken: Ct);
        Assert.True(publish.ExitCode == 0, publish.Output);
        Assert.True(File.Exists(Path.Combine(output.Path, "content", "ja", "notice.md")));
        Assert.True(File.Exists(Path.Combine(output.Path, "wwwroot", "css", "site.css")));

        // Started from another folder, as a service manager might, to prove it needs no source tree.
        using var elsewhere = new TempFolder();
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(output.Path, "Portal.dll")}\" --urls http://127.0.0.1:0")
        {
            WorkingDirectory = elsewhere.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Site__PublicUrl"] = "https://support.saiin.example.jp";
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(elsewhere.Path, "portal.db")}";
        // The line-test listener on a free loopback port: it must not take --urls away from the web side.
        start.Environment["LineTest__Listeners__0__Port"] = "0";
        start.Environment["LineTest__Listeners__0__PublicPort"] = "25";
        start.Environment["LineTest__Listeners__0__Address"] = "127.0.0.1";
        using var app = Process.Start(start)!;
        try
        {
            var address = await ListeningAddressAsync(app);
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            foreach (var path in new[] { "/", "/qa", "/en/explanation", "/css/site.css", "/img/diagrams/5-op25b.ja.svg", "/_framework/blazor.web.js", "/healthz" })
                Assert.True((await client.GetAsync(path, Ct)).StatusCode == HttpStatusCode.OK, path);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/nowhere", Ct)).StatusCode);
            // The script the interactive pages really load (fingerprinted) has content, not just a 200.
            var script = System.Text.RegularExpressions.Regex.Match(await client.GetStringAsync("/tester", Ct), "_framework/blazor\\.web\\.[a-z0-9]+\\.js").Value;
            using var js = await client.GetAsync("/" + script, Ct);
            Assert.True(js.StatusCode == HttpStatusCode.OK && (await js.Content.ReadAsByteArrayAsync(Ct)).Length > 10_000, $"{script}: {js.StatusCode}");
            Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
            Assert.Contains("サブミッションポート", await client.GetStringAsync("/qa", Ct));
            Assert.True(File.Exists(Path.Combine(elsewhere.Path, "line-test-cert.pem")), "the self-signed certificate is kept beside the database");
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync(CancellationToken.None);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    private static async Task<string> ListeningAddressAsync(Process app)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var seen = new System.Text.StringBuilder();
        while (await app.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            var match = Listening().Match(line);
            if (match.Success) return match.Groups[1].Value;
        }
        throw new InvalidOperationException("The published app did not start:\n" + seen + await app.StandardError.ReadToEndAsync(Ct));
    }
}
