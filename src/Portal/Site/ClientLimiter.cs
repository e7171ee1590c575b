using System.Threading.RateLimiting;

namespace Portal.Site;

/// <summary>A fixed number of starts per client address per window, with how long to wait when refused.</summary>
public sealed class ClientLimiter(int permits, TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>Null when the client may go ahead now; otherwise how long to wait.</summary>
    public TimeSpan? TryStart(string client)
    {
        using var lease = _limiter.AttemptAcquire(client);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : window;
    }

    public void Dispose() => _limiter.Dispose();
}
