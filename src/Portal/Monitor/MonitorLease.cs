using System.Data.Common;
using Dapper;
using Portal.Data;

namespace Portal.Monitor;

/// <summary>
/// Which portal runs the checks when several share a PostgreSQL database: the one holding an advisory lock on a
/// connection it keeps open. If that portal dies, its connection ends, the lock is free, and the next portal to
/// try (each tries once per interval) takes over. On SQLite there is one portal, so it always holds the lease.
/// </summary>
public sealed class MonitorLease(Db db, ILogger<MonitorLease> logger) : IAsyncDisposable
{
    /// <summary>The advisory lock key of the monitor (the migrations use another).</summary>
    public const long Key = 0x5A11_0002;

    private DbConnection? _held;

    /// <summary>True while this portal holds the lease on PostgreSQL.</summary>
    public bool Held => _held is not null;

    public async Task<bool> TryHoldAsync(CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres) return true;
        if (_held is not null)
        {
            try
            {
                await _held.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
                return true;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
            {
                // The server or the network dropped the session, and the lock with it: try again like any other portal.
                logger.LogWarning(e, "Monitor: lost the connection holding the monitor lease");
                await ReleaseAsync();
            }
        }
        var connection = await db.OpenDedicatedAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@Key)", new { Key }, cancellationToken: cancellationToken)))
        {
            _held = connection;
            logger.LogInformation("Monitor: this portal runs the checks (it holds the monitor lease)");
            return true;
        }
        await connection.DisposeAsync();
        return false;
    }

    private async Task ReleaseAsync()
    {
        if (_held is null) return;
        try { await _held.DisposeAsync(); } catch (Exception e) when (e is DbException or IOException) { }
        _held = null;
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();
}
