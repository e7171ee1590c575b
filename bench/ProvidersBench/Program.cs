// 10,000 generated providers in a fresh SQLite file (or, with "postgres" as the third argument, a fresh database on
// the PostgreSQL server of PORTAL_TEST_POSTGRES, default the test cluster on 127.0.0.1:55432); the portal (this build,
// Production) serves them; p50/p99 latency of /api/providers?q= and of the /providers page with a query, sequential
// requests on loopback.
using System.Diagnostics;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Providers;

var count = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var requests = args.Length > 1 ? int.Parse(args[1]) : 1_000;
var onPostgres = args.Length > 2 && args[2] == "postgres";
var file = Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}.db");
var db = new Db($"Data Source={file}");
if (onPostgres)
{
    var server = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=55432;Username=portal;Database=postgres";
    var name = $"portal_bench_{Guid.NewGuid():N}";
    await using (var admin = new Npgsql.NpgsqlConnection(server))
    {
        await admin.OpenAsync();
        await admin.ExecuteAsync($"CREATE DATABASE {name}");
    }
    db = new Db(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, DatabaseProvider.Postgres);
}
await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();

// Bulk insert in one transaction (the seed rows come in at start-up only when the table is empty).
var kana = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ";
var random = new Random(42);
string Word(int n) => new(Enumerable.Range(0, n).Select(_ => kana[random.Next(kana.Length)]).ToArray());
await using (var c = await db.OpenAsync())
{
    await using var tx = c.BeginTransaction();
    for (var i = 0; i < count; i++)
    {
        var p = new Provider
        {
            NameJa = $"{Word(3)}ネット{i}", NameEn = $"Provider {i}", Kana = Word(5), Operator = $"株式会社{Word(4)}",
            Op25b = Provider.Statuses[i % 4], Since = $"{2005 + i % 15}", SubmissionPorts = [587], Notes = "generated", RdnsSuffixes = [$"p{i}.example.jp"],
        };
        await c.ExecuteAsync("""
            INSERT INTO providers (name_ja, name_en, kana, operator, op25b, since, submission_ports, notes, rdns_suffixes, search_text, created_at, updated_at, updated_by)
            VALUES (@NameJa, @NameEn, @Kana, @Operator, @Op25b, @Since, '587', @Notes, @Rdns, @SearchText, 'now', '2026-11-28T00:00:00Z', 'bench')
            """, new { p.NameJa, p.NameEn, p.Kana, p.Operator, p.Op25b, p.Since, p.Notes, Rdns = p.RdnsSuffixes[0], SearchText = ProviderStore.SearchText(p) }, tx);
    }
    await tx.CommitAsync();
}
Console.WriteLine($"{count} providers in {(onPostgres ? "PostgreSQL" : file)}");

// The store alone, in this process: how much of the latency is SQL.
var direct = new ProviderStore(db, TimeProvider.System, new RegistryVersion());
foreach (var q in new[] { "ネット12", "ぷらら" })
{
    var times = new List<double>();
    for (var i = 0; i < 200; i++)
    {
        var t0 = Stopwatch.GetTimestamp();
        await direct.ListAsync(q);
        times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"store.ListAsync(\"{q}\") in process: p50 {times[100]:F2} ms");
}

var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "Portal.dll")}\" --urls http://127.0.0.1:5183")
{ RedirectStandardOutput = true, RedirectStandardError = true };
info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
info.Environment["Site__PublicUrl"] = "http://127.0.0.1";
info.Environment["ConnectionStrings__Portal"] = db.ConnectionString;
info.Environment["Database__Provider"] = onPostgres ? "postgres" : "sqlite";
info.Environment["Data__KeysFolder"] = Path.Combine(Path.GetTempPath(), $"portal-bench-keys-{Guid.NewGuid():N}");
info.Environment["LineTest__Listeners"] = "";
info.Environment["Site__Root"] = FindSiteRoot();
using var portal = Process.Start(info)!;
_ = portal.StandardOutput.ReadToEndAsync();
_ = portal.StandardError.ReadToEndAsync();
using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5183") };
for (var i = 0; i < 100 && !await Up(); i++) await Task.Delay(200);

try
{
    foreach (var (label, path) in new[]
    {
        ("API ?q=ネット12 (matches ~110)", "/api/providers?q=" + Uri.EscapeDataString("ネット12")),
        ("API ?q=provider 9999 (1 match)", "/api/providers?q=" + Uri.EscapeDataString("provider 9999")),
        ("API ?q=ぷらら (no match)", "/api/providers?q=" + Uri.EscapeDataString("ぷらら")),
        ("page /providers?q=ネット12", "/providers?q=" + Uri.EscapeDataString("ネット12")),
    })
    {
        for (var i = 0; i < 50; i++) await http.GetStringAsync(path);   // warm-up
        var ms = new List<double>();
        var size = 0;
        for (var i = 0; i < requests; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            size = (await http.GetStringAsync(path)).Length;
            ms.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        ms.Sort();
        Console.WriteLine($"{label}: p50 {ms[ms.Count / 2]:F2} ms, p99 {ms[(int)(ms.Count * 0.99)]:F2} ms ({size} chars, {requests} requests)");
    }
}
finally
{
    portal.Kill(entireProcessTree: true);
}

async Task<bool> Up()
{
    try { return (await http.GetAsync("/healthz")).IsSuccessStatusCode; } catch (HttpRequestException) { return false; }
}

static string FindSiteRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (Directory.Exists(Path.Combine(dir.FullName, "content")) && Directory.Exists(Path.Combine(dir.FullName, "wwwroot"))) return dir.FullName;
    throw new InvalidOperationException("site root not found");
}
