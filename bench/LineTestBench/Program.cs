// Line-test benchmarks against the published portal started as its own process (see bench/line-test.sh):
//   idle   — 2,000 idle connections with the caps raised: the portal's RSS growth, and when each one is closed.
//   latency — 50 line tests open in Chromium at once: the time from EHLO sent to the row turning "arrived",
//             stamped inside the page by a MutationObserver on the same clock.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

var portalDll = args[0];
var mode = args.Length > 1 ? args[1] : "all";
var web = FreePort();
var data = Directory.CreateTempSubdirectory("line-bench-").FullName;
// PIN=1: the portal alone on core 1, this program and Chromium on core 0, so the browsers' load does not count as the portal's.
var pin = Environment.GetEnvironmentVariable("PIN") == "1";
var info = pin
    ? new ProcessStartInfo("taskset", ["-c", "1", "dotnet", portalDll, "--urls", $"http://127.0.0.1:{web}"])
    : new ProcessStartInfo("dotnet", [portalDll, "--urls", $"http://127.0.0.1:{web}"]);
info.RedirectStandardOutput = info.RedirectStandardError = true;
info.WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(portalDll))!;
info.Environment["ASPNETCORE_ENVIRONMENT"] = Environment.GetEnvironmentVariable("BENCH_ENV") ?? "Production";
info.Environment["Site__PublicUrl"] = "http://127.0.0.1";
info.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(data, "portal.db")}";
info.Environment["LineTest__Listeners__0__Port"] = "0";
info.Environment["LineTest__Listeners__0__PublicPort"] = "587";
info.Environment["LineTest__Listeners__0__Address"] = "127.0.0.1";
info.Environment["LineTest__Listeners__0__Tls"] = "starttls";
info.Environment["LineTest__Listeners__1__Port"] = "0";
info.Environment["LineTest__Listeners__1__PublicPort"] = "2587";
info.Environment["LineTest__Listeners__1__Address"] = "127.0.0.1";
info.Environment["LineTest__Listeners__1__Tls"] = "none";
info.Environment["LineTest__MaxConnections"] = "5000";
foreach (var key in new[] { "DOTNET_ThreadPool_ForceMinWorkerThreads" })
    if (Environment.GetEnvironmentVariable(key) is { } value) info.Environment[key] = value;
info.Environment["LineTest__MaxConnectionsPerAddress"] = "5000";
info.Environment["LineTest__StartsPerTenMinutesPerClient"] = "10000";
info.Environment["Logging__LogLevel__Default"] = "Warning";
info.Environment["Logging__LogLevel__Portal.LineTest.LineListeners"] = "Information";
info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
// Each render batch the portal sends to a page, with a UTC timestamp: the server's share of the latency.
info.Environment["Logging__LogLevel__Microsoft.AspNetCore.Components.Server.Circuits.RemoteRenderer"] = "Debug";
info.Environment["Logging__Console__FormatterName"] = "simple";
info.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
info.Environment["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";
using var portal = Process.Start(info)!;
try
{
    var linePort = 0;
    var secondPort = 0;
    while (await portal.StandardOutput.ReadLineAsync() is { } line)
    {
        if (Regex.Match(line, @"Line test listening on port (\d+)") is { Success: true } m)
        {
            if (linePort == 0) linePort = int.Parse(m.Groups[1].Value); else secondPort = int.Parse(m.Groups[1].Value);
        }
        if (line.Contains("Now listening on")) break;
    }
    // The portal's log goes on to a file, for when something breaks.
    var log = LogFile;
    _ = Task.Run(async () => { await using var w = File.CreateText(log); while (await portal.StandardOutput.ReadLineAsync() is { } l) { await w.WriteLineAsync(l); await w.FlushAsync(); } });
    _ = portal.StandardError.ReadToEndAsync();
    Console.WriteLine($"portal pid {portal.Id}, web {web}, line-test listener {linePort}");
    PortalPid = portal.Id;
    if (mode is "all" or "idle") await IdleAsync(portal, linePort);
    if (mode is "all" or "latency") await LatencyAsync(web, linePort, secondPort);
}
finally
{
    portal.Kill(entireProcessTree: true);
    Directory.Delete(data, recursive: true);
}

static async Task IdleAsync(Process portal, int port)
{
    const int count = 2000;
    // Warm the listener up with a few connections first, so one-time costs (TLS, JIT) are not counted as growth.
    for (var i = 0; i < 20; i++)
    {
        using var warm = new TcpClient();
        await warm.ConnectAsync(IPAddress.Loopback, port);
        await ReadLineAsync(warm.GetStream());
    }
    await Task.Delay(2000);
    var before = Rss(portal.Id);
    var clients = new TcpClient[count];
    var opened = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        clients[i] = new TcpClient();
        await clients[i].ConnectAsync(IPAddress.Loopback, port);
    }
    // Every one greeted: the portal holds 2,000 live sessions now.
    await Task.WhenAll(clients.Select(c => ReadLineAsync(c.GetStream())));
    var openedIn = opened.Elapsed;
    await Task.Delay(3000);
    var during = Rss(portal.Id);
    Console.WriteLine($"idle: {count} connections open and greeted in {openedIn.TotalSeconds:F1} s");
    Console.WriteLine($"idle: portal RSS {before / 1048576.0:F1} MB before, {during / 1048576.0:F1} MB with {count} open: growth {(during - before) / 1048576.0:F1} MB (target < 64 MB)");

    // Then wait: every connection must be closed by the portal's 30-second limit (a 421, then end of stream).
    var closedAt = await Task.WhenAll(clients.Select(async c =>
    {
        var s = c.GetStream();
        var buffer = new byte[512];
        while (await s.ReadAsync(buffer) > 0) { }
        return opened.Elapsed;
    }).Select(t => t.WaitAsync(TimeSpan.FromSeconds(60))));
    var after = Rss(portal.Id);
    Console.WriteLine($"idle: all {count} closed by the portal between {closedAt.Min().TotalSeconds:F1} s and {closedAt.Max().TotalSeconds:F1} s after the first connect (limit 30 s from each connect)");
    Console.WriteLine($"idle: portal RSS after they closed {after / 1048576.0:F1} MB");
    foreach (var c in clients) c.Dispose();
}

static async Task LatencyAsync(int web, int firstPort, int secondPort)
{
    const int tests = 50;
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = "/usr/bin/chromium", Headless = true,
        // 50 tabs: keep the background ones from being throttled, so the figure is the portal's, not Chromium's.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
    });
    var context = await browser.NewContextAsync(new() { BaseURL = $"http://127.0.0.1:{web}" });
    var pages = new List<(IPage Page, string Code)>();
    for (var i = 0; i < tests; i++)
    {
        var page = await context.NewPageAsync();
        if (i == 0) page.Console += (_, m) => Console.WriteLine("console: " + m.Text);
        if (i == 0) page.RequestFailed += (_, r) => Console.WriteLine("failed: " + r.Url + " " + r.Failure);
        await page.GotoAsync("/line-test");
        try { await page.Locator("#line-command").WaitForAsync(new() { Timeout = 30_000 }); }
        catch (TimeoutException)
        {
            Console.WriteLine("page did not show the command: " + await page.Locator("main").InnerTextAsync());
            Console.WriteLine("Blazor: " + await page.EvaluateAsync<string>("() => typeof Blazor") + ", ready: " + await page.Locator("article.line-test").GetAttributeAsync("data-ready") + ", url " + page.Url);
            throw;
        }
        var code = (await page.Locator("article.line-test").GetAttributeAsync("data-code"))!;
        // Stamp the moment the row changes, in the page, on the wall clock.
        await page.EvaluateAsync("""
            () => { window.__watch = port => { window.__arrivedAt = null;
              const seen = () => document.querySelector(`li.port-row[data-port='${port}'][data-state=arrived]`);
              new MutationObserver((_, o) => { if (!window.__arrivedAt && seen()) { window.__arrivedAt = performance.timeOrigin + performance.now(); o.disconnect(); } })
                .observe(document.body, { subtree: true, attributes: true, childList: true }); }; }
            """);
        pages.Add((page, code));
    }
    Console.WriteLine($"latency: {tests} line tests open in Chromium");

    // Two rounds: the first arrival on each page (587), then a second port (2587) on pages already warm.
    foreach (var (round, port, publicPort) in new[] { (1, firstPort, 587), (2, secondPort, 2587) })
    {
        foreach (var p in pages) await p.Page.EvaluateAsync($"() => window.__watch({publicPort})");
        await MeasureAsync(pages, port, publicPort, round);
    }
}

static async Task MeasureAsync(List<(IPage Page, string Code)> pages, int port, int publicPort, int round)
{
    var tests = pages.Count;
    // All customers run their command at once.
    var replies = new System.Collections.Concurrent.ConcurrentBag<long>();
    var (portalCpu0, allCpu0) = (Cpu(PortalPid), AllCpu());
    var stagger = int.Parse(Environment.GetEnvironmentVariable("STAGGER_MS") ?? "0");
    var sent = await Task.WhenAll(pages.Select(async (p, i) =>
    {
        await Task.Delay(i * stagger);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var s = tcp.GetStream();
        await ReadLineAsync(s);
        var t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await s.WriteAsync(Encoding.ASCII.GetBytes($"EHLO {p.Code}\r\n"));
        await ReadLineAsync(s);
        replies.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - t);
        return (double)t;
    }));
    var burst = sent.Min();
    var latencies = new List<double>();
    for (var i = 0; i < tests; i++)
    {
        await pages[i].Page.Locator($"li.port-row[data-port='{publicPort}'][data-state=arrived]").WaitForAsync(new() { Timeout = 10_000 });
        var arrived = await pages[i].Page.EvaluateAsync<double>("() => window.__arrivedAt");
        latencies.Add(arrived - sent[i]);
    }
    var (portalCpu, allCpu) = (Cpu(PortalPid) - portalCpu0, AllCpu() - allCpu0);
    Console.WriteLine($"latency round {round}: CPU used meanwhile: portal {portalCpu:F2} s, whole machine {allCpu:F2} s");
    // The server's share: when the portal sent the render batches after the burst began (read from its log).
    await Task.Delay(500);
    var day = DateTimeOffset.FromUnixTimeMilliseconds((long)burst).UtcDateTime.Date;
    var batches = File.ReadAllLines(LogFile).Zip(File.ReadAllLines(LogFile).Skip(1))
        .Where(pair => pair.Second.Contains("Sending render batch") && Regex.IsMatch(pair.First, @"^\d\d:\d\d:\d\d\.\d{3} dbug"))
        .Select(pair => new DateTimeOffset(day + TimeSpan.Parse(pair.First[..12]), TimeSpan.Zero).ToUnixTimeMilliseconds() - burst)
        .Where(ms => ms >= 0).Order().ToList();
    if (batches.Count >= tests && stagger == 0)
        Console.WriteLine($"latency round {round}: portal sent {batches.Count} render batches after the burst; the {(int)Math.Ceiling(tests * 0.95)}th by {batches[(int)Math.Ceiling(tests * 0.95) - 1]} ms, the {tests}th by {batches[tests - 1]} ms");
    latencies.Sort();
    double P(double q) => latencies[(int)Math.Ceiling(q * latencies.Count) - 1];
    var r = replies.Order().ToList();
    Console.WriteLine($"latency round {round} (port {publicPort}): EHLO → EHLO reply (arrival stored), p50 {r[r.Count / 2]} ms, max {r[^1]} ms");
    Console.WriteLine($"latency round {round} (port {publicPort}): EHLO → row arrived, {tests} open, EHLOs {(stagger == 0 ? "all at once" : $"{stagger} ms apart")}: p50 {P(0.5):F0} ms, p95 {P(0.95):F0} ms, max {latencies[^1]:F0} ms (target p95 < 500 ms)");
}

static async Task<string> ReadLineAsync(Stream s)
{
    var sb = new StringBuilder();
    var b = new byte[1];
    while (await s.ReadAsync(b) == 1) { if (b[0] == '\n') break; sb.Append((char)b[0]); }
    return sb.ToString();
}

// CPU seconds (user + system) of one process, and of the whole machine (all cores busy time).
static double Cpu(int pid)
{
    var f = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(f[11]) + long.Parse(f[12])) / 100.0;
}

static double AllCpu()
{
    var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
    return (f.Sum() - f[3] - f[4]) / 100.0;
}

static long Rss(int pid) => long.Parse(Regex.Match(File.ReadAllText($"/proc/{pid}/status"), @"VmRSS:\s+(\d+) kB").Groups[1].Value) * 1024;

static int FreePort()
{
    using var l = new TcpListener(IPAddress.Loopback, 0);
    l.Start();
    return ((IPEndPoint)l.LocalEndpoint).Port;
}

partial class Program
{
    public static int PortalPid;
    public static readonly string LogFile = Path.Combine(Path.GetTempPath(), "line-bench-portal.log");
}
