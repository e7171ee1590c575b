using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Monitor;

namespace Portal.BrowserTests;

/// <summary>
/// /status with 90 days of history behind it: Postfix on 127.0.0.1 (25, 587, 465) as the relay that answers, and a closed
/// port of 127.0.0.2 as one that is down. Screenshots at 1280 and 375 px, and axe at both.
/// </summary>
public sealed class StatusPageTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_Status_Page_Draws_Bars_Timeline_And_Events_Shows_The_Outage_And_Passes_Axe_At_Both_Widths()
    {
        var dbFile = Path.Combine(Path.GetTempPath(), $"portal-status-{Guid.NewGuid():N}.db");
        var closed = ClosedPort();
        await FillHistoryAsync(new Db($"Data Source={dbFile}"), closed);
        await using var factory = new StatusFactory(dbFile, closed);
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var monitor = factory.Services.GetRequiredService<RelayMonitor>();
        for (var i = 0; monitor.Current.Round < 1; i++)
        {
            Assert.True(i < 400, "the first round of checks did not finish");
            await Task.Delay(100, Ct);
        }

        var problems = new List<string>();
        foreach (var width in new[] { 1280, 375 })
        {
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = width, Height = 900 }, Locale = "ja-JP", BypassCSP = true,
            });
            var page = await context.NewPageAsync();
            foreach (var (path, lang) in new[] { ("/status", "ja"), ("/en/status", "en") })
            {
                await page.GotoAsync(path);
                Assert.Equal(4, await page.Locator("section.port-status").CountAsync());
                Assert.Equal(1, await page.Locator("section.port-status.down").CountAsync());
                Assert.Equal(4, await page.Locator(".day-bars svg[role=img]").CountAsync());
                Assert.Equal(360, await page.Locator(".day-bars svg rect").CountAsync());
                Assert.True(await page.Locator(".day-bars svg rect.fill-down").CountAsync() >= 3);
                Assert.True(await page.Locator(".day-bars svg rect.fill-warn").CountAsync() >= 3);
                Assert.Equal(360, await page.Locator(".day-table tbody tr").CountAsync());
                var label = await page.Locator(".day-bars svg[role=img]").First.GetAttributeAsync("aria-label");
                Assert.Contains(lang == "ja" ? "100%未満の日 2日" : "days below 100% 2", label);
                var text = await page.Locator("main").InnerTextAsync();
                Assert.Contains(lang == "ja" ? "TLS証明書が変わりました" : "Certificate changed", text);
                Assert.Contains(lang == "ja" ? "失敗" : "failing", text);         // the 24-hour list names the failed stretch
                // No slip of a Text pair, no raw placeholder.
                Assert.DoesNotContain("Text {", text);
                Assert.DoesNotContain("{0}", text);
                problems.AddRange(await PolicyTests.AxeAsync(page, null, $"status-{lang}-{width}"));
            }
            await page.GotoAsync("/");
            Assert.Contains($"127.0.0.2 の{closed}番ポートで障害が発生しています", await page.Locator(".service-notice").InnerTextAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, $"home-outage-{width}.png") });
            await context.CloseAsync();
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // The Nu Html Checker on the status page with this history behind it, in both languages.
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var pages = new Dictionary<string, string> { ["/status"] = await http.GetStringAsync("/status", Ct), ["/en/status"] = await http.GetStringAsync("/en/status", Ct) };
        var (errors, warnings) = await HtmlChecker.CheckAsync(pages, Ct);
        foreach (var w in warnings) TestContext.Current.TestOutputHelper?.WriteLine(w.ToString());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static int ClosedPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>
    /// 90 days of checks every 10 minutes through the monitor's own rules: two bad days, a short failure three hours
    /// ago, a certificate renewed 20 days ago, and the closed port failing for the last 50 minutes.
    /// </summary>
    private static async Task FillHistoryAsync(Db db, int closed)
    {
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken: Ct);
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var store = new MonitorStore(db, TimeProvider.System);
        var series = (await store.SeriesAsync([("127.0.0.1", 25), ("127.0.0.1", 587), ("127.0.0.1", 465), ("127.0.0.2", closed)], Ct)).ToArray();
        var random = new Random(7);
        var step = TimeSpan.FromMinutes(10);
        var start = now.AddDays(-90);
        // The two bad days are whole Japan days (the bars' buckets), 40 and 12 days back: a failure placed by the hour of
        // the generating window would straddle two Japan days when the test runs between 02:00 and 04:00 UTC.
        var jst = TimeSpan.FromHours(9);
        var badDay1 = new DateTimeOffset(now.ToOffset(jst).Date.AddDays(-40), jst);
        var badDay2 = new DateTimeOffset(now.ToOffset(jst).Date.AddDays(-12), jst);
        for (var day = 0; day < 90; day++)
        {
            var records = new List<CheckRecord>();
            for (var at = start.AddDays(day); at < start.AddDays(day + 1) && at < now.AddMinutes(-1); at += step)
            {
                for (var i = 0; i < series.Length; i++)
                {
                    var age = now - at;
                    var failing = (at >= badDay1.AddHours(11) && at < badDay1.AddHours(13)) || (at >= badDay2.AddHours(14) && at < badDay2.AddHours(14.5))
                        || (age < TimeSpan.FromHours(3) && age > TimeSpan.FromHours(2.6) && series[i].Port == 587)
                        || (i == 3 && age < TimeSpan.FromMinutes(50));
                    var cert = age > TimeSpan.FromDays(20) ? "CN=relay.saiin.example.jp; CN=R10; " + now.AddDays(40).ToString("yyyy-MM-dd")
                        : "CN=relay.saiin.example.jp; CN=R11; " + now.AddDays(80).ToString("yyyy-MM-dd");
                    var o = failing
                        ? new Observation(i == 3 ? "refused" : "timeout", i == 3 ? 2 : 5000, i == 3 ? "connection refused" : "no TCP connection (TimedOut)", null, null, null, null, null)
                        : new Observation("ok", random.Next(30, 180), null, "220 relay.saiin.example.jp ESMTP", i == 0 ? "" : "LOGIN PLAIN",
                            "TLS 1.3", cert, age > TimeSpan.FromDays(20) ? now.AddDays(40) : now.AddDays(80));
                    var (next, events) = series[i].After(o, at);
                    records.Add(new CheckRecord(next, o, events));
                    series[i] = next;
                }
            }
            await store.RecordAsync(records, Ct);
        }
    }

    private sealed class StatusFactory(string dbFile, int closed) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Portal", $"Data Source={dbFile}");
            builder.UseSetting("LineTest:Listeners", "");
            builder.UseSetting("Monitor:IntervalSeconds", "30");
            builder.UseSetting("Monitor:Targets:0:Name", "送信サーバー");
            builder.UseSetting("Monitor:Targets:0:Host", "127.0.0.1");
            builder.UseSetting("Monitor:Targets:1:Name", "予備サーバー");
            builder.UseSetting("Monitor:Targets:1:Host", "127.0.0.2");
            builder.UseSetting("Monitor:Targets:1:Ports:0", closed.ToString());
        }
    }
}
