using Portal.Site;
using Portal.Content;

namespace Portal.Monitor;

/// <summary>A notice with what the API gives besides its text: the port for an outage, the times of maintenance.</summary>
public sealed record MonitorNotice(string Kind, Text Message, string? Host, int? Port, DateTimeOffset From, DateTimeOffset? Until);

/// <summary>
/// The notices for the home, tester and line-test pages: every port that is down, and every maintenance note in
/// its time. Their fingerprint is a reading-page source, so a cached home page changes with them.
/// </summary>
public sealed class MonitorNotices(RelayMonitor monitor, TimeProvider clock) : IServiceNotices, IReadingPageSource, IDisposable
{
    private long _published;
    private Action? _changed;
    private bool _subscribed;

    public IReadOnlyList<ServiceNotice> Current() => Of(monitor.Current, clock.GetUtcNow()).Select(n => new ServiceNotice(n.Kind, n.Message)).ToList();

    /// <summary>Maintenance in its time first, then every port that is down.</summary>
    public static IReadOnlyList<MonitorNotice> Of(MonitorSnapshot snapshot, DateTimeOffset now)
    {
        var list = new List<MonitorNotice>();
        foreach (var note in snapshot.Maintenance.Where(m => m.From <= now && now < m.Until))
            list.Add(new MonitorNotice("maintenance", MonitorText.MaintenanceNotice(note, now), null, null, note.From, note.Until));
        foreach (var target in snapshot.Targets)
        foreach (var port in target.Ports.Where(p => p.State == "down"))
            list.Add(new MonitorNotice("outage", MonitorText.OutageNotice(target.Target.Host.Trim(), port.Port, port.Since!.Value, now),
                target.Target.Host.Trim(), port.Port, port.Since!.Value, null));
        return list;
    }

    public string Name => "Service notices";

    /// <summary>Changes exactly when the notices' text does (a maintenance note starts or ends without a round, too).</summary>
    public long Version
    {
        get
        {
            long hash = 0;
            foreach (var n in Current()) hash = hash * 31 + StringComparer.Ordinal.GetHashCode(n.Message.Ja + n.Message.En);
            return hash & long.MaxValue;
        }
    }

    /// <summary>Raised when a round or a note changed the notices, so cached pages with the old ones are evicted.</summary>
    public event Action? Changed
    {
        add
        {
            _changed += value;
            if (_subscribed) return;
            _subscribed = true;
            _published = Version;
            monitor.Changed += OnMonitorChanged;
        }
        remove => _changed -= value;
    }

    private void OnMonitorChanged()
    {
        var now = Version;
        if (Interlocked.Exchange(ref _published, now) != now) _changed?.Invoke();
    }

    public void Dispose() => monitor.Changed -= OnMonitorChanged;
}
