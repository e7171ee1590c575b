using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Portal.Data;

namespace Portal.Providers;

/// <summary>
/// CSV files kept on the server between preview and apply (30 minutes), so the form carries only an ID,
/// with the version of every provider the preview saw. Only the staff member who uploaded one can apply it.
/// </summary>
public sealed class ImportUploads(Db db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    public const long MaxFileBytes = 5 * 1024 * 1024;

    public async Task<string> SaveAsync(byte[] content, IReadOnlyDictionary<long, long> versions, string by, CancellationToken cancellationToken = default)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var c = await db.OpenAsync(cancellationToken);
        // Expired uploads go whenever a new one arrives.
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM import_uploads WHERE created_at < @oldest",
            new { oldest = Stamp(clock.GetUtcNow() - Lifetime) }, cancellationToken: cancellationToken));
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO import_uploads (id, created_at, created_by, content, versions_json) VALUES (@id, @now, @by, @content, @versions)
            """, new { id, now = Stamp(clock.GetUtcNow()), by, content, versions = JsonSerializer.Serialize(versions) }, cancellationToken: cancellationToken));
        return id;
    }

    /// <summary>The file and the versions its preview saw; null when unknown, expired or uploaded by someone else.</summary>
    public async Task<(byte[] Content, IReadOnlyDictionary<long, long> Versions)?> LoadAsync(string id, string by, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<(byte[] Content, string Versions)>(new CommandDefinition("""
            SELECT content, versions_json FROM import_uploads WHERE id = @id AND created_by = @by AND created_at >= @oldest
            """, new { id, by, oldest = Stamp(clock.GetUtcNow() - Lifetime) }, cancellationToken: cancellationToken));
        return row.Content is null ? null : (row.Content, JsonSerializer.Deserialize<Dictionary<long, long>>(row.Versions)!);
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM import_uploads WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    private static string Stamp(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
