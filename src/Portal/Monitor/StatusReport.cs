using Portal.Tester;

namespace Portal.Monitor;

public sealed record PortStatus(SeriesState State, string Mode, SeriesHistory History, int? CertificateDaysLeft)
{
    public const int CertificateWarnDays = 21;
    public bool CertificateWarning => CertificateDaysLeft is < CertificateWarnDays;
}

public sealed record TargetStatus(string Name, string Host, IReadOnlyList<PortStatus> Ports, IReadOnlyList<StoredEvent> Events);

/// <summary>Everything /status and /api/status show, read once.</summary>
public sealed record StatusReport(DateTimeOffset Now, DateTimeOffset? CheckedAt, TimeSpan Interval, IReadOnlyList<TargetStatus> Targets,
    IReadOnlyList<MaintenanceNote> Maintenance, IReadOnlyList<MonitorNotice> Notices);

public sealed class StatusReader(RelayMonitor monitor, MonitorStore store, MonitorOptions options, TesterOptions tester, TimeProvider clock)
{
    public const int EventsShown = 20;

    public async Task<StatusReport> ReadAsync(CancellationToken cancellationToken)
    {
        await monitor.LoadAsync(cancellationToken);
        var snapshot = monitor.Current;
        var now = clock.GetUtcNow();
        var ids = snapshot.Targets.SelectMany(t => t.Ports.Select(p => p.Id)).ToList();
        var history = ids.Count == 0 ? new Dictionary<long, SeriesHistory>() : await store.HistoryAsync(ids, now, cancellationToken);
        var targets = new List<TargetStatus>();
        foreach (var t in snapshot.Targets)
        {
            var events = await store.EventsAsync(t.Ports.Select(p => p.Id).ToList(), EventsShown, cancellationToken);
            targets.Add(new TargetStatus(t.Target.Name.Trim(), t.Target.Host.Trim(), t.Ports.Select(p => new PortStatus(p,
                tester.IsImplicitTls(p.Port) ? "implicit-tls" : "starttls", history[p.Id],
                p.CertificateNotAfter is { } end && !string.IsNullOrEmpty(p.Certificate) ? (int)Math.Floor((end - now).TotalDays) : null)).ToList(), events));
        }
        return new StatusReport(now, snapshot.CheckedAt, options.Interval, targets,
            snapshot.Maintenance.Where(m => m.Until > now).ToList(), MonitorNotices.Of(snapshot, now));
    }
}
