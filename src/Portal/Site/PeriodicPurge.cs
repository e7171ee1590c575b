namespace Portal.Site;

/// <summary>
/// A purge that runs at start and then every <paramref name="every"/>: expired line tests, old search-miss counts,
/// expired results. A failure is logged and the next round tries again.
/// </summary>
public abstract class PeriodicPurge(TimeSpan every, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>What is deleted, for the log: "expired line tests".</summary>
    protected abstract string What { get; }

    protected abstract Task<int> PurgeAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every, clock);
        do
        {
            try
            {
                if (await PurgeAsync(stoppingToken) is var n and > 0) logger.LogInformation("Deleted {Count} {What}", n, What);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not delete {What}", What);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
