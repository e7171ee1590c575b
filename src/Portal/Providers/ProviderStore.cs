using System.Globalization;
using Dapper;
using Portal.Site;
using Portal.Data;

namespace Portal.Providers;

/// <summary>
/// The registry's SQL. Every statement is parameterised; customers' reads never see deleted rows.
/// Reads come from an in-memory copy of the live rows, reloaded after any write in this process
/// (RegistryVersion), so a search is a scan of folded strings rather than of the table.
/// </summary>
public sealed class ProviderStore(Db db, TimeProvider clock, RegistryVersion registry)
{
    private sealed record Snapshot(long Version, IReadOnlyList<(Provider Provider, string Folded)> Rows);
    private Snapshot? _snapshot;
    private readonly SemaphoreSlim _reload = new(1, 1);

    /// <summary>Live providers, optionally filtered by a folded substring of any name and by status.</summary>
    public async Task<IReadOnlyList<Provider>> ListAsync(string? query = null, string? status = null, CancellationToken cancellationToken = default)
    {
        var folded = string.IsNullOrWhiteSpace(query) ? null : TextFolding.Fold(query.Trim());
        var rows = (await CurrentAsync(cancellationToken)).Rows;
        return rows
            .Where(r => (status is null || r.Provider.Op25b == status) && (folded is null || r.Folded.Contains(folded, StringComparison.Ordinal)))
            .Select(r => r.Provider)
            .ToList();
    }

    /// <summary>The provider whose reverse-DNS suffix ends the host name; the longest suffix wins.</summary>
    public async Task<Provider?> MatchReverseDnsAsync(string? hostName, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(hostName) ? null : MatchReverseDns((await CurrentAsync(cancellationToken)).Rows.Select(r => r.Provider), hostName);

    public static Provider? MatchReverseDns(IEnumerable<Provider> providers, string hostName)
    {
        var host = hostName.Trim().TrimEnd('.').ToLowerInvariant();
        return providers
            .SelectMany(p => p.RdnsSuffixes.Select(s => (Provider: p, Suffix: s.Trim('.').ToLowerInvariant())))
            .Where(x => x.Suffix.Length > 0 && (host == x.Suffix || host.EndsWith("." + x.Suffix, StringComparison.Ordinal)))
            .OrderByDescending(x => x.Suffix.Length)
            .Select(x => x.Provider)
            .FirstOrDefault();
    }

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var version = registry.Value;
        if (_snapshot is { } s && s.Version == version) return s;
        await _reload.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } again && again.Version == version) return again;
            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = await connection.QueryAsync<ProviderRow>(new CommandDefinition($"""
                SELECT search_text AS SearchText, {ProviderRow.PublicColumns} FROM providers
                WHERE deleted_at IS NULL
                ORDER BY CASE WHEN kana <> '' THEN kana ELSE name_ja END, id
                """, cancellationToken: cancellationToken));
            return _snapshot = new Snapshot(version, rows.Select(r => (r.ToProvider(), r.SearchText)).ToList());
        }
        finally
        {
            _reload.Release();
        }
    }

    public async Task<Provider?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ProviderRow>(new CommandDefinition(
            $"SELECT {ProviderRow.PublicColumns} FROM providers WHERE id = @id AND deleted_at IS NULL", new { id }, cancellationToken: cancellationToken));
        return row?.ToProvider();
    }

    public async Task<long> InsertAsync(Provider p, string by, CancellationToken cancellationToken = default) =>
        (await InsertAllAsync([p], by, onlyIntoEmpty: false, cancellationToken))[0];

    /// <summary>Fills an empty registry in one transaction: one write, one change signal.</summary>
    public async Task<int> SeedAsync(IEnumerable<Provider> providers, CancellationToken cancellationToken = default) =>
        (await InsertAllAsync(providers.ToList(), "seed", onlyIntoEmpty: false, cancellationToken)).Count;

    /// <summary>
    /// Fills an empty registry from the seed; 0 when it already holds rows. The check and the fill are one
    /// transaction, under a lock, so portals starting at once on one database seed it once.
    /// </summary>
    public async Task<int> SeedIfEmptyAsync(IEnumerable<Provider> providers, CancellationToken cancellationToken = default) =>
        (await InsertAllAsync(providers.ToList(), "seed", onlyIntoEmpty: true, cancellationToken)).Count;

    /// <summary>The advisory lock key of the seeding on PostgreSQL.</summary>
    private const long SeedLock = 0x5A11_0003;

    private async Task<IReadOnlyList<long>> InsertAllAsync(IReadOnlyList<Provider> providers, string by, bool onlyIntoEmpty, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var ids = new List<long>();
        await using var connection = await db.OpenAsync(cancellationToken);
        // Under a lock, so the count sees what a portal seeding before this one committed.
        await using var tx = onlyIntoEmpty
            ? await db.BeginLockedAsync(connection, SeedLock, cancellationToken)
            : await connection.BeginTransactionAsync(cancellationToken);
        if (onlyIntoEmpty)
        {
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM providers", transaction: tx, cancellationToken: cancellationToken)) > 0)
                return [];
        }
        foreach (var p in providers)
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, Parameters(p, now, by), tx, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO provider_history (provider_id, changed_at, changed_by, action, before_json, after_json)
                VALUES (@id, @now, @by, 'create', NULL, @after)
                """, new { id, now, by, after = System.Text.Json.JsonSerializer.Serialize(p with { Id = id }) }, tx, cancellationToken: cancellationToken));
            ids.Add(id);
        }
        await tx.CommitAsync(cancellationToken);
        registry.Bump();
        return ids;
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*) FROM providers", cancellationToken: cancellationToken));
    }

    public static string SearchText(Provider p) => TextFolding.Fold(string.Join(" ", p.NameJa, p.NameEn, p.Kana, p.Operator, string.Join(" ", p.RdnsSuffixes)));

    /// <summary>INSERT of one provider, shared by creation here and by CSV import.</summary>
    internal const string InsertSql = """
        INSERT INTO providers (name_ja, name_en, kana, operator, op25b, since, submission_ports, notes, notes_ja, source_url,
                               rdns_suffixes, last_verified, search_text, created_at, updated_at, updated_by)
        VALUES (@NameJa, @NameEn, @Kana, @Operator, @Op25b, @Since, @Ports, @Notes, @NotesJa, @SourceUrl,
                @Rdns, @LastVerified, @SearchText, @now, @now, @by)
        RETURNING id
        """;

    /// <summary>UPDATE of every editable field at an expected version, shared by the edit form and CSV import.</summary>
    internal const string UpdateSql = """
        UPDATE providers SET name_ja = @NameJa, name_en = @NameEn, kana = @Kana, operator = @Operator, op25b = @Op25b,
            since = @Since, submission_ports = @Ports, notes = @Notes, notes_ja = @NotesJa, source_url = @SourceUrl, rdns_suffixes = @Rdns,
            last_verified = @LastVerified, search_text = @SearchText, updated_at = @now, updated_by = @by, version = version + 1
        WHERE id = @id AND version = @version AND deleted_at IS NULL
        """;

    internal static DynamicParameters Parameters(Provider p, string now, string by, long? id = null, long? version = null)
    {
        // The store holds the limits too: a value that did not come through the form or the import is refused, named.
        if (ProviderForm.Limits(p) is [var first, ..]) throw new ArgumentException(first.Message.En, first.Field);
        var parameters = new DynamicParameters(new
        {
            p.NameJa, p.NameEn, p.Kana, p.Operator, p.Op25b, p.Since, Ports = string.Join(",", p.SubmissionPorts), p.Notes, p.NotesJa, p.SourceUrl,
            Rdns = string.Join(" ", p.RdnsSuffixes), p.LastVerified, SearchText = SearchText(p), now, by,
        });
        if (id is not null) parameters.Add("id", id);
        if (version is not null) parameters.Add("version", version);
        return parameters;
    }
}
