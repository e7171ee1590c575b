using Portal.Site;

namespace Portal.Tester;

/// <summary>One request for a tester run, as the page or the API received it.</summary>
public sealed record TesterRequest(string? Host, string? Ports, string? Ticket, string Client, Lang Lang);

/// <summary>
/// The one way a tester run starts, for the page and the API alike (the shape of LineTests.StartAsync). The checks
/// that keep the tester safe run here, in this order: ticket and target parsed → the client's rate limit → the host
/// resolved and every address vetted → probe capacity taken. The limit comes before vetting because vetting looks
/// the name up in DNS: a client over its limit makes no lookups. A refusal means nothing was connected to; a
/// started run probes and then keeps its result.
/// </summary>
public sealed class TesterRuns(TesterOptions options, TesterRateLimiter limiter, ProbeCapacity capacity, PortTester tester, ITestArchive archive)
{
    /// <param name="accepted">Called once the request has passed its limit, before the lookup: a page can show its rows.</param>
    public async Task<(TesterRun? Run, Refusal? Refusal)> StartAsync(TesterRequest request, Action<TestTarget>? accepted, CancellationToken cancellationToken)
    {
        if (SupportTicket.Check(request.Ticket) is { } bad) return (null, bad);
        var (target, refusal) = TestTargetParser.Parse(request.Host, request.Ports, options);
        if (refusal is not null) return (null, refusal);
        if (limiter.TryStart(request.Client) is { } wait)
            return (null, Refusal.RateLimited(TesterText.RateLimited.With(Math.Ceiling(wait.TotalSeconds)), wait));
        accepted?.Invoke(target!);
        var (test, vetting) = await tester.PrepareAsync(target!, cancellationToken);
        if (vetting is not null) return (null, vetting);
        var lease = capacity.TryTake(target!.Ports.Count);
        if (lease is null) return (null, PortTester.Busy);
        return (new TesterRun(request, test!, lease, tester, archive), null);
    }
}

/// <summary>A started run: it holds its probe capacity until it has run (or is disposed unrun).</summary>
public sealed class TesterRun(TesterRequest request, PreparedTest test, IDisposable lease, PortTester tester, ITestArchive archive) : IDisposable
{
    public TestTarget Target => test.Target;

    /// <summary>Probes every port (each row as it finishes to <paramref name="onRow"/>), then keeps the result.</summary>
    public async Task<(TestReport Report, ArchivedTest Kept)> RunAsync(Action<PortResult>? onRow, CancellationToken cancellationToken)
    {
        try
        {
            var report = await tester.RunAsync(test, onRow, cancellationToken);
            // Kept even if the caller has gone now: the result is what support will ask about.
            var kept = await archive.KeepAsync(report, request.Ticket, request.Client, request.Lang, CancellationToken.None);
            return (report, kept);
        }
        finally
        {
            lease.Dispose();
        }
    }

    public void Dispose() => lease.Dispose();
}
