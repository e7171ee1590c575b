using System.Globalization;
using System.Text.Json;
using Dapper;
using Portal.Data;
using Portal.Tester;
using Portal.Site;

namespace Portal.SavedResults;

/// <summary>
/// A kept test: what the customer saw (a tester <see cref="Report"/> or a <see cref="Line"/> test, by
/// <see cref="Kind"/>), and what only staff see.
/// </summary>
public sealed record StoredResult(string Id, string Kind, DateTimeOffset TestedAt, string? Ticket, string Host, TestReport? Report, StaffDetails Staff)
{
    public LineResult? Line { get; init; }
}

/// <summary>A finished line test as the customer saw it: each port arrived or not, the line's provider and the verdict.</summary>
public sealed record LineResult(string Code, IReadOnlyList<LinePort> Ports, string? ProviderJa, string? ProviderEn, string Outcome,
    Text Verdict, string HelpPath, Text HelpLabel);

public sealed record LinePort(int PublicPort, string Tls, string State, DateTimeOffset? At, string? TlsProtocol);

/// <summary>Staff-only: the client's address and each port's SMTP dialogue.</summary>
public sealed record StaffDetails(string Client, IReadOnlyDictionary<int, IReadOnlyList<string>> Dialogues);

/// <summary>One line of a staff search.</summary>
public sealed record ResultSummary(string Id, string Kind, DateTimeOffset TestedAt, string? Ticket, string Host);

public sealed record ResultQuery(string? Ticket = null, string? Id = null, string? Host = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>The results' SQL. Reads of expired rows return nothing even before the purge has run.</summary>
public sealed class ResultStore(Db db, TimeProvider clock, ResultsOptions options)
{
    public const int MaxListed = 200;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
    private string Oldest() => clock.GetUtcNow().UtcDateTime.AddDays(-options.RetentionDays).ToString("O", CultureInfo.InvariantCulture);

    public async Task<StoredResult> InsertAsync(string kind, string? ticket, TestReport report, StaffDetails staff, CancellationToken cancellationToken = default)
    {
        var kept = await InsertAsync(null, kind, ticket, report.AsciiHost, JsonSerializer.Serialize(report, Json), staff, cancellationToken);
        return new StoredResult(kept.Id, kind, kept.At, ticket, report.AsciiHost, report, staff);
    }

    /// <summary>A finished line test, under the ID the line test reserved.</summary>
    public async Task<StoredResult> InsertLineAsync(string id, string? ticket, LineResult line, StaffDetails staff, CancellationToken cancellationToken = default)
    {
        var kept = await InsertAsync(id, "line-test", ticket, "", JsonSerializer.Serialize(line, Json), staff, cancellationToken);
        return new StoredResult(kept.Id, "line-test", kept.At, ticket, "", null, staff) { Line = line };
    }

    private async Task<(string Id, DateTimeOffset At)> InsertAsync(string? givenId, string kind, string? ticket, string host, string publicJson, StaffDetails staff,
        CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // 50 random bits: a clash is next to impossible, but it would be a primary-key error, so draw again.
        for (var attempt = 0; ; attempt++)
        {
            var id = givenId ?? CrockfordId.New();
            try
            {
                await c.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO results (id, kind, tested_at, ticket, host, public_json, staff_json)
                    VALUES (@id, @kind, @at, @ticket, @host, @publicJson, @staffJson)
                    """, new { id, kind, at = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), ticket, host,
                        publicJson, staffJson = JsonSerializer.Serialize(staff, Json) },
                    cancellationToken: cancellationToken));
                return (id, now);
            }
            catch (Exception e) when (Db.IsUniqueViolation(e) && attempt < 3 && givenId is null)
            {
            }
        }
    }

    public async Task<StoredResult?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT id AS Id, kind AS Kind, tested_at AS TestedAt, ticket AS Ticket, host AS Host, public_json AS PublicJson, staff_json AS StaffJson
            FROM results WHERE id = @id AND tested_at >= @oldest
            """, new { id, oldest = Oldest() }, cancellationToken: cancellationToken));
        if (row is null) return null;
        var staff = JsonSerializer.Deserialize<StaffDetails>(row.StaffJson, Json)!;
        return row.Kind == "line-test"
            ? new StoredResult(row.Id, row.Kind, Parse(row.TestedAt), row.Ticket, row.Host, null, staff) { Line = JsonSerializer.Deserialize<LineResult>(row.PublicJson, Json) }
            : new StoredResult(row.Id, row.Kind, Parse(row.TestedAt), row.Ticket, row.Host, JsonSerializer.Deserialize<TestReport>(row.PublicJson, Json)!, staff);
    }

    /// <summary>Newest first, at most <see cref="MaxListed"/>; every given criterion must hold (dates are JST days, inclusive).</summary>
    public async Task<IReadOnlyList<ResultSummary>> SearchAsync(ResultQuery q, CancellationToken cancellationToken = default)
    {
        var jst = TimeSpan.FromHours(9);
        string? Day(DateOnly? d, int add) => d is { } day
            ? new DateTimeOffset(day.AddDays(add).ToDateTime(TimeOnly.MinValue), jst).UtcDateTime.ToString("O", CultureInfo.InvariantCulture) : null;
        // Only the criteria given go into the SQL, so SQLite can pick the index that fits (ticket, host or time).
        var where = new List<string> { "tested_at >= @oldest" };
        var args = new DynamicParameters(new { oldest = Oldest(), max = MaxListed });
        void Add(string sql, string name, object? value)
        {
            if (value is null) return;
            where.Add(sql);
            args.Add(name, value);
        }
        Add("ticket = @ticket", "ticket", Blank(q.Ticket));
        Add("id = @id", "id", CrockfordId.Normalize(q.Id) ?? Blank(q.Id));
        Add("host = @host", "host", Blank(q.Host)?.ToLowerInvariant());
        Add("tested_at >= @from", "from", Day(q.From, 0));
        Add("tested_at < @to", "to", Day(q.To, 1));
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<Row>(new CommandDefinition($"""
            SELECT id AS Id, kind AS Kind, tested_at AS TestedAt, ticket AS Ticket, host AS Host
            FROM results WHERE {string.Join(" AND ", where)}
            ORDER BY tested_at DESC LIMIT @max
            """, args, cancellationToken: cancellationToken));
        return rows.Select(r => new ResultSummary(r.Id, r.Kind, Parse(r.TestedAt), r.Ticket, r.Host)).ToList();
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM results WHERE id = @id", new { id }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Deletes results older than the retention period in batches of 5,000, each its own short transaction,
    /// so readers are never held up behind one long delete.
    /// </summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var oldest = Oldest();
        var total = 0;
        while (true)
        {
            await using var c = await db.OpenAsync(cancellationToken);
            var n = await c.ExecuteAsync(new CommandDefinition("""
                DELETE FROM results WHERE id IN (SELECT id FROM results WHERE tested_at < @oldest LIMIT 5000)
                """, new { oldest }, cancellationToken: cancellationToken));
            total += n;
            if (n < 5000) return total;
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    private static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string Kind { get; init; } = "";
        public string TestedAt { get; init; } = "";
        public string? Ticket { get; init; }
        public string Host { get; init; } = "";
        public string PublicJson { get; init; } = "";
        public string StaffJson { get; init; } = "";
    }
}
