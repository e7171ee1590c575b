// 400 days of monitor history for 3 targets x 3 ports, written through the monitor's own rules and store (a day per
// transaction, the purge run after each day as the live portal would), into a fresh SQLite file. Then the portal in
// memory (Production pipeline, TestServer, no network): p50/p99 of /status with the cache emptied before every
// request, of /status cached, and of /api/status; and the database size.
//   dotnet run -c Release --project bench/MonitorBench -- [days=400] [step-seconds=60] [requests=500]
using System.Diagnostics;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Monitor;

var days = args.Length > 0 ? int.Parse(args[0]) : 400;
var step = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1]) : 60);
var requests = args.Length > 2 ? int.Parse(args[2]) : 500;
var folder = Directory.CreateTempSubdirectory("monitor-bench-").FullName;
var file = Path.Combine(folder, "portal.db");
var db = new Db($"Data Source={file}");
await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
var empty = await UsedAsync();

// The bench's own clock runs through the 400 days; the purge sees each day's end.
var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
var clock = new SteppedClock(now.AddDays(-days));
var store = new MonitorStore(db, clock);
string[] hosts = ["127.0.0.1", "127.0.0.2", "127.0.0.3"];
var series = (await store.SeriesAsync(from h in hosts from p in new[] { 25, 587, 465 } select (h, p))).ToArray();
var random = new Random(7);
var watch = Stopwatch.StartNew();
long checks = 0;
for (var day = 0; day < days; day++)
{
    var records = new List<CheckRecord>();
    var end = now.AddDays(-days + day + 1);
    // Two short outages a month on one relay, and now and then a single failed check anywhere.
    var outage = random.Next(15) == 0 ? clock.Now.AddHours(random.Next(24)) : (DateTimeOffset?)null;
    while (clock.Now < end && clock.Now < now)
    {
        var at = clock.Now;
        var age = now - at;
        var cert = $"CN=relay.saiin.example.jp; CN=R1{(int)(age.TotalDays / 60) % 3}; {now.AddDays(-(int)age.TotalDays / 60 * 60 + 90):yyyy-MM-dd}";
        for (var i = 0; i < series.Length; i++)
        {
            var failing = (i / 3 == 1 && outage is { } o && at >= o && at < o.AddMinutes(30)) || random.Next(3000) == 0;
            var observation = failing
                ? new Observation("timeout", 5000, "no TCP connection (TimedOut)", null, null, null, null, null)
                : new Observation("ok", random.Next(20, 300), null, $"220 relay{i / 3 + 1}.saiin.example.jp ESMTP Postfix{(age.TotalDays > 200 ? "" : " (Debian/GNU)")}",
                    series[i].Port == 25 ? "" : "LOGIN PLAIN", "TLS 1.3", cert, now.AddDays(30));
            var (next, events) = series[i].After(observation, at);
            records.Add(new CheckRecord(next, observation, events));
            series[i] = next;
        }
        clock.Now += step;
    }
    await store.RecordAsync(records);
    checks += records.Count;
    await store.PurgeAsync();
}
var fill = watch.Elapsed;
var used = await UsedAsync();
await using (var c = await db.OpenAsync()) await c.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
Console.WriteLine($"{checks:N0} checks over {days} days at {step.TotalSeconds} s for {series.Length} ports, filled in {fill.TotalSeconds:F0} s");
await using (var c = await db.OpenAsync())
    foreach (var table in new[] { "monitor_checks", "monitor_hourly", "monitor_daily", "monitor_events" })
        Console.WriteLine($"  {table}: {await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}"):N0} rows");
Console.WriteLine($"database: {(used - empty) / 1024.0 / 1024:F2} MB in use for the monitor ({used / 1024.0 / 1024:F2} MB in all), file {new FileInfo(file).Length / 1024.0 / 1024:F2} MB (target < 20 MB)");

Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PORTAL",
    Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Portal")));
await using var app = new WebApplicationFactory<MonitorStore>().WithWebHostBuilder(b =>
{
    b.UseEnvironment("Production");
    b.UseSetting("ConnectionStrings:Portal", $"Data Source={file}");
    b.UseSetting("Data:KeysFolder", Path.Combine(folder, "keys"));
    b.UseSetting("Site:PublicUrl", "https://support.saiin.example.jp");
    b.UseSetting("LineTest:Listeners", "");
    // Loopback only: the first live round finds 127.0.0.1 (Postfix, if started) and refused ports elsewhere.
    b.UseSetting("Monitor:IntervalSeconds", step.TotalSeconds.ToString());
    for (var t = 0; t < hosts.Length; t++)
    {
        b.UseSetting($"Monitor:Targets:{t}:Name", $"relay{t + 1}");
        b.UseSetting($"Monitor:Targets:{t}:Host", hosts[t]);
    }
    b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
});
var client = app.CreateClient();
var cache = app.Services.GetRequiredService<IOutputCacheStore>();
await client.GetAsync("/healthz");

static (double P50, double P99) Percentiles(List<double> t) { t.Sort(); return (t[t.Count / 2], t[Math.Min(t.Count - 1, t.Count * 99 / 100)]); }
async Task<List<double>> TimeAsync(string path, int n, bool uncached)
{
    var times = new List<double>(n);
    var size = 0L;
    for (var i = 0; i < n; i++)
    {
        if (uncached) await cache.EvictByTagAsync(MonitorFeature.CacheTag, default);
        var w = Stopwatch.StartNew();
        using var r = await client.GetAsync(path);
        var body = await r.Content.ReadAsByteArrayAsync();
        times.Add(w.Elapsed.TotalMilliseconds);
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {r.StatusCode}");
        size = body.Length;
    }
    if (path == "/status" && uncached) Console.WriteLine($"  /status is {size / 1024} KB of HTML");
    return times;
}
// Warm-up of both languages first: the JIT's later tiers otherwise land inside the first series measured.
await TimeAsync("/status", 300, uncached: true);
await TimeAsync("/en/status", 300, uncached: true);
foreach (var path in new[] { "/status", "/en/status", "/status", "/en/status" })
{
    var uncached = Percentiles(await TimeAsync(path, requests, uncached: true));
    Console.WriteLine($"{path} not cached: p50 {uncached.P50:F2} ms, p99 {uncached.P99:F2} ms ({requests} requests; target p50 < 20 ms)");
}
var cached = Percentiles(await TimeAsync("/status", requests, uncached: false));
Console.WriteLine($"/status cached: p50 {cached.P50:F2} ms, p99 {cached.P99:F2} ms");
var api = Percentiles(await TimeAsync("/api/status", requests, uncached: false));
Console.WriteLine($"/api/status: p50 {api.P50:F2} ms, p99 {api.P99:F2} ms");
var reader = app.Services.GetRequiredService<StatusReader>();
var reads = new List<double>();
for (var i = 0; i < requests; i++) { var w = Stopwatch.StartNew(); await reader.ReadAsync(default); reads.Add(w.Elapsed.TotalMilliseconds); }
var r2 = Percentiles(reads);
Console.WriteLine($"  of which the database reads (StatusReader): p50 {r2.P50:F2} ms, p99 {r2.P99:F2} ms");

async Task<long> UsedAsync()
{
    await using var c = await db.OpenAsync();
    return await c.ExecuteScalarAsync<long>("SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()");
}

sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
}
