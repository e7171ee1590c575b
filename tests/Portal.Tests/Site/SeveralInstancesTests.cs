using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Monitor;
using Portal.LineTest;
using Portal.Providers;
using Portal.Tests.LineTest;
using Portal.Tests.Tester;
using Portal.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>Two portals on one PostgreSQL database share what a visitor must not notice moving between them.</summary>
public sealed class SeveralInstancesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Password = "correct horse battery";

    private static Dictionary<string, string?> On(PostgresDatabase pg) => new()
    {
        ["Database:Provider"] = "postgres",
        ["ConnectionStrings:Portal"] = pg.ConnectionString,
    };

    [Fact]
    public async Task Two_Portals_Starting_At_The_Same_Moment_Migrate_And_Seed_The_Database_Once()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using var a = new PortalFactory(settings: On(pg));
        await using var b = new PortalFactory(settings: On(pg));
        await Task.WhenAll(Task.Run(() => a.CreateClient(), Ct), Task.Run(() => b.CreateClient(), Ct));

        var applied = a.Logs.Entries.Concat(b.Logs.Entries).Select(e => e.Message).Where(m => m.StartsWith("Applied migration", StringComparison.Ordinal));
        Assert.Equal(Portal.Data.Migrator.PostgresScripts.Select(s => $"Applied migration {s.Name}").Order(), applied.Order());
        Assert.Single(a.Logs.Entries.Concat(b.Logs.Entries), e => e.Message.StartsWith("Filled the provider registry", StringComparison.Ordinal));
        await using var c = await pg.Db.OpenAsync(Ct);
        Assert.Equal(ProviderSeed.Load().Count, await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT count(*) FROM providers"));
    }

    [Fact]
    public async Task A_Staff_Cookie_Issued_By_One_Portal_Is_Valid_On_Another_On_The_Same_Database()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using var a = new PortalFactory(settings: On(pg));
        await using var b = new PortalFactory(settings: On(pg));
        await a.Services.GetRequiredService<StaffStore>().AddAsync("sato", "editor", Password, Ct);
        var toA = a.CreatePlainClient();
        var toB = b.CreatePlainClient();
        Assert.Equal(HttpStatusCode.OK, (await toB.GetAsync("/healthz/ready", Ct)).StatusCode);   // B has made its own start

        // Sign in on A, by the form, as a browser would.
        var signedIn = await FormPosts.SignInAsync(toA, "sato", Password, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = FormPosts.Cookies(signedIn);
        Assert.NotEmpty(cookie);

        // The cookie A issued opens the staff area on B.
        var onB = new HttpRequestMessage(HttpMethod.Get, "/staff");
        onB.Headers.Add("Cookie", cookie);
        var page = await toB.SendAsync(onB, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("sato", await page.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await toB.GetAsync("/staff", Ct)).StatusCode);   // and without it, B sends to the login

        // One key ring, in the database.
        await using var c = await pg.Db.OpenAsync(Ct);
        Assert.True(await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT count(*) FROM data_protection_keys") >= 1);
    }

    [Fact]
    public async Task Two_Portals_Check_Each_Target_Once_Per_Interval_And_The_Other_Takes_Over_When_The_First_Is_Gone()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        using var cert = TestCertificates.SelfSigned("relay.test");
        await using var peer = new SmtpPeer(cert, implicitTls: false);
        await Task.Delay(200, Ct);
        var baseline = peer.Sessions;   // the peer's own start-up connect, if it counts
        var settings = On(pg);
        settings["Monitor:IntervalSeconds"] = "30";
        settings["Monitor:Targets:0:Name"] = "relay";
        settings["Monitor:Targets:0:Host"] = "127.0.0.1";
        settings["Monitor:Targets:0:Ports:0"] = peer.Port.ToString();
        var start = DateTimeOffset.UtcNow;
        var clocks = new[] { new FakeTimeProvider(start), new FakeTimeProvider(start) };
        var portals = clocks.Select(c => new PortalFactory(settings: settings, services: s => s.AddSingleton<TimeProvider>(c))).ToArray();
        try
        {
            foreach (var p in portals) p.CreateClient();
            var monitors = portals.Select(p => p.Services.GetRequiredService<RelayMonitor>()).ToArray();
            var leases = portals.Select(p => p.Services.GetRequiredService<MonitorLease>()).ToArray();

            // Both clocks move together, 5 s at a time, never while a round runs: four intervals and a little.
            async Task StepAsync(IEnumerable<int> which, TimeSpan total)
            {
                for (var t = TimeSpan.Zero; t < total; t += TimeSpan.FromSeconds(5))
                {
                    while (which.Any(i => monitors[i].Busy)) await Task.Delay(20, Ct);
                    foreach (var i in which) clocks[i].Advance(TimeSpan.FromSeconds(5));
                    await Task.Delay(60, Ct);
                }
                while (which.Any(i => monitors[i].Busy)) await Task.Delay(20, Ct);
            }
            await StepAsync([0, 1], TimeSpan.FromSeconds(125));

            Assert.Single(leases, l => l.Held);                      // exactly one runs the checks
            var holder = Array.FindIndex(leases, l => l.Held);
            var other = 1 - holder;
            var checks = await CountChecksAsync(pg);
            Assert.InRange(checks, 4, 5);                             // one per interval...
            Assert.Equal(checks, peer.Sessions - baseline);                      // ...and no portal probed besides the holder
            // The other reads what the holder kept as soon as the holder signals its round.
            var seen = System.Diagnostics.Stopwatch.StartNew();
            while (monitors[other].Current.CheckedAt != monitors[holder].Current.CheckedAt)
            {
                Assert.True(seen.Elapsed < TimeSpan.FromSeconds(1), "the other portal did not read the holder's round within 1 s");
                await Task.Delay(20, Ct);
            }
            Assert.Equal(monitors[holder].Current.Targets[0].Ports[0], monitors[other].Current.Targets[0].Ports[0]);

            // The holder goes (its connection, and the lock, with it): the other takes over within one interval.
            await portals[holder].DisposeAsync();
            await StepAsync([other], TimeSpan.FromSeconds(35));
            Assert.True(leases[other].Held);
            Assert.True(await CountChecksAsync(pg) > checks);
            Assert.Equal(await CountChecksAsync(pg), peer.Sessions - baseline);
        }
        finally
        {
            foreach (var p in portals) await p.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_Maintenance_Note_Saved_On_One_Portal_Is_In_The_Others_Notices_Within_A_Second()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        var settings = On(pg);
        settings["Monitor:Targets:0:Name"] = "relay";
        settings["Monitor:Targets:0:Host"] = "127.0.0.1";
        settings["Monitor:Targets:0:Ports:0"] = LoopbackPeer.ClosedPort().ToString();
        settings["Monitor:IntervalSeconds"] = "86400";   // no round while the test runs, after the first
        await using var a = new PortalFactory(settings: settings);
        await using var b = new PortalFactory(settings: settings);
        a.CreateClient();
        var toB = b.CreatePlainClient();
        Assert.DoesNotContain("複数台で見えるお知らせ", await toB.GetStringAsync("/", Ct));   // B caches its home page

        var now = DateTimeOffset.UtcNow;
        await a.Services.GetRequiredService<MonitorStore>().AddMaintenanceAsync(
            new Portal.Site.Text("複数台で見えるお知らせ", "Seen on every portal"), now.AddMinutes(-1), now.AddHours(1), "sato", Ct);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await a.Services.GetRequiredService<RelayMonitor>().ReloadMaintenanceAsync(Ct);   // what the staff page does

        while (!(await toB.GetStringAsync("/", Ct)).Contains("複数台で見えるお知らせ"))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "B's home page did not show A's maintenance note within 1 s");
            await Task.Delay(25, Ct);
        }
        Assert.Contains("複数台で見えるお知らせ", await toB.GetStringAsync("/api/status", Ct));
    }

    [Fact]
    public async Task A_Staff_Edit_Through_One_Portal_Shows_On_The_Other_Within_A_Second_Search_Included()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using var a = new PortalFactory(settings: On(pg));
        await using var b = new PortalFactory(settings: On(pg));
        a.CreateClient();
        var toB = b.CreatePlainClient();
        var id = (await a.Services.GetRequiredService<ProviderStore>().ListAsync("OCN", cancellationToken: Ct)).Single().Id;
        Assert.DoesNotContain("複数台の確認用メモ", await toB.GetStringAsync($"/providers/{id}", Ct));   // B has read (and keeps) the registry
        await toB.GetStringAsync("/qa", Ct);

        var editing = a.Services.GetRequiredService<ProviderEditing>();
        var current = (await editing.GetAsync(id, Ct))!;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await editing.UpdateAsync(id, current.Version, current.Provider with { NotesJa = "複数台の確認用メモ" }, "sato", Ct);

        while (!(await toB.GetStringAsync($"/providers/{id}", Ct)).Contains("複数台の確認用メモ"))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "the edit did not reach the other portal within 1 s");
            await Task.Delay(25, Ct);
        }
        // The search index follows the same signal (a debounced rebuild).
        while (!(await toB.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("複数台の確認用メモ"), Ct)).Contains($"/providers/{id}"))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), "the other portal's search did not follow within 3 s");
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task A_Line_Test_Arrival_Accepted_By_One_Portal_Reaches_The_Others_Page_Within_Half_A_Second_And_Its_Api()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using var a = LinePortal.Create([("starttls", 25)], On(pg));
        await using var b = LinePortal.Create([("starttls", 25)], On(pg));
        a.Listeners();
        b.Listeners();
        var code = await b.NewCodeAsync();                     // the customer's page is open on B
        var arrived = new TaskCompletionSource();
        using var page = b.Services.GetRequiredService<ArrivalSignal>().Subscribe(code, () => arrived.TrySetResult());

        // The customer's line reaches A's listener.
        await using var c = await SmtpClientConnection.OpenAsync(a.Listener(25).Port);
        await c.ReadReplyAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.StartsWith("250", (await c.CommandAsync("EHLO " + code.ToLowerInvariant()))[0]);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(500), $"B's page heard of the arrival after {watch.ElapsedMilliseconds} ms");

        var json = await b.CreateClient().GetStringAsync($"/api/line-tests/{code}", Ct);
        Assert.Contains("\"publicPort\":25", json);
    }

    [Fact]
    public async Task A_Content_Reload_On_One_Portal_Is_Signalled_So_A_Portal_That_Does_Not_Watch_Follows_Within_A_Second()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        using var content = new TempFolder();
        foreach (var file in Directory.GetFiles(TestContent.ContentRoot, "*", SearchOption.AllDirectories))
            content.Write(Path.GetRelativePath(TestContent.ContentRoot, file), await File.ReadAllTextAsync(file, Ct));
        // One shared folder: A watches it, B only listens for A's signal.
        await using var a = new PortalFactory(content.Path, settings: On(pg));
        var onB = On(pg);
        onB["Content:Watch"] = "false";
        await using var b = new PortalFactory(content.Path, settings: onB);
        a.CreateClient();
        var toB = b.CreatePlainClient();
        Assert.DoesNotContain("共有フォルダの更新確認", await toB.GetStringAsync("/qa", Ct));   // B caches the page

        var qa = Path.Combine(content.Path, "ja", "qa", "01-is-587-ssl.md");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await File.WriteAllTextAsync(qa, (await File.ReadAllTextAsync(qa, Ct)).Replace("いいえ。", "いいえ。共有フォルダの更新確認。"), Ct);

        // A's watcher waits 150 ms for more writes before it reloads, and then signals.
        while (!(await toB.GetStringAsync("/qa", Ct)).Contains("共有フォルダの更新確認"))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "B did not reload the content within 1 s");
            await Task.Delay(25, Ct);
        }
        while (!(await toB.GetStringAsync("/api/search?q=" + Uri.EscapeDataString("共有フォルダの更新確認"), Ct)).Contains("is-587-ssl"))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), "B's search did not follow within 3 s");
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task Failed_Sign_Ins_From_One_Address_Count_On_Every_Portal_Of_The_Database()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using var a = new PortalFactory(settings: On(pg));
        await using var b = new PortalFactory(settings: On(pg));
        var throttles = new[] { a, b }.Select(p => p.Services.GetRequiredService<SignInThrottle>()).ToArray();

        // Both portals at once, 30 attempts from one address: exactly the limit gets through.
        var slots = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => throttles[i % 2].TryTakeAsync("203.0.113.9", Ct), Ct)));
        Assert.Equal(SignInThrottle.MaxFailures, slots.Count(s => s is not null));
        Assert.Null(await throttles[1].TryTakeAsync("203.0.113.9", Ct));
        Assert.NotNull(await throttles[1].TryTakeAsync("203.0.113.10", Ct));   // another address is not held back

        // A success on A gives its slot back, and B sees room again.
        await throttles[0].GiveBackAsync(slots.First(s => s is not null)!.Value, Ct);
        Assert.NotNull(await throttles[1].TryTakeAsync("203.0.113.9", Ct));
    }

    private static async Task<long> CountChecksAsync(PostgresDatabase pg)
    {
        await using var c = await pg.Db.OpenAsync(Ct);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT count(*) FROM monitor_checks");
    }
}
