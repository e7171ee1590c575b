using System.Globalization;
using Dapper;
using Portal.Data;
using Portal.Site;

namespace Portal.LineTest;

/// <summary>A line test as stored: its code, lifetime, optional support ticket and when the customer said "done".</summary>
public sealed record LineTestRecord
{
    public required string Code { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public string? Ticket { get; init; }
    public DateTimeOffset? DoneAt { get; init; }
    /// <summary>The ID the finished test was kept under (/r/{id}); null until then.</summary>
    public string? ResultId { get; init; }
    public IReadOnlyList<Arrival> Arrivals { get; init; } = [];
}

/// <summary>One port the customer's line reached: only what the issue allows us to keep.</summary>
public sealed record Arrival
{
    public int PublicPort { get; init; }
    public int Port { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Address { get; init; }
    public string? Tls { get; init; }
    public required string EhloName { get; init; }
}

/// <summary>The line-test tables. Times are stored as sortable UTC text so expiry is a string comparison.</summary>
public sealed class LineTestStore(Db db, TimeProvider clock, LineTestOptions options)
{
    // One writer at a time from this store: SQLite lets one write in at once, and writers that collide wait in
    // its busy handler's growing sleeps (50 customers' EHLOs at once took 1.5 s); a queue here takes milliseconds.
    private readonly SemaphoreSlim _write = new(1, 1);

    private async Task<T> WriteAsync<T>(Func<System.Data.Common.DbConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            // Line tests live 30 minutes: a power cut may lose the last ones, so they skip the fsync per commit
            // (WAL keeps the file consistent). Set back before the pooled connection serves anyone else.
            if (db.Provider != DatabaseProvider.Sqlite) return await write(connection);
            await connection.ExecuteAsync("PRAGMA synchronous = NORMAL");
            try { return await write(connection); }
            finally { await connection.ExecuteAsync("PRAGMA synchronous = FULL"); }
        }
        finally
        {
            _write.Release();
        }
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public async Task<LineTestRecord> CreateAsync(string? ticket, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return await WriteAsync(async connection =>
        {
        while (true)
        {
            var record = new LineTestRecord { Code = CrockfordId.New(), CreatedAt = now, ExpiresAt = now + options.CodeLifetime, Ticket = ticket };
            // 50 random bits make a clash unlikely; OR IGNORE turns one into another draw instead of an error.
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO line_tests (code, created_at, expires_at, ticket) VALUES (@Code, @created, @expires, @Ticket) ON CONFLICT DO NOTHING",
                new { record.Code, created = Iso(now), expires = Iso(record.ExpiresAt), record.Ticket }, cancellationToken: cancellationToken));
            if (inserted == 1) return record;
        }
        }, cancellationToken);
    }

    /// <summary>The line test with its arrivals, or null when the code is unknown or expired.</summary>
    public async Task<LineTestRecord?> GetAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT code AS Code, created_at AS CreatedAt, expires_at AS ExpiresAt, ticket AS Ticket, done_at AS DoneAt, result_id AS ResultId FROM line_tests WHERE code = @code AND expires_at > @now",
            new { code, now = Iso(clock.GetUtcNow()) }, cancellationToken: cancellationToken));
        if (row is null) return null;
        var arrivals = await connection.QueryAsync<ArrivalRow>(new CommandDefinition(
            "SELECT public_port AS PublicPort, port AS Port, at AS At, address AS Address, tls AS Tls, ehlo_name AS EhloName FROM line_test_arrivals WHERE code = @code ORDER BY at",
            new { code }, cancellationToken: cancellationToken));
        return new LineTestRecord
        {
            Code = row.Code, CreatedAt = Parse(row.CreatedAt), ExpiresAt = Parse(row.ExpiresAt), Ticket = row.Ticket,
            DoneAt = row.DoneAt is null ? null : Parse(row.DoneAt), ResultId = row.ResultId,
            Arrivals = arrivals.Select(a => new Arrival
            {
                PublicPort = a.PublicPort, Port = a.Port, At = Parse(a.At), Address = a.Address, Tls = a.Tls, EhloName = a.EhloName,
            }).ToList(),
        };
    }

    /// <summary>
    /// Records an EHLO that named an open line test. The first arrival on a port keeps its time and address;
    /// a later one under TLS adds the protocol. False when the code is unknown or expired.
    /// </summary>
    public async Task<bool> RecordArrivalAsync(string code, Arrival arrival, CancellationToken cancellationToken = default)
    {
        var changed = await WriteAsync(connection => connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO line_test_arrivals (code, public_port, port, at, address, tls, ehlo_name)
            SELECT code, @PublicPort, @Port, @at, @Address, @Tls, @EhloName FROM line_tests WHERE code = @code AND expires_at > @at
            ON CONFLICT (code, public_port) DO UPDATE SET tls = coalesce(line_test_arrivals.tls, excluded.tls)
            """, new { code, arrival.PublicPort, arrival.Port, at = Iso(arrival.At), arrival.Address, arrival.Tls, arrival.EhloName },
            cancellationToken: cancellationToken)), cancellationToken);
        return changed > 0;
    }

    /// <summary>The customer has run the command: ports still missing now count as "did not arrive".</summary>
    public async Task MarkDoneAsync(string code, CancellationToken cancellationToken = default)
    {
        await WriteAsync(connection => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE line_tests SET done_at = coalesce(done_at, @now) WHERE code = @code",
            new { code, now = Iso(clock.GetUtcNow()) }, cancellationToken: cancellationToken)), cancellationToken);
    }

    /// <summary>Reserves the result ID of a finished test; false when another request kept it first.</summary>
    public async Task<bool> ClaimResultAsync(string code, string id, CancellationToken cancellationToken = default) =>
        await WriteAsync(connection => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE line_tests SET result_id = @id WHERE code = @code AND result_id IS NULL",
            new { code, id }, cancellationToken: cancellationToken)), cancellationToken) == 1;

    /// <summary>Deletes expired line tests and, through the foreign key, their arrivals.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        return await WriteAsync(connection => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM line_tests WHERE expires_at <= @now", new { now = Iso(clock.GetUtcNow()) }, cancellationToken: cancellationToken)), cancellationToken);
    }

    private sealed class Row
    {
        public string Code { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string ExpiresAt { get; set; } = "";
        public string? Ticket { get; set; }
        public string? DoneAt { get; set; }
        public string? ResultId { get; set; }
    }

    private sealed class ArrivalRow
    {
        public int PublicPort { get; set; }
        public int Port { get; set; }
        public string At { get; set; } = "";
        public string Address { get; set; } = "";
        public string? Tls { get; set; }
        public string EhloName { get; set; } = "";
    }
}
