using System.Globalization;
using Dapper;
using Portal.Data;
using Portal.Site;

namespace Portal.Search;

public sealed record SearchMiss(string Query, string Lang, long Count, string LastDay);

/// <summary>
/// Counts searches that found nothing, per day: only the query (folded, so spelling variants count together) and
/// the language. Rows older than <see cref="KeepDays"/> are purged, and a day takes at most <see cref="MaxPerDay"/>
/// different queries, so a flood of junk cannot grow the table without end.
/// </summary>
public sealed class SearchMisses(Db db, TimeProvider clock)
{
    public const int KeepDays = 90;
    public const int MaxPerDay = 5000;

    public static string Normalize(string query)
    {
        var q = string.Join(' ', TextFolding.Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return q.Length > SearchIndex.MaxQueryLength ? q[..SearchIndex.MaxQueryLength] : q;
    }

    public async Task RecordAsync(Lang lang, string query, CancellationToken cancellationToken = default)
    {
        var q = Normalize(query);
        if (q.Length == 0) return;
        await using var c = await db.OpenAsync(cancellationToken);
        // The cap counts only new queries: one already seen today is still counted.
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO search_misses (day, lang, query) SELECT @day, @lang, @q
            WHERE EXISTS (SELECT 1 FROM search_misses WHERE day = @day AND lang = @lang AND query = @q)
               OR (SELECT count(*) FROM search_misses WHERE day = @day) < @max
            ON CONFLICT (day, lang, query) DO UPDATE SET count = search_misses.count + 1
            """, new { day = Today(), lang = lang.Code(), q, max = MaxPerDay }, cancellationToken: cancellationToken));
    }

    /// <summary>The most frequent misses over the last <paramref name="days"/> days, at most 50.</summary>
    public async Task<IReadOnlyList<SearchMiss>> TopAsync(int days, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<Row>(new CommandDefinition("""
            SELECT query AS Query, lang AS Lang, sum(count) AS Count, max(day) AS LastDay
            FROM search_misses WHERE day >= @from
            GROUP BY lang, query ORDER BY Count DESC, LastDay DESC, query LIMIT 50
            """, new { from = Day(clock.GetUtcNow().AddDays(1 - days)) }, cancellationToken: cancellationToken));
        return rows.Select(r => new SearchMiss(r.Query, r.Lang, r.Count, r.LastDay)).ToList();
    }

    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM search_misses WHERE day < @from",
            new { from = Day(clock.GetUtcNow().AddDays(-KeepDays)) }, cancellationToken: cancellationToken));
    }

    // Days in Japan's time, as staff read them.
    private string Today() => Day(clock.GetUtcNow());
    private static string Day(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class Row
    {
        public string Query { get; init; } = "";
        public string Lang { get; init; } = "";
        public long Count { get; init; }
        public string LastDay { get; init; } = "";
    }
}
