using System.Globalization;
using Dapper;
using Portal.Data;
using Portal.Site;

namespace Portal.Monitor;

/// <summary>One port's history for the status page: uptime per window, the last 90 days and the last 24 hours' changes.</summary>
public sealed record SeriesHistory(long SeriesId, double? Uptime24h, double? Uptime7d, double? Uptime30d, double? Uptime90d,
    IReadOnlyList<DayBar> Days, IReadOnlyList<CheckPoint> Changes);

/// <summary>A day's rollup; Uptime is null where there was no check.</summary>
public sealed record DayBar(DateOnly Day, int Checks, int Successes, long? MeanMs, long MaxMs)
{
    public double? Uptime => Checks == 0 ? null : 100.0 * Successes / Checks;
}

/// <summary>A check where the state changed or that followed a gap; the timeline is drawn from these.</summary>
public sealed record CheckPoint(DateTimeOffset At, bool Ok, DateTimeOffset? PreviousAt);

public sealed record StoredEvent(long SeriesId, string Kind, DateTimeOffset At, string? Before, string? After);

/// <summary>One check to keep: the port's state after it, what it saw, and the events it caused.</summary>
public sealed record CheckRecord(SeriesState Next, Observation Observation, IReadOnlyList<MonitorEvent> Events);

public sealed record MaintenanceNote(long Id, Text Message, DateTimeOffset From, DateTimeOffset Until, string CreatedBy);

/// <summary>
/// The monitor's SQL. A check, its hourly and daily rollups and the port's new state are written in one
/// transaction, so the rollups stay exact across a restart.
/// </summary>
public sealed class MonitorStore(Db db, TimeProvider clock, MonitorOptions? options = null)
{
    /// <summary>A pause longer than this starts a new span: the strip shows it as unchecked.</summary>
    private readonly long _gap = (long)TimelineSegments.Gap((options ?? new MonitorOptions()).Interval).TotalSeconds;

    public static readonly TimeSpan KeepChecks = TimeSpan.FromDays(7);
    public static readonly TimeSpan KeepHourly = TimeSpan.FromDays(90);
    public const int KeepDailyDays = 400;
    public static readonly TimeSpan KeepEvents = TimeSpan.FromDays(400);
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Jst).DateTime);
    private static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static long Unix(DateTimeOffset at) => at.ToUnixTimeSeconds();
    private static DateTimeOffset? FromUnix(long? s) => s is { } v ? DateTimeOffset.FromUnixTimeSeconds(v) : null;

    /// <summary>The series of each host and port, created on first sight, with its kept state.</summary>
    public async Task<IReadOnlyList<SeriesState>> SeriesAsync(IEnumerable<(string Host, int Port)> wanted, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var list = new List<SeriesState>();
        foreach (var (host, port) in wanted)
        {
            await c.ExecuteAsync(new CommandDefinition("INSERT INTO monitor_series (host, port) VALUES (@host, @port) ON CONFLICT DO NOTHING",
                new { host, port }, cancellationToken: cancellationToken));
            var row = await c.QuerySingleAsync<SeriesRow>(new CommandDefinition("""
                SELECT id, host, port, last_check, last_outcome, last_elapsed_ms, failures, failing_since, up_since,
                       greeting, auth, tls_protocol, certificate, cert_not_after
                FROM monitor_series WHERE host = @host AND port = @port
                """,
                new { host, port }, cancellationToken: cancellationToken));
            list.Add(row.ToState());
        }
        return list;
    }

    /// <summary>
    /// Keeps checks (a round's, in one transaction): each raw row, both rollups, the new state and its events.
    /// For each, false when that port's instant was already kept (then nothing of it is written).
    /// </summary>
    public async Task<IReadOnlyList<bool>> RecordAsync(IReadOnlyList<CheckRecord> records, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        var kept = new bool[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var (next, o, events) = records[i];
            var at = next.LastCheck!.Value;
            var okMs = o.Ok ? o.ElapsedMs : 0;
            var p = new
            {
                id = next.Id, at = Unix(at), outcome = o.Outcome, ms = o.ElapsedMs, ok = o.Ok ? 1 : 0, okMs,
                hour = Unix(at) / 3600 * 3600, day = DayKey(Day(at)),
            };
            if (await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO monitor_checks (series_id, at, outcome, elapsed_ms) VALUES (@id, @at, @outcome, @ms) ON CONFLICT DO NOTHING", p, tx,
                    cancellationToken: cancellationToken)) == 0)
                continue;
            kept[i] = true;
            // Extend the port's latest span when this check continues it, else start a new one.
            if (await c.ExecuteAsync(new CommandDefinition("""
                    UPDATE monitor_spans SET last_at = @at
                    WHERE series_id = @id AND first_at = (SELECT max(first_at) FROM monitor_spans WHERE series_id = @id)
                      AND ok = @ok AND last_at < @at AND @at - last_at <= @gap
                    """, new { p.id, p.at, p.ok, gap = _gap }, tx, cancellationToken: cancellationToken)) == 0)
                await c.ExecuteAsync(new CommandDefinition("INSERT INTO monitor_spans (series_id, first_at, last_at, ok) VALUES (@id, @at, @at, @ok) ON CONFLICT DO NOTHING",
                    p, tx, cancellationToken: cancellationToken));
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO monitor_hourly (series_id, hour, checks, successes, ok_ms, max_ms) VALUES (@id, @hour, 1, @ok, @okMs, @okMs)
                ON CONFLICT (series_id, hour) DO UPDATE SET checks = monitor_hourly.checks + 1, successes = monitor_hourly.successes + excluded.successes,
                    ok_ms = monitor_hourly.ok_ms + excluded.ok_ms, max_ms = CASE WHEN excluded.max_ms > monitor_hourly.max_ms THEN excluded.max_ms ELSE monitor_hourly.max_ms END;
                INSERT INTO monitor_daily (series_id, day, checks, successes, ok_ms, max_ms) VALUES (@id, @day, 1, @ok, @okMs, @okMs)
                ON CONFLICT (series_id, day) DO UPDATE SET checks = monitor_daily.checks + 1, successes = monitor_daily.successes + excluded.successes,
                    ok_ms = monitor_daily.ok_ms + excluded.ok_ms, max_ms = CASE WHEN excluded.max_ms > monitor_daily.max_ms THEN excluded.max_ms ELSE monitor_daily.max_ms END;
                """, p, tx, cancellationToken: cancellationToken));
            await c.ExecuteAsync(new CommandDefinition("""
                UPDATE monitor_series SET last_check = @LastCheck, last_outcome = @LastOutcome, last_elapsed_ms = @LastElapsedMs, failures = @Failures,
                    failing_since = @FailingSince, up_since = @UpSince, greeting = @Greeting, auth = @Auth, tls_protocol = @TlsProtocol,
                    certificate = @Certificate, cert_not_after = @CertNotAfter
                WHERE id = @Id
                """, new
                {
                    next.Id, LastCheck = Unix(at), next.LastOutcome, next.LastElapsedMs, next.Failures,
                    FailingSince = next.FailingSince is { } f ? Unix(f) : (long?)null, UpSince = next.UpSince is { } u ? Unix(u) : (long?)null,
                    next.Greeting, next.Auth, next.TlsProtocol, next.Certificate,
                    CertNotAfter = next.CertificateNotAfter is { } n ? Unix(n) : (long?)null,
                }, tx, cancellationToken: cancellationToken));
            foreach (var e in events)
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO monitor_events (series_id, at, kind, before, after) VALUES (@id, @at, @kind, @before, @after)",
                    new { id = next.Id, at = Unix(e.At), kind = e.Kind, before = e.Before, after = e.After }, tx, cancellationToken: cancellationToken));
        }
        await tx.CommitAsync(cancellationToken);
        return kept;
    }

    /// <summary>Deletes what is older than each table keeps; returns the rows deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("""
            DELETE FROM monitor_checks WHERE at < @checks;
            DELETE FROM monitor_spans WHERE last_at < @checks;
            DELETE FROM monitor_hourly WHERE hour < @hourly;
            DELETE FROM monitor_daily WHERE day < @daily;
            DELETE FROM monitor_events WHERE at < @events;
            DELETE FROM monitor_maintenance WHERE ends_at < @events;
            """, new
            {
                checks = Unix(now - KeepChecks), hourly = Unix(now - KeepHourly) / 3600 * 3600,
                daily = DayKey(Day(now).AddDays(-KeepDailyDays + 1)), events = Unix(now - KeepEvents),
            }, cancellationToken: cancellationToken));
    }

    /// <summary>Everything /status draws for these series, read at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyDictionary<long, SeriesHistory>> HistoryAsync(IReadOnlyList<long> ids, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var at = Unix(now);
        var hour = at / 3600 * 3600;
        var today = Day(now);
        // 24 h and 7 d from hourly rollups (the current hour and those before it), 30 and 90 d from Japan-time days.
        var args = new
        {
            ids, from24 = at - 86_400, h24 = hour - 23 * 3600, h7 = hour - 7 * 86_400 + 3600,
            d30 = DayKey(today.AddDays(-29)), d90 = DayKey(today.AddDays(-89)),
        };
        var hours = (await c.QueryAsync<(long Id, long? C24, long? S24, long C7, long S7)>(new CommandDefinition($"""
            SELECT series_id, sum(CASE WHEN hour >= @h24 THEN checks END), sum(CASE WHEN hour >= @h24 THEN successes END), sum(checks), sum(successes)
            FROM monitor_hourly WHERE {db.In("series_id", "ids")} AND hour >= @h7 GROUP BY series_id
            """, args, cancellationToken: cancellationToken))).ToDictionary(r => r.Id);
        var days = (await c.QueryAsync<(long Id, string Day, long Checks, long Successes, long OkMs, long MaxMs)>(new CommandDefinition($"""
            SELECT series_id, day, checks, successes, ok_ms, max_ms FROM monitor_daily WHERE {db.In("series_id", "ids")} AND day >= @d90
            """, args, cancellationToken: cancellationToken))).ToLookup(r => r.Id);
        var spans = (await c.QueryAsync<(long Id, long First, long Last, long Ok)>(new CommandDefinition($"""
            SELECT series_id, first_at, last_at, ok FROM monitor_spans WHERE {db.In("series_id", "ids")} AND last_at > @from24 ORDER BY series_id, first_at
            """, args, cancellationToken: cancellationToken))).ToLookup(r => r.Id);

        var result = new Dictionary<long, SeriesHistory>();
        foreach (var id in ids)
        {
            var byDay = days[id].ToDictionary(d => d.Day);
            var bars = Enumerable.Range(0, 90).Select(i =>
            {
                var day = today.AddDays(i - 89);
                return byDay.TryGetValue(DayKey(day), out var d)
                    ? new DayBar(day, (int)d.Checks, (int)d.Successes, d.Successes == 0 ? null : d.OkMs / d.Successes, d.MaxMs)
                    : new DayBar(day, 0, 0, null, 0);
            }).ToList();
            hours.TryGetValue(id, out var h);
            var d30 = days[id].Where(d => string.CompareOrdinal(d.Day, args.d30) >= 0).ToList();
            // Each span starts where the state flipped or a pause ended: its start and the end of the span before it.
            var list = spans[id].ToList();
            var changes = list.Select((s, i) => new CheckPoint(DateTimeOffset.FromUnixTimeSeconds(s.First), s.Ok != 0,
                i == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(list[i - 1].Last))).ToList();
            result[id] = new SeriesHistory(id, Percent(h.S24, h.C24), Percent(h.S7, h.C7),
                Percent(d30.Sum(d => d.Successes), d30.Sum(d => d.Checks)), Percent(days[id].Sum(d => d.Successes), days[id].Sum(d => d.Checks)),
                bars, changes);
        }
        return result;
    }

    private static double? Percent(long? ok, long? checks) => checks is > 0 ? 100.0 * (ok ?? 0) / checks.Value : null;

    public async Task<IReadOnlyList<StoredEvent>> EventsAsync(IReadOnlyList<long> ids, int limit, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<(long Id, string Kind, long At, string? Before, string? After)>(new CommandDefinition($"""
            SELECT series_id, kind, at, before, after FROM monitor_events WHERE {db.In("series_id", "ids")} ORDER BY at DESC, id DESC LIMIT @limit
            """, new { ids, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new StoredEvent(r.Id, r.Kind, DateTimeOffset.FromUnixTimeSeconds(r.At), r.Before, r.After)).ToList();
    }

    /// <summary>Notes that have not ended yet, soonest first.</summary>
    public async Task<IReadOnlyList<MaintenanceNote>> MaintenanceAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<(long Id, string Ja, string En, long From, long Until, string By)>(new CommandDefinition("""
            SELECT id, text_ja, text_en, starts_at, ends_at, created_by FROM monitor_maintenance WHERE ends_at > @now ORDER BY starts_at, id
            """, new { now = Unix(clock.GetUtcNow()) }, cancellationToken: cancellationToken));
        return rows.Select(r => new MaintenanceNote(r.Id, new Text(r.Ja, r.En), DateTimeOffset.FromUnixTimeSeconds(r.From),
            DateTimeOffset.FromUnixTimeSeconds(r.Until), r.By)).ToList();
    }

    public async Task<long> AddMaintenanceAsync(Text message, DateTimeOffset from, DateTimeOffset until, string by, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO monitor_maintenance (text_ja, text_en, starts_at, ends_at, created_by, created_at)
            VALUES (@ja, @en, @from, @until, @by, @now) RETURNING id
            """, new { ja = message.Ja, en = message.En, from = Unix(from), until = Unix(until), by, now = Unix(clock.GetUtcNow()) },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> DeleteMaintenanceAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM monitor_maintenance WHERE id = @id", new { id }, cancellationToken: cancellationToken)) > 0;
    }

    private sealed record SeriesRow(long Id, string Host, long Port, long? Last_Check, string? Last_Outcome, long? Last_Elapsed_Ms, long Failures,
        long? Failing_Since, long? Up_Since, string? Greeting, string? Auth, string? Tls_Protocol, string? Certificate, long? Cert_Not_After)
    {
        public SeriesState ToState() => new(Id, Host, (int)Port)
        {
            LastCheck = FromUnix(Last_Check), LastOutcome = Last_Outcome, LastElapsedMs = Last_Elapsed_Ms, Failures = (int)Failures,
            FailingSince = FromUnix(Failing_Since), UpSince = FromUnix(Up_Since), Greeting = Greeting, Auth = Auth, TlsProtocol = Tls_Protocol,
            Certificate = Certificate, CertificateNotAfter = FromUnix(Cert_Not_After),
        };
    }
}
