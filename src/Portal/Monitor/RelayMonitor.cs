using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Portal.Tester;
using Portal.Data;

namespace Portal.Monitor;

/// <summary>A configured target with its ports' current states, in the configured order.</summary>
public sealed record WatchedTarget(MonitorTarget Target, IReadOnlyList<SeriesState> Ports);

/// <summary>What the monitor knows now: kept in memory, so notices cost nothing per request.</summary>
public sealed record MonitorSnapshot(IReadOnlyList<WatchedTarget> Targets, DateTimeOffset? CheckedAt, long Round, IReadOnlyList<MaintenanceNote> Maintenance)
{
    public static readonly MonitorSnapshot Empty = new([], null, 0, []);
}

/// <summary>
/// Checks every port of every target with the tester's own probe. The operator's targets are trusted: they come
/// only from configuration, so private addresses need no allow-list. Rounds never overlap. With several portals on
/// one PostgreSQL database, a round or a change of the notes is signalled, and the others read it at once.
/// </summary>
public sealed class RelayMonitor(MonitorOptions options, TesterOptions tester, MonitorStore store, IHostResolver resolver, SmtpProbe probe,
    TimeProvider clock, ILogger<RelayMonitor> logger, ChangeSignals? signals = null)
{
    /// <summary>The signal topic of a round or a change of the notes; the monitor loop of the other portals follows it.</summary>
    public const string Topic = "monitor";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private MonitorSnapshot _current = MonitorSnapshot.Empty;
    private bool _loaded;

    public MonitorSnapshot Current => Volatile.Read(ref _current);

    /// <summary>True while a round (or a load) holds the monitor.</summary>
    public bool Busy => _gate.CurrentCount == 0;

    /// <summary>Counts every new snapshot: the status page's cache key.</summary>
    public long Revision => Interlocked.Read(ref _revision);
    private long _revision;

    private void Publish(MonitorSnapshot snapshot)
    {
        Volatile.Write(ref _current, snapshot);
        Interlocked.Increment(ref _revision);
    }

    /// <summary>Raised after every round and every change of the maintenance notes.</summary>
    public event Action? Changed;

    /// <summary>Reads the kept states and maintenance notes; the first round or read of the notes does it anyway.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _loaded)) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded) return;
        var wanted = options.Targets.SelectMany(t => t.EffectivePorts.Select(p => (Host(t), p))).ToList();
        var states = await store.SeriesAsync(wanted, cancellationToken);
        var targets = new List<WatchedTarget>();
        var i = 0;
        foreach (var t in options.Targets)
        {
            targets.Add(new WatchedTarget(t, states.Skip(i).Take(t.EffectivePorts.Count).ToList()));
            i += t.EffectivePorts.Count;
        }
        var last = states.Select(s => s.LastCheck).Max();
        Publish(new MonitorSnapshot(targets, last, 0, await store.MaintenanceAsync(cancellationToken)));
        Volatile.Write(ref _loaded, true);
    }

    /// <summary>One round: every target at once, every port of a target at once; each check kept as it ends.</summary>
    public async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
            var before = Current;
            // Whole seconds, as kept: the state in memory equals the state after a restart.
            var at = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
            var targets = await Task.WhenAll(before.Targets.Select(t => CheckTargetAsync(t, at, cancellationToken)));
            var maintenance = await store.MaintenanceAsync(cancellationToken);
            Publish(new MonitorSnapshot(targets, at, before.Round + 1, maintenance));
        }
        finally
        {
            _gate.Release();
        }
        Changed?.Invoke();
        if (signals is not null) await signals.PublishAsync(Topic);
    }

    /// <summary>
    /// For a portal that does not run the checks (another holds the lease): the states, notes and last round as the
    /// one that runs them has kept them, so its notices and status page say the same.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var before = Current;
            Volatile.Write(ref _loaded, false);
            await EnsureLoadedAsync(cancellationToken);
            // Round counts the rounds this portal has seen, run here or read from the database.
            Publish(Current with { Round = before.Round + (Current.CheckedAt != before.CheckedAt ? 1 : 0) });
        }
        finally
        {
            _gate.Release();
        }
        Changed?.Invoke();
    }

    /// <summary>After staff add or remove a note.</summary>
    public async Task ReloadMaintenanceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
            var maintenance = await store.MaintenanceAsync(cancellationToken);
            Publish(Current with { Maintenance = maintenance });
        }
        finally
        {
            _gate.Release();
        }
        Changed?.Invoke();
        if (signals is not null) await signals.PublishAsync(Topic);
    }

    private static string Host(MonitorTarget t)
    {
        var host = t.Host.Trim().TrimEnd('.');
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? ip.ToString() : new IdnMapping().GetAscii(host).ToLowerInvariant();
    }

    private async Task<WatchedTarget> CheckTargetAsync(WatchedTarget watched, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var host = Host(watched.Target);
        using var whole = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        whole.CancelAfter(tester.TestTimeout);
        IReadOnlyList<IPAddress> addresses;
        string? dnsError = null;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = (await resolver.ResolveAsync(host, whole.Token))
                    .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6).Distinct().ToArray();
                if (addresses.Count == 0) dnsError = "no A or AAAA record";
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                addresses = [];
                dnsError = e is SocketException s ? s.SocketErrorCode.ToString() : "lookup timed out";
            }
        }

        var rows = await Task.WhenAll(watched.Ports.Select(state => dnsError is not null
            ? Task.FromResult(new PortResult { Port = state.Port, Mode = "", Outcome = ProbeOutcome.DnsFailed, ElapsedMs = 0, Detail = dnsError })
            : probe.RunAsync(host, addresses, state.Port, _ => { }, whole.Token)));
        // Our own fault (already logged by the probe) is not a fact about the relay, so it is not kept.
        var records = watched.Ports.Zip(rows).Where(x => x.Second.Outcome is not ProbeOutcome.Error).Select(x =>
        {
            var observation = Observation.From(x.Second);
            var (next, events) = x.First.After(observation, at);
            return new CheckRecord(next, observation, events);
        }).ToList();
        IReadOnlyList<bool> kept;
        try
        {
            kept = await store.RecordAsync(records, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not keep the checks of {Host}", host);
            return watched;
        }
        var ports = watched.Ports.ToArray();
        for (var i = 0; i < records.Count; i++)
        {
            if (!kept[i]) continue;
            var next = records[i].Next;
            ports[Array.FindIndex(ports, p => p.Id == next.Id)] = next;
            foreach (var e in records[i].Events)
                logger.Log(e.Kind == "down" ? LogLevel.Warning : LogLevel.Information, "Monitor: {Host} port {Port} {Kind}: {Before} -> {After}",
                    host, next.Port, e.Kind, e.Before, e.After);
        }
        return watched with { Ports = ports };
    }
}
