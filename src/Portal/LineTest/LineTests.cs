using System.Net;
using Portal.Site;

namespace Portal.LineTest;

/// <summary>Starting line tests, reading them back with their verdict, and the commands customers run.</summary>
public sealed class LineTests(LineTestOptions options, LineTestStore store, LineListeners listeners, ArrivalSignal signal,
    LineIdentifier identifier, TimeProvider clock, ILineTestArchive? archive = null) : IDisposable
{
    private readonly ClientLimiter _starts = new(options.StartsPerTenMinutesPerClient, TimeSpan.FromMinutes(10));

    public bool Enabled => options.Enabled;

    public IReadOnlyList<BoundListener> Ports => listeners.Bound;

    public async Task<(LineTestRecord? Test, Refusal? Refusal)> StartAsync(string client, string? ticket, CancellationToken cancellationToken = default)
    {
        if (!Enabled) return (null, new("line-test-off", LineTestText.Off, StatusCodes.Status503ServiceUnavailable));
        if (SupportTicket.Check(ticket) is { } bad) return (null, bad);
        if (_starts.TryStart(client) is { } wait)
            return (null, Refusal.RateLimited(LineTestText.RateLimited.With(Math.Ceiling(wait.TotalMinutes)), wait));
        return (await store.CreateAsync(ticket, cancellationToken), null);
    }

    /// <summary>
    /// The line test now. With <paramref name="waitForNames"/> reverse DNS is awaited (within its budget);
    /// without it only names already known are shown, and the lookups run on, announced through the signal.
    /// A finished test is kept as a result the first time it is read, unless <paramref name="keep"/> is false (HEAD).
    /// </summary>
    public async Task<LineTestReport?> ReportAsync(string code, bool waitForNames, CancellationToken cancellationToken = default, bool keep = true)
    {
        if (CrockfordId.Normalize(code) is not { } normalized) return null;
        var test = await store.GetAsync(normalized, cancellationToken);
        if (test is null) return null;
        var report = await BuildAsync(test, waitForNames);
        if (!report.Finished || test.ResultId is not null || archive is null || !keep) return report;
        // Kept once, with the line named: the kept verdict should say which provider it is.
        if (!waitForNames) report = await BuildAsync(test, waitForNames: true);
        var id = CrockfordId.New();
        if (!await store.ClaimResultAsync(test.Code, id, cancellationToken)) return report with { Test = await store.GetAsync(test.Code, cancellationToken) ?? test };
        report = report with { Test = test with { ResultId = id } };
        await archive.KeepAsync(id, report, CancellationToken.None);
        return report;
    }

    private async Task<LineTestReport> BuildAsync(LineTestRecord test, bool waitForNames)
    {
        var now = clock.GetUtcNow();
        var first = test.Arrivals.Count > 0 ? test.Arrivals.Min(a => a.At) : (DateTimeOffset?)null;
        var finishesAt = first + options.WaitAfterFirstArrival;
        var finished = test.DoneAt is not null || finishesAt <= now;

        var names = new Dictionary<string, LineIdentity?>();
        foreach (var address in test.Arrivals.Select(a => a.Address).Distinct())
            names[address] = waitForNames ? await identifier.IdentifyAsync(address) : Known(address, test.Code);

        var ports = Ports.Select(l =>
        {
            var arrival = test.Arrivals.FirstOrDefault(a => a.PublicPort == l.PublicPort);
            return new PortState(l, arrival, arrival is null ? null : names.GetValueOrDefault(arrival.Address)?.ReverseDns, finished && arrival is null);
        }).ToList();
        var line = names.Values.FirstOrDefault(n => n?.Provider is not null) ?? names.Values.FirstOrDefault(n => n is not null);
        return new LineTestReport(test, ports, finished, line, finished ? LineVerdicts.For(ports, line?.Provider) : null) { FinishesAt = finishesAt };
    }

    private LineIdentity? Known(string address, string code)
    {
        if (identifier.TryGetCached(address) is { } known) return known;
        _ = identifier.IdentifyAsync(address).ContinueWith(_ => signal.Publish(code), TaskScheduler.Default);
        return null;
    }

    public async Task DoneAsync(string code, CancellationToken cancellationToken = default)
    {
        await store.MarkDoneAsync(code, cancellationToken);
        signal.Publish(code);
    }

    /// <summary>
    /// One curl invocation that tries every port (--next starts the next URL with fresh options), the same on
    /// every system but for curl.exe on Windows, where PowerShell's "curl" is another command.
    /// </summary>
    public static LineCommands Commands(string host, string code, IEnumerable<BoundListener> ports, bool useListenerPorts = false)
    {
        var h = IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
        var urls = ports.Select(p => (p.Tls, Port: useListenerPorts ? p.Port : p.PublicPort) switch
        {
            ("implicit", var n) => $"-sv -k --connect-timeout 10 smtps://{h}:{n}/{code}",
            ("starttls", var n) => $"-sv -k --ssl-reqd --connect-timeout 10 smtp://{h}:{n}/{code}",
            (_, var n) => $"-sv --connect-timeout 10 smtp://{h}:{n}/{code}",
        });
        var args = string.Join(" --next ", urls);
        return new LineCommands($"curl.exe {args}", $"curl {args}", $"curl {args}");
    }

    public void Dispose() => _starts.Dispose();
}
