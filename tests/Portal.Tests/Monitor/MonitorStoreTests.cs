using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Data;
using Portal.Monitor;
using Portal.Tests.Support;

namespace Portal.Tests.Monitor;

public sealed class MonitorStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static Observation Ok(long ms = 40) => new("ok", ms, null, "220 relay ESMTP", "PLAIN", "TLS 1.3", "CN=relay; CN=ca; 2027-01-01", null);
    private static readonly Observation Refused = new("refused", 3, "connection refused", null, null, null, null, null);

    private static async Task<(Db Db, MonitorStore Store, FakeTimeProvider Clock)> StoreAsync(DateTimeOffset start, Db? db = null)
    {
        db ??= TestDatabase.New();
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken: Ct);
        var clock = new FakeTimeProvider(start);
        return (db, new MonitorStore(db, clock), clock);
    }

    /// <summary>Runs one check per series at the clock's time, through the state rules, and keeps them; then steps the clock.</summary>
    private static async Task<IReadOnlyList<SeriesState>> CheckAsync(MonitorStore store, FakeTimeProvider clock, IReadOnlyList<SeriesState> series,
        Observation o, TimeSpan step)
    {
        var records = series.Select(s => { var (next, e) = s.After(o, clock.GetUtcNow()); return new CheckRecord(next, o, e); }).ToList();
        Assert.All(await store.RecordAsync(records, Ct), Assert.True);
        clock.Advance(step);
        return records.Select(r => r.Next).ToList();
    }

    private static async Task<List<(string Day, long Checks, long Successes, long OkMs, long MaxMs)>> DailyAsync(Db db)
    {
        await using var c = await db.OpenAsync(Ct);
        return (await c.QueryAsync<(string, long, long, long, long)>("SELECT day, checks, successes, ok_ms, max_ms FROM monitor_daily ORDER BY day")).ToList();
    }

    private static async Task<long> CountAsync(Db db, string table)
    {
        await using var c = await db.OpenAsync(Ct);
        return await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
    }

    [Fact]
    public async Task Rollups_Split_At_Japan_Midnight_And_Hour_Boundaries_And_Carry_On_After_A_Restart()
    {
        // 23:58 JST on 29 November: two checks before midnight, then a failure and a success after it.
        var (db, store, clock) = await StoreAsync(DateTimeOffset.Parse("2026-11-29T14:58:00Z"));
        var series = await store.SeriesAsync([("relay.example.jp", 587)], Ct);
        series = await CheckAsync(store, clock, series, Ok(30), Minute);
        series = await CheckAsync(store, clock, series, Ok(50), Minute);
        series = await CheckAsync(store, clock, series, Refused, Minute);

        // A restart: a new store reads the kept state, and the next check adds to the same rollup rows.
        var restarted = new MonitorStore(db, clock);
        var reloaded = await restarted.SeriesAsync([("relay.example.jp", 587)], Ct);
        Assert.Equal(series, reloaded);
        Assert.Equal(1, reloaded[0].Failures);
        await CheckAsync(restarted, clock, reloaded, Ok(70), Minute);

        Assert.Equal([("2026-11-29", 2L, 2L, 80L, 50L), ("2026-11-30", 2L, 1L, 70L, 70L)], await DailyAsync(db));
        await using (var c = await db.OpenAsync(Ct))
        {
            var hourly = (await c.QueryAsync<(long Hour, long Checks, long Successes)>("SELECT hour, checks, successes FROM monitor_hourly ORDER BY hour")).ToList();
            Assert.Equal([(DateTimeOffset.Parse("2026-11-29T14:00:00Z").ToUnixTimeSeconds(), 2L, 2L), (DateTimeOffset.Parse("2026-11-29T15:00:00Z").ToUnixTimeSeconds(), 2L, 1L)], hourly);
        }

        var history = (await restarted.HistoryAsync([series[0].Id], clock.GetUtcNow(), Ct))[series[0].Id];
        Assert.Equal(75.0, history.Uptime24h);
        Assert.Equal(75.0, history.Uptime90d);
        Assert.Equal(90, history.Days.Count);
        Assert.Equal((new DateOnly(2026, 11, 30), 50.0, 70L), (history.Days[^1].Day, history.Days[^1].Uptime, history.Days[^1].MeanMs));
        Assert.Equal((new DateOnly(2026, 11, 29), 100.0, 40L), (history.Days[^2].Day, history.Days[^2].Uptime, history.Days[^2].MeanMs));
        Assert.Null(history.Days[0].Uptime);
        Assert.Equal([true, false, true], history.Changes.Select(x => x.Ok));
    }

    [Fact]
    public async Task The_Timeline_Reads_Spans_A_Pause_Over_The_Gap_Starts_A_New_One()
    {
        var (db, store, clock) = await StoreAsync(DateTimeOffset.Parse("2026-11-29T03:00:00Z"));
        var series = await store.SeriesAsync([("relay.example.jp", 587)], Ct);
        series = await CheckAsync(store, clock, series, Ok(), Minute);
        series = await CheckAsync(store, clock, series, Ok(), TimeSpan.FromMinutes(30));   // the portal was off for half an hour
        series = await CheckAsync(store, clock, series, Ok(), Minute);
        await CheckAsync(store, clock, series, Ok(), Minute);

        Assert.Equal(2L, await CountAsync(db, "monitor_spans"));
        var changes = (await store.HistoryAsync([series[0].Id], clock.GetUtcNow(), Ct))[series[0].Id].Changes;
        Assert.Equal([(DateTimeOffset.Parse("2026-11-29T03:00:00Z"), (DateTimeOffset?)null), (DateTimeOffset.Parse("2026-11-29T03:31:00Z"), DateTimeOffset.Parse("2026-11-29T03:01:00Z"))],
            changes.Select(c => (c.At, c.PreviousAt)));
        var segments = TimelineSegments.Build(changes, series[0].LastCheck, clock.GetUtcNow(), TimeSpan.FromMinutes(5));
        Assert.Equal([null, true, null, true], segments.Select(s => s.Ok));   // before the first check, the pause, after it
    }

    [Fact]
    public async Task A_Check_Already_Kept_For_That_Instant_Is_Not_Counted_Twice()
    {
        var (db, store, clock) = await StoreAsync(DateTimeOffset.Parse("2026-11-29T03:00:00Z"));
        var series = await store.SeriesAsync([("relay.example.jp", 25)], Ct);
        var (next, events) = series[0].After(Ok(), clock.GetUtcNow());
        Assert.Equal([true], await store.RecordAsync([new CheckRecord(next, Ok(), events)], Ct));
        Assert.Equal([false], await store.RecordAsync([new CheckRecord(next, Ok(), events)], Ct));
        Assert.Equal([("2026-11-29", 1L, 1L, 40L, 40L)], await DailyAsync(db));
    }

    [Fact]
    public async Task Retention_Keeps_Checks_7_Days_Hourly_Rollups_90_And_Daily_400_Counted_From_The_Clock()
    {
        var start = DateTimeOffset.Parse("2026-01-01T03:00:00Z");
        var (db, store, clock) = await StoreAsync(start);
        var series = await store.SeriesAsync([("relay.example.jp", 465)], Ct);
        await CheckAsync(store, clock, series, Ok(), TimeSpan.Zero);

        clock.Advance(TimeSpan.FromDays(7) - Minute);
        Assert.Equal(0, await store.PurgeAsync(Ct));
        clock.Advance(2 * Minute);
        Assert.Equal(2, await store.PurgeAsync(Ct));                  // the raw check and its span, a little over 7 days old
        Assert.Equal((0L, 0L, 1L, 1L), (await CountAsync(db, "monitor_checks"), await CountAsync(db, "monitor_spans"),
            await CountAsync(db, "monitor_hourly"), await CountAsync(db, "monitor_daily")));

        clock.Advance(TimeSpan.FromDays(83) - 2 * Minute);           // 90 days less a minute
        Assert.Equal(0, await store.PurgeAsync(Ct));
        clock.Advance(TimeSpan.FromHours(1) + 2 * Minute);
        Assert.Equal(1, await store.PurgeAsync(Ct));                  // the hourly row
        Assert.Equal(1L, await CountAsync(db, "monitor_daily"));

        // The daily row stays for the 400 days the bars' longest view could need, and goes on day 401.
        clock.SetUtcNow(start.AddDays(399));
        Assert.Equal(0, await store.PurgeAsync(Ct));
        clock.SetUtcNow(start.AddDays(400));
        Assert.Equal(1, await store.PurgeAsync(Ct));
        Assert.Equal(0L, await CountAsync(db, "monitor_daily"));
    }

    [Fact]
    public async Task A_Simulated_Year_Of_60_Second_Checks_For_3_Targets_By_3_Ports_Keeps_The_Database_Under_20_MB()
    {
        // Rows, not check counts, make the size: older days need one check per hour (hourly rows) or per day (daily
        // rows) to leave what a year at 60 s leaves; the last 8 days run at 60 s for the raw checks.
        var start = DateTimeOffset.Parse("2025-11-29T00:00:00Z");
        var db = new Db($"Data Source={Path.Combine("/dev/shm", $"portal-monitor-{Guid.NewGuid():N}.db")}");
        var (_, store, clock) = await StoreAsync(start, db);
        var series = await store.SeriesAsync(from t in new[] { "relay1.example.jp", "relay2.example.jp", "relay3.example.jp" }
                                             from p in new[] { 25, 587, 465 } select (t, p), Ct);
        await using (var c = await db.OpenAsync(Ct))
        {
            var empty = await c.ExecuteScalarAsync<long>("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
            Assert.True(empty < 1_000_000);
        }
        var random = new Random(12);
        for (var day = 0; day < 365; day++)
        {
            var step = day < 365 - 91 ? TimeSpan.FromDays(1) : day < 365 - 8 ? TimeSpan.FromHours(1) : Minute;
            var records = new List<CheckRecord>();
            var end = start.AddDays(day + 1);
            while (clock.GetUtcNow() < end)
            {
                var o = random.Next(500) == 0 ? Refused : Ok(random.Next(20, 400));
                foreach (var (s, i) in series.Select((s, i) => (s, i)).ToList())
                {
                    var (next, events) = s.After(o, clock.GetUtcNow());
                    records.Add(new CheckRecord(next, o, events));
                    series = [.. series.Take(i), next, .. series.Skip(i + 1)];
                }
                clock.Advance(step);
            }
            await store.RecordAsync(records, Ct);
            await store.PurgeAsync(Ct);
        }

        Assert.Equal(7 * 1440 * 9, await CountAsync(db, "monitor_checks"), tolerance: 9 * 2);
        Assert.Equal(90 * 24 * 9, await CountAsync(db, "monitor_hourly"), tolerance: 9 * 2);
        Assert.Equal(366 * 9, await CountAsync(db, "monitor_daily"));   // 365 days from 09:00 JST touch 366 Japan dates
        await using (var c = await db.OpenAsync(Ct))
        {
            var used = await c.ExecuteScalarAsync<long>("SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()");
            await c.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
            var file = new FileInfo(db.FilePath!).Length;
            TestContext.Current.TestOutputHelper?.WriteLine($"monitor year: {used / 1024} KiB in use, file {file / 1024} KiB");
            Assert.True(used < 20_000_000, $"{used} bytes in use");
            Assert.True(file < 20_000_000, $"file is {file} bytes");
        }
        File.Delete(db.FilePath!);
    }
}
