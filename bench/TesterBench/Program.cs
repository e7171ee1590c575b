// Tester benchmarks (loopback only):
//  1. three peers that greet after 500 ms: a full test against the slowest single port (target <= 1.15x);
//  2. 200 concurrent tests against silent peers: all end within the whole-test limit + 1 s, memory growth < 100 MB;
//  3. a full test against the local Postfix compared with swaks --quit-after EHLO to each port in turn.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Tester;

var rounds = args.Length > 0 ? int.Parse(args[0]) : 10;

// --- 1. Concurrency: a test lasts as long as its slowest port.
var peers = Enumerable.Range(0, 3).Select(_ => Peer.Start(async (s, ct) =>
{
    await Task.Delay(500, ct);
    await Peer.Dialogue(s, ct);
})).ToList();
var slowOptions = Options(peers.Select(p => p.Port));
var singles = new List<double>();
var fulls = new List<double>();
for (var i = 0; i < rounds; i++)
{
    var slowest = 0.0;
    foreach (var p in peers) slowest = Math.Max(slowest, await TimeTest(slowOptions, p.Port.ToString()));
    singles.Add(slowest);
    fulls.Add(await TimeTest(slowOptions, string.Join(",", peers.Select(p => p.Port))));
}
Console.WriteLine($"1. delayed peers: slowest single port median {Median(singles):F0} ms, full 3-port test median {Median(fulls):F0} ms, ratio {Median(fulls) / Median(singles):F2} (target <= 1.15)");

// --- 2. Load: 200 concurrent tests against silent peers with the default limits.
var silent = Enumerable.Range(0, 3).Select(_ => Peer.Start(async (_, ct) => await Task.Delay(Timeout.Infinite, ct))).ToList();
foreach (var cap in new[] { 1000, 32 })
{
    var loadOptions = Options(silent.Select(p => p.Port));
    loadOptions.MaxConcurrentProbes = cap;
    var capacity = new ProbeCapacity(loadOptions);
    var tester = Tester(loadOptions);
    GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
    var before = Process.GetCurrentProcess().WorkingSet64;
    var peak = before;
    using var sampler = new Timer(_ => peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64), null, 0, 100);
    var ports = string.Join(",", silent.Select(p => p.Port));
    var started = Stopwatch.GetTimestamp();
    var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
    {
        var t0 = Stopwatch.GetTimestamp();
        var (target, _) = TestTargetParser.Parse("127.0.0.1", ports, loadOptions);
        using var lease = capacity.TryTake(target!.Ports.Count);
        if (lease is null) return (Ms: Stopwatch.GetElapsedTime(t0).TotalMilliseconds, Ran: false, Outcomes: Array.Empty<ProbeOutcome?>());
        var (test, _) = await tester.PrepareAsync(target, CancellationToken.None);
        var report = await tester.RunAsync(test!, null, CancellationToken.None);
        return (Ms: Stopwatch.GetElapsedTime(t0).TotalMilliseconds, Ran: true, Outcomes: report.Results.Select(r => r.Outcome).ToArray());
    })));
    var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    var ran = results.Where(r => r.Ran).ToList();
    var outcomes = ran.SelectMany(r => r.Outcomes).GroupBy(o => o).Select(g => $"{g.Key}={g.Count()}");
    Console.WriteLine($"2. 200 concurrent tests, probe cap {cap}: {ran.Count} ran, {results.Length - ran.Count} refused as busy; " +
                      $"longest {results.Max(r => r.Ms):F0} ms (limit {loadOptions.TestTimeout.TotalMilliseconds + 1000:F0}), wall {wall:F0} ms; " +
                      $"working set {before / 1048576} MB -> peak {peak / 1048576} MB (growth {(peak - before) / 1048576} MB); outcomes {string.Join(" ", outcomes)}");
}

// --- 3. Real Postfix on 127.0.0.1, against swaks.
var postfix = Options([]);
var portal = new List<double>();
for (var i = 0; i < rounds; i++) portal.Add(await TimeTest(postfix, "25,587,465"));
var swaks = new List<double>();
for (var i = 0; i < rounds; i++)
{
    var t0 = Stopwatch.GetTimestamp();
    await Swaks("--server 127.0.0.1:25 --quit-after EHLO");
    await Swaks("--server 127.0.0.1:587 --tls --quit-after EHLO");
    await Swaks("--server 127.0.0.1:465 --tlsc --quit-after EHLO");
    swaks.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
}
Console.WriteLine($"3. Postfix 25+587+465: portal full test median {Median(portal):F0} ms; swaks --quit-after EHLO to each port in turn median {Median(swaks):F0} ms");

foreach (var p in peers.Concat(silent)) p.Dispose();
return;

static TesterOptions Options(IEnumerable<int> extraPorts) => new()
{
    AllowedPrivateNetworks = ["127.0.0.0/8", "::1/128"],
    AllowedPorts = [25, 465, 587, .. extraPorts],
    TestsPerMinutePerClient = 10_000,
};

static PortTester Tester(TesterOptions o) =>
    new(o, new DnsHostResolver(), new SmtpProbe(o, NullLogger<SmtpProbe>.Instance), TimeProvider.System, NullLogger<PortTester>.Instance);

static async Task<double> TimeTest(TesterOptions o, string ports)
{
    var tester = Tester(o);
    var t0 = Stopwatch.GetTimestamp();
    var (target, _) = TestTargetParser.Parse("127.0.0.1", ports, o);
    var (test, _) = await tester.PrepareAsync(target!, CancellationToken.None);
    var report = await tester.RunAsync(test!, null, CancellationToken.None);
    if (report.Results.Any(r => r.Outcome != ProbeOutcome.Ok))
        throw new InvalidOperationException("a probe failed: " + string.Join(", ", report.Results.Select(r => $"{r.Port}={r.Outcome} {r.Detail}")));
    return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
}

static async Task Swaks(string arguments)
{
    using var p = Process.Start(new ProcessStartInfo("swaks", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    await p.StandardOutput.ReadToEndAsync();
    await p.WaitForExitAsync();
}

static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

sealed class Peer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static Peer Start(Func<Socket, CancellationToken, Task> script)
    {
        var peer = new Peer();
        peer._listener.Start(1024);
        _ = Task.Run(async () =>
        {
            while (!peer._stop.IsCancellationRequested)
            {
                var s = await peer._listener.AcceptSocketAsync(peer._stop.Token);
                _ = Task.Run(async () => { try { await script(s, peer._stop.Token); } catch { } finally { s.Dispose(); } });
            }
        });
        return peer;
    }

    /// <summary>A minimal ESMTP server without STARTTLS: greeting, EHLO, QUIT.</summary>
    public static async Task Dialogue(Socket s, CancellationToken ct)
    {
        await s.SendAsync("220 bench.test ESMTP\r\n"u8.ToArray(), ct);
        var buffer = new byte[1024];
        while (true)
        {
            var n = await s.ReceiveAsync(buffer, ct);
            if (n == 0) return;
            var line = Encoding.ASCII.GetString(buffer, 0, n).ToUpperInvariant();
            if (line.StartsWith("EHLO")) await s.SendAsync("250-bench.test\r\n250 AUTH PLAIN\r\n"u8.ToArray(), ct);
            else if (line.StartsWith("QUIT")) { await s.SendAsync("221 bye\r\n"u8.ToArray(), ct); return; }
            else await s.SendAsync("502 no\r\n"u8.ToArray(), ct);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
