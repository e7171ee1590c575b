// 100,000 kept results in a fresh SQLite file; the portal in memory (Production pipeline, TestServer, no network):
// p50/p99 of /r/{id} and of /staff/results?ticket= signed in, then the purge of 100,000 expired rows while a
// reader keeps fetching /r/{id} of a live result.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Data;
using Portal.SavedResults;
using Portal.Tester;

var count = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var requests = args.Length > 1 ? int.Parse(args[1]) : 2_000;
var folder = Directory.CreateTempSubdirectory("results-bench-").FullName;
var file = Path.Combine(folder, "portal.db");
// The factory looks for the app's content root beside a solution; point it at src/Portal.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PORTAL",
    Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Portal")));
await using var app = new WebApplicationFactory<ResultStore>().WithWebHostBuilder(b =>
{
    b.UseEnvironment("Production");
    b.UseSetting("ConnectionStrings:Portal", $"Data Source={file}");
    b.UseSetting("Data:KeysFolder", Path.Combine(folder, "keys"));
    b.UseSetting("Site:PublicUrl", "https://support.saiin.example.jp");
    b.UseSetting("LineTest:Listeners", "");
    b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
});
var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
await client.GetAsync("/healthz");

// Fill: a realistic result (3 ports, dialogues), one ticket per 10 results, spread over the last 25 days.
var db = app.Services.GetRequiredService<Db>();
var report = new TestReport("smtp.example.jp", "smtp.example.jp", new[] { 25, 587, 465 }.Select(p => new PortResult
{
    Port = p, Mode = p == 465 ? "implicit-tls" : "starttls", Outcome = p == 25 ? ProbeOutcome.Timeout : ProbeOutcome.Ok, Stage = ProbeStage.Done, ElapsedMs = 120,
    Greeting = new SmtpReply(220, "smtp.example.jp ESMTP Postfix"), Extensions = ["PIPELINING", "SIZE 10240000", "STARTTLS", "8BITMIME"],
    Advice = Advice.Of("587番は使えます。", "587 works.", "/setup"),
}).ToList(), Advice.Of("587番をお使いください。", "Use 587.", "/setup"));
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
var publicJson = JsonSerializer.Serialize(report, json);
var staffJson = JsonSerializer.Serialize(new StaffDetails("203.0.113.5", new Dictionary<int, IReadOnlyList<string>>
    { [587] = Enumerable.Range(0, 20).Select(i => $"S: 250-line {i} of the EHLO reply").ToList() }), json);
var ids = new List<string>(count);
var watch = Stopwatch.StartNew();
await using (var c = await db.OpenAsync())
{
    await using var tx = c.BeginTransaction();
    var now = DateTimeOffset.UtcNow;
    for (var i = 0; i < count; i++)
    {
        var id = Portal.Site.CrockfordId.New();
        ids.Add(id);
        await c.ExecuteAsync("INSERT INTO results (id, kind, tested_at, ticket, host, public_json, staff_json) VALUES (@id, 'tester', @at, @ticket, @host, @publicJson, @staffJson)",
            new { id, at = now.AddMinutes(-i * 0.36).UtcDateTime.ToString("O", CultureInfo.InvariantCulture), ticket = i % 10 == 0 ? $"T-{i / 10}" : null,
                host = $"smtp{i % 500}.example.jp", publicJson, staffJson }, tx);
    }
    await tx.CommitAsync();
}
Console.WriteLine($"{count} results in {file} ({new FileInfo(file).Length / 1024 / 1024} MB), filled in {watch.Elapsed.TotalSeconds:F1} s");

static (double P50, double P99) Percentiles(List<double> t) { t.Sort(); return (t[t.Count / 2], t[Math.Min(t.Count - 1, t.Count * 99 / 100)]); }
var random = new Random(7);
async Task<List<double>> TimeAsync(Func<int, string> path, int n)
{
    var times = new List<double>(n);
    for (var i = 0; i < n; i++)
    {
        var w = Stopwatch.StartNew();
        using var r = await client.GetAsync(path(i));
        await r.Content.ReadAsByteArrayAsync();
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"{path(i)}: {r.StatusCode}");
        times.Add(w.Elapsed.TotalMilliseconds);
    }
    return times;
}
await TimeAsync(i => $"/r/{ids[random.Next(count)]}", 200);
var page = Percentiles(await TimeAsync(i => $"/r/{ids[random.Next(count)]}", requests));
Console.WriteLine($"/r/{{id}}: p50 {page.P50:F2} ms, p99 {page.P99:F2} ms ({requests} requests; target p50 < 5 ms)");

// A staff member signs in through the form.
await using (var c = await db.OpenAsync()) { }
await app.Services.GetRequiredService<Portal.Staff.StaffStore>().AddAsync("bench", "editor", "a long bench password");
var login = await client.GetStringAsync("/staff/login");
var token = Regex.Match(login, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
var signedIn = await client.PostAsync("/staff/login", new FormUrlEncodedContent(new Dictionary<string, string>
    { ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Form.Name"] = "bench", ["Form.Password"] = "a long bench password" }));
if ((int)signedIn.StatusCode != 302) throw new InvalidOperationException("sign-in failed: " + signedIn.StatusCode);
await TimeAsync(i => $"/staff/results?ticket=T-{random.Next(count / 10)}", 100);
var staff = Percentiles(await TimeAsync(i => $"/staff/results?ticket=T-{random.Next(count / 10)}", requests));
Console.WriteLine($"/staff/results?ticket=: p50 {staff.P50:F2} ms, p99 {staff.P99:F2} ms ({requests} requests; target p50 < 20 ms)");
var host = Percentiles(await TimeAsync(i => $"/staff/results?host=smtp{random.Next(500)}.example.jp", 200));
Console.WriteLine($"/staff/results?host= (200 newest of ~200 each): p50 {host.P50:F2} ms, p99 {host.P99:F2} ms");

// Purge: age every row past the retention period but one, and read that one throughout.
string live;
await using (var c = await db.OpenAsync())
{
    await c.ExecuteAsync("UPDATE results SET tested_at = '2000-01-01T00:00:00.0000000Z'");
    live = ids[0];
    await c.ExecuteAsync("UPDATE results SET tested_at = @now WHERE id = @live", new { now = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), live });
}
var reads = new List<double>();
using var stop = new CancellationTokenSource();
var reader = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        var w = Stopwatch.StartNew();
        using var r = await client.GetAsync($"/r/{live}");
        await r.Content.ReadAsByteArrayAsync();
        lock (reads) reads.Add(w.Elapsed.TotalMilliseconds);
    }
});
await Task.Delay(200);
watch.Restart();
var purged = await app.Services.GetRequiredService<ResultStore>().PurgeAsync();
var purgeTime = watch.Elapsed;
await Task.Delay(200);
stop.Cancel();
await reader;
var during = Percentiles(reads);
Console.WriteLine($"purge: {purged} rows in {purgeTime.TotalSeconds:F2} s (target < 5 s); reads of /r/{{id}} meanwhile: {reads.Count}, p50 {during.P50:F2} ms, p99 {during.P99:F2} ms (target p99 < 50 ms)");
