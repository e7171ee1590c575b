using System.Globalization;
using Dapper;
using Portal.Content;
using Portal.Data;

namespace Portal.Providers;

/// <summary>The registry's SQL. Every statement is parameterised; customers' reads never see deleted rows.</summary>
public sealed class ProviderStore(Db db, TimeProvider clock)
{
    private const string PublicColumns = """
        id AS Id, name_ja AS NameJa, name_en AS NameEn, kana AS Kana, operator AS Operator, op25b AS Op25b,
        since AS Since, submission_ports AS SubmissionPorts, notes AS Notes, source_url AS SourceUrl,
        rdns_suffixes AS RdnsSuffixes, last_verified AS LastVerified, updated_at AS UpdatedAt
        """;

    /// <summary>Live providers, optionally filtered by a folded substring of any name and by status.</summary>
    public async Task<IReadOnlyList<Provider>> ListAsync(string? query = null, string? status = null, CancellationToken cancellationToken = default)
    {
        var folded = string.IsNullOrWhiteSpace(query) ? null : Escape(ContentSearch.Fold(query.Trim()));
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {PublicColumns} FROM providers
            WHERE deleted_at IS NULL
              AND (@status IS NULL OR op25b = @status)
              AND (@folded IS NULL OR search_text LIKE '%' || @folded || '%' ESCAPE '\')
            ORDER BY CASE WHEN kana <> '' THEN kana ELSE name_ja END, id
            """, new { status, folded }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToProvider()).ToList();
    }

    public async Task<Provider?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {PublicColumns} FROM providers WHERE id = @id AND deleted_at IS NULL", new { id }, cancellationToken: cancellationToken));
        return row?.ToProvider();
    }

    public async Task<long> InsertAsync(Provider p, string by, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO providers (name_ja, name_en, kana, operator, op25b, since, submission_ports, notes, source_url,
                                   rdns_suffixes, last_verified, search_text, created_at, updated_at, updated_by)
            VALUES (@NameJa, @NameEn, @Kana, @Operator, @Op25b, @Since, @Ports, @Notes, @SourceUrl,
                    @Rdns, @LastVerified, @SearchText, @now, @now, @by)
            RETURNING id
            """, Parameters(p, now, by), tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO provider_history (provider_id, changed_at, changed_by, action, before_json, after_json)
            VALUES (@id, @now, @by, 'create', NULL, @after)
            """, new { id, now, by, after = System.Text.Json.JsonSerializer.Serialize(p with { Id = id }) }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*) FROM providers", cancellationToken: cancellationToken));
    }

    public static string SearchText(Provider p) => ContentSearch.Fold(string.Join(" ", p.NameJa, p.NameEn, p.Kana, p.Operator, string.Join(" ", p.RdnsSuffixes)));

    private static object Parameters(Provider p, string now, string by) => new
    {
        p.NameJa, p.NameEn, p.Kana, p.Operator, p.Op25b, p.Since, Ports = string.Join(",", p.SubmissionPorts), p.Notes, p.SourceUrl,
        Rdns = string.Join(" ", p.RdnsSuffixes), p.LastVerified, SearchText = SearchText(p), now, by,
    };

    private static string Escape(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private sealed record Row(long Id, string NameJa, string NameEn, string Kana, string Operator, string Op25b, string Since,
        string SubmissionPorts, string Notes, string SourceUrl, string RdnsSuffixes, string? LastVerified, string UpdatedAt)
    {
        public Provider ToProvider() => new()
        {
            Id = Id, NameJa = NameJa, NameEn = NameEn, Kana = Kana, Operator = Operator, Op25b = Op25b, Since = Since,
            SubmissionPorts = SubmissionPorts.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(),
            Notes = Notes, SourceUrl = SourceUrl,
            RdnsSuffixes = RdnsSuffixes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            LastVerified = LastVerified, UpdatedAt = UpdatedAt,
        };
    }
}
