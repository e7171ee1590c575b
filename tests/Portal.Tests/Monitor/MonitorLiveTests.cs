using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Monitor;
using Portal.Tests.Support;
using Portal.Tests.Tester;

namespace Portal.Tests.Monitor;

/// <summary>The real schedule against loopback SMTP peers, on a fake clock that the test steps.</summary>
public sealed class MonitorLiveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Monitored : IAsyncDisposable
    {
        public required PortalFactory Factory { get; init; }
        public required FakeTimeProvider Clock { get; init; }
        public required int Port { get; init; }
        public RelayMonitor Monitor => Factory.Services.GetRequiredService<RelayMonitor>();
        public HttpClient Client { get; private set; } = default!;

        public static Monitored Start(int port)
        {
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var factory = new PortalFactory(settings: new Dictionary<string, string?>
            {
                ["Monitor:IntervalSeconds"] = "30",
                ["Monitor:Targets:0:Name"] = "送信サーバー",
                ["Monitor:Targets:0:Host"] = "127.0.0.1",
                ["Monitor:Targets:0:Ports:0"] = port.ToString(),
                ["Tester:GreetingTimeout"] = "00:00:03",
                ["Tester:TestTimeout"] = "00:00:08",
            }, services: s => s.AddSingleton<TimeProvider>(clock));
            var m = new Monitored { Factory = factory, Clock = clock, Port = port };
            m.Client = factory.CreatePlainClient();
            return m;
        }

        /// <summary>
        /// Steps the fake clock until the schedule has finished round <paramref name="round"/>; never while a round runs,
        /// so the next round stays a whole interval away.
        /// </summary>
        public async Task RoundAsync(long round) => await StepUntilRoundAsync(Monitor, Clock, round);

        public async Task<JsonElement> StatusAsync()
        {
            var json = await Client.GetStringAsync("/api/status", Ct);
            return JsonDocument.Parse(json).RootElement.Clone();
        }

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }

    private static async Task StepUntilRoundAsync(RelayMonitor monitor, FakeTimeProvider clock, long round)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (monitor.Current.Round < round)
        {
            Assert.True(DateTime.UtcNow < until, $"round {round} did not run (at {monitor.Current.Round})");
            if (!monitor.Busy) clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(30, Ct);
        }
        Assert.Equal(round, monitor.Current.Round);   // never more than one round per due time
    }

    [Fact]
    public async Task A_Port_Is_Up_Goes_Down_After_Two_Failed_Checks_With_A_Notice_And_Recovers_When_The_Peer_Returns()
    {
        using var cert = TestCertificates.SelfSigned("relay.test");
        var port = LoopbackPeer.ClosedPort();
        var peer = new SmtpPeer(cert, implicitTls: false, port);
        await using var m = Monitored.Start(port);
        var notice = $"127.0.0.1 の{port}番ポートで障害が発生しています";

        // Before the first check the port is "unknown".
        var before = await m.StatusAsync();
        Assert.Equal("unknown", before.GetProperty("targets")[0].GetProperty("ports")[0].GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("checkedAt").ValueKind);

        // 1. Up.
        await m.RoundAsync(1);
        var up = (await m.StatusAsync()).GetProperty("targets")[0];
        Assert.Equal(("送信サーバー", "127.0.0.1"), (up.GetProperty("name").GetString(), up.GetProperty("host").GetString()));
        var p = up.GetProperty("ports")[0];
        Assert.Equal((port, "ok"), (p.GetProperty("port").GetInt32(), p.GetProperty("state").GetString()));
        Assert.Equal(100, p.GetProperty("uptime").GetProperty("24h").GetDouble());
        Assert.True(p.GetProperty("elapsedMs").GetInt64() >= 0);
        Assert.InRange(p.GetProperty("certificateDaysLeft").GetInt32(), 28, 30);
        Assert.DoesNotContain(notice, await m.Client.GetStringAsync("/", Ct));

        // 2. The peer stops: one failure is not yet "down"; the second is, and the notice appears.
        await peer.DisposeAsync();
        await m.RoundAsync(2);
        Assert.Equal("ok", (await m.StatusAsync()).GetProperty("targets")[0].GetProperty("ports")[0].GetProperty("state").GetString());
        Assert.DoesNotContain(notice, await m.Client.GetStringAsync("/tester", Ct));
        await m.RoundAsync(3);
        var down = await m.StatusAsync();
        var dp = down.GetProperty("targets")[0].GetProperty("ports")[0];
        Assert.Equal("down", dp.GetProperty("state").GetString());
        Assert.Equal(33.333, dp.GetProperty("uptime").GetProperty("24h").GetDouble(), 3);   // 1 success in 3 checks
        var n = Assert.Single(down.GetProperty("notices").EnumerateArray());
        Assert.Equal(("outage", port), (n.GetProperty("kind").GetString(), n.GetProperty("port").GetInt32()));
        Assert.Equal(dp.GetProperty("since").GetDateTimeOffset(), n.GetProperty("from").GetDateTimeOffset());
        var tester = await m.Client.GetStringAsync("/tester", Ct);
        Assert.Contains(notice, tester);
        Assert.Contains("href=\"/status\"", tester);
        Assert.Contains(notice, await m.Client.GetStringAsync("/", Ct));                // the cached home page changed with it
        Assert.Contains(notice, await m.Client.GetStringAsync("/line-test", Ct));
        Assert.Contains($"Port {port} of 127.0.0.1 has been failing", await m.Client.GetStringAsync("/en/tester", Ct));
        var status = await m.Client.GetStringAsync("/status", Ct);
        Assert.Contains("応答しなくなりました", status);                                   // the event log
        Assert.Contains("class=\"badge down\"", status);

        // 3. The peer is back on the same port: the first success ends it and the notice goes.
        await using var again = new SmtpPeer(cert, implicitTls: false, port);
        await m.RoundAsync(4);
        var back = await m.StatusAsync();
        Assert.Equal("ok", back.GetProperty("targets")[0].GetProperty("ports")[0].GetProperty("state").GetString());
        Assert.Empty(back.GetProperty("notices").EnumerateArray());
        Assert.DoesNotContain(notice, await m.Client.GetStringAsync("/tester", Ct));
        Assert.DoesNotContain(notice, await m.Client.GetStringAsync("/", Ct));
        Assert.Contains("応答が戻りました", await m.Client.GetStringAsync("/status", Ct));
    }

    [Fact]
    public async Task A_Changed_Greeting_Is_Logged_With_Its_Time_And_A_Certificate_Near_Its_End_Is_Warned_About()
    {
        using var cert = TestCertificates.SelfSigned("relay.test", notAfter: DateTimeOffset.UtcNow.AddDays(10).AddHours(2));
        var port = LoopbackPeer.ClosedPort();
        var first = new SmtpPeer(cert, implicitTls: false, port, serverName: "relay-a.test");
        await using var m = Monitored.Start(port);
        await m.RoundAsync(1);
        await first.DisposeAsync();
        await using var second = new SmtpPeer(cert, implicitTls: false, port, serverName: "relay-b.test");
        await m.RoundAsync(2);

        var events = await m.Factory.Services.GetRequiredService<MonitorStore>().EventsAsync([m.Monitor.Current.Targets[0].Ports[0].Id], 10, Ct);
        var e = Assert.Single(events);
        Assert.Equal("greeting", e.Kind);
        Assert.Contains("relay-a.test", e.Before);
        Assert.Contains("relay-b.test", e.After);
        Assert.Equal(m.Monitor.Current.CheckedAt, e.At);

        var page = await m.Client.GetStringAsync("/status", Ct);
        Assert.Contains("グリーティングが変わりました", page);
        Assert.Contains("relay-b.test", page);
        Assert.Contains("TLS証明書の期限まで残り10日です。更新が必要です。", page);
        Assert.Contains("The TLS certificate expires in 10 days", await m.Client.GetStringAsync("/en/status", Ct));
    }

    [Fact]
    public async Task The_Status_Page_Is_Cached_Until_The_Next_Round_And_Then_Shows_It()
    {
        var store = new CountingCacheStore();
        using var cert = TestCertificates.SelfSigned("relay.test");
        var port = LoopbackPeer.ClosedPort();
        await using var peer = new SmtpPeer(cert, implicitTls: false, port);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new PortalFactory(settings: new Dictionary<string, string?>
        {
            ["Monitor:IntervalSeconds"] = "30", ["Monitor:Targets:0:Name"] = "relay", ["Monitor:Targets:0:Host"] = "127.0.0.1",
            ["Monitor:Targets:0:Ports:0"] = port.ToString(),
        }, services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>(store);
        });
        var client = factory.CreatePlainClient();
        var monitor = factory.Services.GetRequiredService<RelayMonitor>();

        var first = await client.GetAsync("/status", Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.Contains("まだ確認していません", await first.Content.ReadAsStringAsync(Ct));
        var writes = store.Writes;
        await client.GetStringAsync("/status", Ct);
        Assert.Equal(writes, store.Writes);                  // served from the cache

        await StepUntilRoundAsync(monitor, clock, 1);
        var after = await client.GetStringAsync("/status", Ct);
        Assert.Contains("すべてのポートが正常に応答しています", after);
        Assert.Equal(writes + 1, store.Writes);
    }
}
