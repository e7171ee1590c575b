using System.Net;
using System.Net.Sockets;
using System.Text;
using Dapper;
using Portal.Tests.Support;

namespace Portal.BrowserTests;

/// <summary>
/// Two published portals with the relay monitor on, behind nginx: one checks, once per interval; the one checking is
/// killed with SIGKILL, and nginx goes on serving through the other, which takes the checks over.
/// </summary>
public sealed class PublishedFailoverTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A relay stand-in that counts the connections it gets (each one a monitor check of its port).</summary>
    private sealed class CountingRelay : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private int _connections;

        public CountingRelay()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public int Connections => Volatile.Read(ref _connections);

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(); }
                catch (Exception e) when (e is ObjectDisposedException or SocketException) { return; }
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }

        private static async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    using var reader = new StreamReader(stream, Encoding.ASCII);
                    async Task Say(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
                    await Say("220 relay.test ESMTP");
                    while (await reader.ReadLineAsync() is { } line)
                    {
                        var verb = line.Split(' ')[0].ToUpperInvariant();
                        if (verb == "QUIT") { await Say("221 bye"); return; }
                        await Say(verb is "EHLO" or "HELO" ? "250 relay.test" : "502 not here");
                    }
                }
                catch (IOException) { }
            }
        }

        public void Dispose() => _listener.Stop();
    }

    /// <summary>The portal (by its connection's application name) that holds the monitor's advisory lock.</summary>
    private static async Task<string?> MonitorHolderAsync(PostgresDatabase database)
    {
        await using var c = await database.Db.OpenAsync(Ct);
        return await c.ExecuteScalarAsync<string?>("""
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = @key AND l.objsubid = 1
            """, new { key = Portal.Monitor.MonitorLease.Key });
    }

    [Fact]
    public async Task One_Portal_Checks_Once_Per_Interval_And_After_It_Is_Killed_Nginx_Serves_Through_The_Other_Which_Takes_The_Checks_Over()
    {
        using var relay = new CountingRelay();
        await using var database = await PostgresDatabase.CreateAsync();
        var monitor = new Dictionary<string, string>
        {
            ["Monitor:IntervalSeconds"] = "30",
            ["Monitor:Targets:0:Name"] = "relay",
            ["Monitor:Targets:0:Host"] = "127.0.0.1",
            ["Monitor:Targets:0:Ports:0"] = relay.Port.ToString(),
        };
        var portals = await Task.WhenAll(new[] { "a", "b" }.Select(name =>
            PublishedPortal.StartAsync(name, TwoPublishedPortals.Settings(database, name, monitor))));
        try
        {
            await using var nginx = await NginxProcess.ConfigureAsync(Path.Combine(BrowserFixture.RepoRoot(), "deploy", "nginx"),
                [portals[0].Address.Port, portals[1].Address.Port]);
            await nginx.StartAsync();

            // The first round comes soon after the start; the next one 30-33 s after it, and the third not before 60 s.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (relay.Connections == 0)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "no monitor round within 30 s of the start");
                await Task.Delay(50, Ct);
            }
            var first = System.Diagnostics.Stopwatch.StartNew();

            // Which portal nginx gives each visitor address: a wrong sign-in is logged, with the address, by the
            // portal that served it.
            for (var i = 1; i <= 16; i++)
            {
                using var visitor = FormPosts.BoundTo($"127.0.0.{i}", nginx.Address);
                Assert.Equal(HttpStatusCode.Unauthorized, (await FormPosts.SignInAsync(visitor, "nobody", "wrong", Ct)).StatusCode);
            }
            string[] ServedBy(PublishedPortal p) => Enumerable.Range(1, 16).Select(i => $"127.0.0.{i}")
                .Where(a => p.Output.Any(l => l.EndsWith($"Staff sign-in failed: wrong name or password for nobody from {a}", StringComparison.Ordinal))).ToArray();
            // The console logger writes from a queue: give the last lines a moment to come through.
            await PublishedPortal.EventuallyAsync(() => ServedBy(portals[0]).Length + ServedBy(portals[1]).Length >= 16, "every wrong sign-in in a portal's log");
            var servedByA = ServedBy(portals[0]);
            var servedByB = ServedBy(portals[1]);
            Assert.Equal(16, servedByA.Length + servedByB.Length);
            Assert.True(servedByA.Length > 0 && servedByB.Length > 0, $"nginx sent every visitor to one portal: a {servedByA.Length}, b {servedByB.Length}");
            Assert.Empty(servedByA.Intersect(servedByB));

            await Task.Delay(TimeSpan.FromSeconds(42) - first.Elapsed, Ct);
            Assert.Equal(2, relay.Connections);   // both portals checking would make 4
            var holder = await MonitorHolderAsync(database);
            Assert.Contains(holder, new[] { "portal-a", "portal-b" });
            var (gone, survivor) = holder == "portal-a" ? (portals[0], portals[1]) : (portals[1], portals[0]);

            // SIGKILL: no shutdown, no goodbye to nginx or PostgreSQL.
            await gone.KillAsync();
            var killed = System.Diagnostics.Stopwatch.StartNew();

            // Every visitor is served, those nginx gave to the killed portal by the other.
            for (var i = 1; i <= 16; i++)
            {
                using var visitor = FormPosts.BoundTo($"127.0.0.{i}", nginx.Address);
                foreach (var path in new[] { "/qa", "/explanation", "/tester", "/en/qa" })
                    Assert.True((await visitor.GetAsync(path, Ct)).StatusCode == HttpStatusCode.OK, $"{path} from 127.0.0.{i}");
                var test = await visitor.GetStringAsync("/api/tester?host=127.0.0.1&ports=587", Ct);
                Assert.Contains("\"outcome\":\"ok\"", test);
            }
            Assert.Contains("\"name\":\"relay\"", await FormPosts.BoundTo("127.0.0.1", nginx.Address).GetStringAsync("/api/status", Ct));
            var movedOver = ServedBy(gone).ToList();
            foreach (var address in movedOver)
            {
                using var visitor = FormPosts.BoundTo(address, nginx.Address);
                Assert.Equal(HttpStatusCode.Unauthorized, (await FormPosts.SignInAsync(visitor, "nobody", "wrong", Ct)).StatusCode);
            }
            await PublishedPortal.EventuallyAsync(() => movedOver.All(a => survivor.Output.Any(l => l.EndsWith($"for nobody from {a}", StringComparison.Ordinal))),
                "the killed portal's visitors in the other's log");

            // The other takes the checks over within one interval (and its jitter) of the kill.
            while (relay.Connections < 3)
            {
                Assert.True(killed.Elapsed < TimeSpan.FromSeconds(36), $"no check within one interval of the kill ({killed.Elapsed.TotalSeconds:0} s)");
                await Task.Delay(100, Ct);
            }
            Assert.Equal($"portal-{survivor.Name}", await MonitorHolderAsync(database));
            await Task.Delay(TimeSpan.FromSeconds(3), Ct);
            Assert.Equal(3, relay.Connections);
            Assert.False(survivor.HasExited);
        }
        finally
        {
            foreach (var p in portals) await p.DisposeAsync();
        }
    }

    [Fact]
    public async Task Open_Tester_And_Line_Test_Pages_Whose_Portal_Is_Killed_Reload_On_The_Other_And_Go_On()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var linePorts = new Dictionary<string, int> { ["a"] = Processes.FreeLoopbackPort(), ["b"] = Processes.FreeLoopbackPort() };
        var portals = await Task.WhenAll(new[] { "a", "b" }.Select(name => PublishedPortal.StartAsync(name, TwoPublishedPortals.Settings(database, name, TwoPublishedPortals.LineListener(linePorts[name])))));
        try
        {
            await using var nginx = await NginxProcess.ConfigureAsync(Path.Combine(BrowserFixture.RepoRoot(), "deploy", "nginx"),
                [portals[0].Address.Port, portals[1].Address.Port]);
            await nginx.StartAsync();
            var context = await browser.Browser.NewContextAsync(new Microsoft.Playwright.BrowserNewContextOptions { BaseURL = nginx.Address.ToString(), Locale = "ja-JP" });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/tester");
            await page.Locator("form[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });
            var line = await context.NewPageAsync();
            await line.GotoAsync("/line-test");
            await line.Locator("#line-command").WaitForAsync(new() { Timeout = 15_000 });
            var code = await line.Locator("article.line-test").GetAttributeAsync("data-code");
            Assert.EndsWith($"/line-test/{code}", line.Url);

            // The browser comes from 127.0.0.1: the portal that logs this address's wrong sign-in holds its circuit.
            using (var visitor = FormPosts.BoundTo("127.0.0.1", nginx.Address))
                Assert.Equal(HttpStatusCode.Unauthorized, (await FormPosts.SignInAsync(visitor, "nobody", "wrong", Ct)).StatusCode);
            static bool Served(PublishedPortal p) => p.Output.Any(l => l.EndsWith("for nobody from 127.0.0.1", StringComparison.Ordinal));
            await PublishedPortal.EventuallyAsync(() => portals.Any(Served), "the wrong sign-in in a portal's log");
            var holder = portals.Single(Served);
            var other = portals.Single(p => p != holder);
            await holder.KillAsync();

            // Blazor finds its circuit gone (the other portal does not know it) and loads the page again, there.
            await page.WaitForFunctionAsync("() => document.querySelector('form[data-ready=true]') !== null && performance.getEntriesByType('navigation')[0].type === 'reload'",
                null, new() { Timeout = 60_000 });
            await page.Locator("#tester-host").FillAsync("127.0.0.1");
            await page.Locator("input[name=ports][value='25']").UncheckAsync();
            await page.Locator("input[name=ports][value='465']").UncheckAsync();
            await page.Locator("#tester-host").PressAsync("Enter");
            await page.Locator("li.port-row[data-port='587'][data-outcome=ok]").WaitForAsync(new() { Timeout = 30_000 });

            // The line-test page reloads with its code (kept in the database), and the customer's line reaches the
            // other portal's listener: the row arrives on the page, live.
            await line.WaitForFunctionAsync("() => performance.getEntriesByType('navigation')[0].type === 'reload' && document.querySelector('#line-command') !== null",
                null, new() { Timeout = 60_000 });
            Assert.Equal(code, await line.Locator("article.line-test").GetAttributeAsync("data-code"));
            await line.Locator("li.port-row[data-port='25'][data-state=waiting]").WaitForAsync();
            using (var tcp = new TcpClient())
            {
                await tcp.ConnectAsync(IPAddress.Loopback, linePorts[other.Name], Ct);
                using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
                Assert.StartsWith("220", await reader.ReadLineAsync(Ct));
                await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"EHLO {code!.ToLowerInvariant()}\r\n"), Ct);
                Assert.StartsWith("250", await reader.ReadLineAsync(Ct));
            }
            await line.Locator("li.port-row[data-port='25'][data-state=arrived]").WaitForAsync(new() { Timeout = 5_000 });
            Assert.False(other.HasExited);
            await context.CloseAsync();
        }
        finally
        {
            foreach (var p in portals) await p.DisposeAsync();
        }
    }
}
