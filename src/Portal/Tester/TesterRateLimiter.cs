using Portal.Site;

namespace Portal.Tester;

/// <summary>Tests per client address per minute, shared by the page and the API.</summary>
public sealed class TesterRateLimiter(TesterOptions options) : IDisposable
{
    private readonly ClientLimiter _limiter = new(options.TestsPerMinutePerClient, TimeSpan.FromMinutes(1));

    /// <summary>Null when the client may run a test now; otherwise how long to wait.</summary>
    public TimeSpan? TryStart(string client) => _limiter.TryStart(client);

    public void Dispose() => _limiter.Dispose();
}
