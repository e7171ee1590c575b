using Dapper;
using Portal.Data;

namespace Portal.Staff;

/// <summary>
/// Failed sign-ins per client address across all accounts: stops password spraying, and stops one
/// address from locking out every account. A slot is taken before the password is checked, so
/// parallel attempts cannot overrun the limit; a success gives its slot back. The failures are kept in
/// the database, so every portal on it counts the same ones.
/// </summary>
public sealed class SignInThrottle(Db db, TimeProvider clock)
{
    public const int MaxFailures = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>The advisory lock key on PostgreSQL: the count and the insert are one step across portals.</summary>
    private const long LockKey = 0x5A11_0004;

    /// <summary>The slot taken, to give back on success; null when the address has used up its failures for now.</summary>
    public async Task<long?> TryTakeAsync(string address, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var since = now - (long)Window.TotalMilliseconds;
        await using var c = await db.OpenAsync(cancellationToken);
        await using var tx = await db.BeginLockedAsync(c, LockKey, cancellationToken);
        // Forget failures that have left the window, so the table stays small.
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM sign_in_failures WHERE at <= @since", new { since }, tx, cancellationToken: cancellationToken));
        var count = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM sign_in_failures WHERE address = @address", new { address }, tx, cancellationToken: cancellationToken));
        if (count >= MaxFailures) return null;
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO sign_in_failures (address, at) VALUES (@address, @now) RETURNING id", new { address, now }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>The attempt succeeded: it does not count as a failure.</summary>
    public async Task GiveBackAsync(long slot, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM sign_in_failures WHERE id = @slot", new { slot }, cancellationToken: cancellationToken));
    }
}
