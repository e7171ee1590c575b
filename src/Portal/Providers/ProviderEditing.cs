using System.Globalization;
using System.Text.Json;
using Dapper;
using Portal.Data;
using Portal.Content;

namespace Portal.Providers;

/// <summary>A provider as staff edit it: with its version (for optimistic concurrency) and deletion state.</summary>
public sealed record EditableProvider(Provider Provider, long Version, string? DeletedAt, string UpdatedBy);

public sealed record HistoryEntry(long Id, string ChangedAt, string ChangedBy, string Action, Provider? Before, Provider? After);

/// <summary>The outcome of a save: saved, or refused because someone else saved first (with what they changed).</summary>
public sealed record SaveResult(bool Saved, long Version, EditableProvider? Current, IReadOnlyList<FieldChange> TheirChanges)
{
    public static SaveResult Ok(long version) => new(true, version, null, []);
}

public sealed record FieldChange(string Field, string Before, string After);

/// <summary>A provider that changed between an import's preview and its apply.</summary>
public sealed record StaleProvider(long Id, string NameJa);

/// <summary>Rows written, or (with nothing written) the providers that changed since the preview.</summary>
public sealed record ImportResult(int Count, IReadOnlyList<StaleProvider> Changed);

/// <summary>Staff-side SQL: update with a version check, soft delete, restore, history. Every write is logged with before and after.</summary>
public sealed class ProviderEditing(Db db, TimeProvider clock, RegistryVersion registry)
{
    public async Task<EditableProvider?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<ProviderRow>(new CommandDefinition($"SELECT {ProviderRow.StaffColumns} FROM providers WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToEditable();
    }

    public async Task<IReadOnlyList<EditableProvider>> ListAsync(bool includeDeleted, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<ProviderRow>(new CommandDefinition(
            $"SELECT {ProviderRow.StaffColumns} FROM providers WHERE @includeDeleted OR deleted_at IS NULL ORDER BY name_ja, id", new { includeDeleted }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEditable()).ToList();
    }

    /// <summary>Saves when the row is still at <paramref name="expectedVersion"/>; otherwise nothing is written.</summary>
    public async Task<SaveResult> UpdateAsync(long id, long expectedVersion, Provider values, string by, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await using var tx = await db.BeginWriteAsync(c, cancellationToken);
        var before = await c.QuerySingleOrDefaultAsync<ProviderRow>(new CommandDefinition($"SELECT {ProviderRow.StaffColumns} FROM providers WHERE id = @id", new { id }, tx, cancellationToken: cancellationToken));
        if (before is null || before.DeletedAt is not null || before.Version != expectedVersion)
        {
            var theirs = before is null ? [] : await ChangesSinceAsync(c, tx, id, expectedVersion, cancellationToken);
            return new SaveResult(false, before?.Version ?? 0, before?.ToEditable(), theirs);
        }
        var now = Now();
        await c.ExecuteAsync(new CommandDefinition(ProviderStore.UpdateSql, ProviderStore.Parameters(values, now, by, id, expectedVersion), tx, cancellationToken: cancellationToken));
        await LogAsync(c, tx, id, now, by, "update", before.ToProvider(), values with { Id = id, UpdatedAt = now }, expectedVersion + 1, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        registry.Bump();
        return SaveResult.Ok(expectedVersion + 1);
    }

    /// <summary>
    /// Applies a whole import plan in one transaction: every row, or none. Each update is made only at the
    /// version the preview saw; if any provider named in the file changed since, nothing is written and
    /// those providers are returned.
    /// </summary>
    public async Task<ImportResult> ApplyAsync(ImportPlan plan, string by, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await using var tx = await db.BeginWriteAsync(c, cancellationToken);
        // First: a provider changed since the preview explains any difference in the plan, so it is reported as such.
        var stale = await ChangedSinceAsync(c, tx, plan.Versions ?? new Dictionary<long, long>(), cancellationToken);
        if (stale.Count > 0) return new ImportResult(0, stale);
        if (!plan.CanApply) throw new InvalidOperationException("the plan has problems or nothing to do");

        var now = Now();
        foreach (var add in plan.Adds)
        {
            var v = add.Values;
            var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(ProviderStore.InsertSql, ProviderStore.Parameters(v, now, by), tx, cancellationToken: cancellationToken));
            await LogAsync(c, tx, id, now, by, "import", null, v with { Id = id }, 1, cancellationToken);
        }
        foreach (var (line, _) in plan.Changes)
        {
            var before = await c.QuerySingleAsync<ProviderRow>(new CommandDefinition($"SELECT {ProviderRow.StaffColumns} FROM providers WHERE id = @id", new { id = line.Id }, tx, cancellationToken: cancellationToken));
            var expected = line.Version ?? before.Version;
            var v = line.Values;
            if (await c.ExecuteAsync(new CommandDefinition(ProviderStore.UpdateSql, ProviderStore.Parameters(v, now, by, line.Id, expected), tx, cancellationToken: cancellationToken)) != 1)
                return new ImportResult(0, [new StaleProvider(line.Id!.Value, before.NameJa)]);   // rolled back on dispose
            await LogAsync(c, tx, line.Id!.Value, now, by, "import", before.ToProvider(), v with { Id = line.Id.Value }, expected + 1, cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        registry.Bump();
        return new ImportResult(plan.Adds.Count + plan.Changes.Count, []);
    }

    /// <summary>The providers whose version is no longer the one given (edited, deleted or restored since).</summary>
    private static async Task<IReadOnlyList<StaleProvider>> ChangedSinceAsync(System.Data.Common.DbConnection c, System.Data.IDbTransaction tx,
        IReadOnlyDictionary<long, long> versions, CancellationToken cancellationToken)
    {
        if (versions.Count == 0) return [];
        var current = (await c.QueryAsync<(long Id, long Version, string NameJa)>(new CommandDefinition(
            "SELECT id, version, name_ja FROM providers", transaction: tx, cancellationToken: cancellationToken))).ToDictionary(r => r.Id);
        return versions.Where(v => !current.TryGetValue(v.Key, out var now) || now.Version != v.Value)
            .Select(v => new StaleProvider(v.Key, current.TryGetValue(v.Key, out var now) ? now.NameJa : "")).OrderBy(p => p.Id).ToList();
    }

    public Task<bool> DeleteAsync(long id, string by, CancellationToken cancellationToken = default) =>
        SetDeletedAsync(id, by, deleted: true, cancellationToken);

    public Task<bool> RestoreAsync(long id, string by, CancellationToken cancellationToken = default) =>
        SetDeletedAsync(id, by, deleted: false, cancellationToken);

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<(long Id, string ChangedAt, string ChangedBy, string Action, string? BeforeJson, string? AfterJson)>(
            new CommandDefinition("SELECT id, changed_at, changed_by, action, before_json, after_json FROM provider_history WHERE provider_id = @id ORDER BY id DESC",
                new { id }, cancellationToken: cancellationToken));
        return rows.Select(r => new HistoryEntry(r.Id, r.ChangedAt, r.ChangedBy, r.Action, Parse(r.BeforeJson), Parse(r.AfterJson))).ToList();
    }

    public static IReadOnlyList<FieldChange> Diff(Provider? before, Provider? after)
    {
        if (before is null || after is null) return [];
        var fields = new (string Name, Func<Provider, string> Get)[]
        {
            ("name_ja", p => p.NameJa), ("name_en", p => p.NameEn), ("kana", p => p.Kana), ("operator", p => p.Operator),
            ("op25b", p => p.Op25b), ("since", p => p.Since), ("submission_ports", p => string.Join(",", p.SubmissionPorts)),
            ("notes", p => p.Notes), ("notes_ja", p => p.NotesJa), ("source_url", p => p.SourceUrl), ("rdns_suffixes", p => string.Join(" ", p.RdnsSuffixes)),
            ("last_verified", p => p.LastVerified ?? ""),
        };
        return fields.Where(f => f.Get(before) != f.Get(after)).Select(f => new FieldChange(f.Name, f.Get(before), f.Get(after))).ToList();
    }

    private async Task<bool> SetDeletedAsync(long id, string by, bool deleted, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await using var tx = await db.BeginWriteAsync(c, cancellationToken);
        var before = await c.QuerySingleOrDefaultAsync<ProviderRow>(new CommandDefinition($"SELECT {ProviderRow.StaffColumns} FROM providers WHERE id = @id", new { id }, tx, cancellationToken: cancellationToken));
        if (before is null || (before.DeletedAt is not null) == deleted) return false;
        var now = Now();
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE providers SET deleted_at = @deletedAt, updated_at = @now, updated_by = @by, version = version + 1 WHERE id = @id",
            new { deletedAt = deleted ? now : null, now, by, id }, tx, cancellationToken: cancellationToken));
        var provider = before.ToProvider();
        await LogAsync(c, tx, id, now, by, deleted ? "delete" : "restore", provider, provider, before.Version + 1, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        registry.Bump();
        return true;
    }

    private static async Task<IReadOnlyList<FieldChange>> ChangesSinceAsync(System.Data.Common.DbConnection c, System.Data.IDbTransaction tx, long id, long version, CancellationToken ct)
    {
        // The history rows written after the version the editor started from, oldest first: what the other person changed.
        var rows = (await c.QueryAsync<(string? Before, string? After)>(new CommandDefinition(
            "SELECT before_json, after_json FROM provider_history WHERE provider_id = @id AND version > @version ORDER BY id",
            new { id, version }, tx, cancellationToken: ct))).ToList();
        if (rows.Count == 0) return [];
        return Diff(Parse(rows[0].Before), Parse(rows[^1].After));
    }

    private static async Task LogAsync(System.Data.Common.DbConnection c, System.Data.IDbTransaction tx, long id, string now, string by, string action,
        Provider? before, Provider? after, long version, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO provider_history (provider_id, changed_at, changed_by, action, before_json, after_json, version)
            VALUES (@id, @now, @by, @action, @before, @after, @version)
            """, new { id, now, by, action, before = Json(before), after = Json(after), version }, tx, cancellationToken: ct));

    private static string? Json(Provider? p) => p is null ? null : JsonSerializer.Serialize(p);
    private static Provider? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<Provider>(json);
    private string Now() => clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>
/// Counts registry writes, so cached pages that show the registry, the in-memory copy and the search index are
/// replaced. A write here is signalled to the other portals on the same database, and theirs arrive here.
/// </summary>
public sealed class RegistryVersion : IReadingPageSource
{
    public const string Topic = "registry";
    private long _value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly ChangeSignals? _signals;

    public RegistryVersion() { }

    public RegistryVersion(ChangeSignals signals)
    {
        _signals = signals;
        signals.Received += topic => { if (topic is Topic or "*") BumpHere(); };
    }

    public event Action? Changed;
    public string Name => "Provider registry";
    public long Value => Interlocked.Read(ref _value);
    long IReadingPageSource.Version => Value;

    /// <summary>After a committed write.</summary>
    public void Bump()
    {
        BumpHere();
        if (_signals is not null) _ = _signals.PublishAsync(Topic);
    }

    private void BumpHere()
    {
        Interlocked.Increment(ref _value);
        Changed?.Invoke();
    }
}
