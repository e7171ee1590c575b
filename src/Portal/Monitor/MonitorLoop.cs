using Portal.Data;

namespace Portal.Monitor;

/// <summary>Runs a round at start (after the jitter) and then every interval; a round that runs long delays the next, never overlaps it.</summary>
internal sealed class MonitorLoop(RelayMonitor monitor, MonitorLease lease, MonitorOptions options, TimeProvider clock,
    ChangeSignals signals, ILogger<MonitorLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Another portal's round or maintenance note: read it from the database now, not at the next tick.
        signals.Received += topic => { if (topic is RelayMonitor.Topic or "*") _ = RefreshAsync(stoppingToken); };
        try
        {
            await monitor.LoadAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Monitor: could not read its kept state");
        }
        if (options.Targets.Count == 0) return;
        logger.LogInformation("Monitor: watching {Targets} every {Interval} s", string.Join(", ", options.Targets.Select(t => $"{t.Host}:{string.Join('/', t.EffectivePorts)}")),
            options.IntervalSeconds);
        var wait = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            // One wait per round, jitter included, so a fake clock needs one step per round.
            await Task.Delay(wait + options.MaxJitter * Random.Shared.NextDouble(), clock, stoppingToken);
            var started = clock.GetUtcNow();
            try
            {
                // With several portals on one database, one runs the checks; the others read what it kept.
                if (await lease.TryHoldAsync(stoppingToken)) await monitor.RunRoundAsync(stoppingToken);
                else await monitor.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Monitor: a round failed");
            }
            wait = started + options.Interval - clock.GetUtcNow();
            if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        }
    }

    private async Task RefreshAsync(CancellationToken stoppingToken)
    {
        try
        {
            await monitor.RefreshAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Monitor: could not read the other portal's round");
        }
    }
}
