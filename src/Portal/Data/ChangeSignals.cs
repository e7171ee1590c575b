using Dapper;
using Npgsql;

namespace Portal.Data;

/// <summary>
/// Tells the other portals on the same PostgreSQL database that something changed ("registry", ...), through
/// LISTEN/NOTIFY, so each refreshes what it keeps in memory. A portal ignores its own signals. On SQLite there is
/// one portal, so nothing travels.
/// </summary>
public sealed class ChangeSignals(Db db, ILogger<ChangeSignals> logger) : BackgroundService
{
    public const string Channel = "portal_changes";

    /// <summary>This process, so its own notifications are not taken for another portal's.</summary>
    private readonly string _self = Guid.NewGuid().ToString("N");

    /// <summary>Raised with the topic when another portal signals a change.</summary>
    public event Action<string>? Received;

    /// <summary>Signals a change to the other portals; never throws (a lost signal costs freshness, not data).</summary>
    public async Task PublishAsync(string topic)
    {
        if (db.Provider != DatabaseProvider.Postgres) return;
        try
        {
            await using var c = await db.OpenAsync();
            await c.ExecuteAsync("SELECT pg_notify(@Channel, @payload)", new { Channel, payload = $"{_self} {topic}" });
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(e, "Could not signal the other portals that {Topic} changed", topic);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db.Provider != DatabaseProvider.Postgres) return;
        var reconnect = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var c = await db.OpenDedicatedAsync(stoppingToken);
                c.Notification += (_, n) =>
                {
                    var parts = n.Payload.Split(' ', 2);
                    if (parts.Length == 2 && parts[0] != _self) Received?.Invoke(parts[1]);
                };
                await c.ExecuteAsync($"LISTEN {Channel}");
                // A signal missed while the connection was down is made good by treating a reconnect as a change of everything.
                if (reconnect) Received?.Invoke("*");
                reconnect = true;
                while (!stoppingToken.IsCancellationRequested) await c.WaitAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Listening for other portals' changes failed; trying again in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }
}
