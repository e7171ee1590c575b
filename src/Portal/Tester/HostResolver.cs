using System.Net;

namespace Portal.Tester;

/// <summary>DNS lookups, behind an interface so tests can map names to addresses without a network.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string asciiHost, CancellationToken cancellationToken);
}

public sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string asciiHost, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(asciiHost, cancellationToken);
}
