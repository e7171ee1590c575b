using System.Threading.RateLimiting;

namespace Portal.Tester;

/// <summary>Tests per client address per minute, shared by the page and the API.</summary>
public sealed class TesterRateLimiter(TesterOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.TestsPerMinutePerClient,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when the client may run a test now; otherwise how long to wait.</summary>
    public TimeSpan? TryStart(string client)
    {
        using var lease = _limiter.AttemptAcquire(client);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();
}
