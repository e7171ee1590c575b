using System.Collections.Concurrent;
using System.Net;
using Portal.Providers;

namespace Portal.LineTest;

/// <summary>A forward-confirmed reverse lookup: the PTR name, only if that name resolves back to the address.</summary>
public interface IReverseDns
{
    Task<string?> LookupAsync(IPAddress address, CancellationToken cancellationToken);
}

/// <summary>The system resolver: GetHostEntry on an address asks PTR, then resolves the name it found.</summary>
public sealed class SystemReverseDns : IReverseDns
{
    public async Task<string?> LookupAsync(IPAddress address, CancellationToken cancellationToken)
    {
        try
        {
            var entry = await Dns.GetHostEntryAsync(address.ToString(), cancellationToken);
            var name = entry.HostName;
            if (string.IsNullOrEmpty(name) || IPAddress.TryParse(name, out _)) return null;
            return entry.AddressList.Any(a => Same(a, address)) ? name.TrimEnd('.').ToLowerInvariant() : null;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    private static bool Same(IPAddress a, IPAddress b) =>
        (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Equals(b.IsIPv4MappedToIPv6 ? b.MapToIPv4() : b);
}

/// <summary>What a line is, as far as reverse DNS and the registry tell.</summary>
public sealed record LineIdentity(string Address, string? ReverseDns, Provider? Provider)
{
    /// <summary>The provider's names as kept with a result (English falls back to Japanese), so a keeper need not know the registry.</summary>
    public (string Ja, string En)? ProviderNames => Provider is null ? null : (Provider.NameJa, Provider.NameEn.Length > 0 ? Provider.NameEn : Provider.NameJa);
}

/// <summary>
/// Reverse lookups with a 2-second budget, shared while running and cached for 10 minutes, and the registry
/// match for the name found. Callers that must not wait use <see cref="TryGetCached"/>.
/// </summary>
public sealed class LineIdentifier(IReverseDns dns, ProviderStore providers, TimeProvider clock, ILogger<LineIdentifier> logger)
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Task<LineIdentity> Lookup)> _cache = new();

    public Task<LineIdentity> IdentifyAsync(string address)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(address, out var hit) && now - hit.At < CacheFor) return hit.Lookup;
        if (_cache.Count > 10_000) Prune(now);
        var lookup = LookAsync(address);
        _cache[address] = (now, lookup);
        return lookup;
    }

    /// <summary>The finished lookup for the address, if there is one; never waits.</summary>
    public LineIdentity? TryGetCached(string address) =>
        _cache.TryGetValue(address, out var hit) && hit.Lookup.IsCompletedSuccessfully && clock.GetUtcNow() - hit.At < CacheFor ? hit.Lookup.Result : null;

    private async Task<LineIdentity> LookAsync(string address)
    {
        string? name = null;
        if (IPAddress.TryParse(address, out var ip))
        {
            using var budget = new CancellationTokenSource(Budget, clock);
            try { name = await dns.LookupAsync(ip, budget.Token).WaitAsync(Budget, clock, budget.Token); }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException)
            {
                logger.LogInformation("Reverse DNS of {Address} took longer than {Budget}", address, Budget);
            }
        }
        var provider = name is null ? null : await providers.MatchReverseDnsAsync(name);
        return new LineIdentity(address, name, provider);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, value) in _cache)
            if (now - value.At >= CacheFor) _cache.TryRemove(key, out _);
    }
}
