using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Tester;

namespace Portal.Tests.Tester;

/// <summary>The tester's services wired for loopback peers, with short limits so tests stay quick.</summary>
public static class Probes
{
    public static TesterOptions Options(int? implicitTlsPort = null) => new()
    {
        AllowedPrivateNetworks = ["127.0.0.0/8", "::1/128"],
        AllowedPorts = [25, 465, 587, .. Enumerable.Range(1024, 64512)],
        ImplicitTlsPorts = implicitTlsPort is { } p ? [p] : [465],
        ConnectTimeout = TimeSpan.FromSeconds(2),
        // Short enough to keep the suite quick, long enough for TLS on a busy CI machine.
        GreetingTimeout = TimeSpan.FromSeconds(3),
        TestTimeout = TimeSpan.FromSeconds(8),
    };

    public static async Task<PortResult> RunAsync(int port, TesterOptions? options = null, List<PortResult>? updates = null)
    {
        options ??= Options();
        var probe = new SmtpProbe(options, NullLogger<SmtpProbe>.Instance);
        using var whole = new CancellationTokenSource(options.TestTimeout);
        return await probe.RunAsync("peer.test", [IPAddress.Loopback], port, r => { lock (updates ?? []) updates?.Add(r); }, whole.Token);
    }

    public static PortTester Tester(TesterOptions options, IHostResolver? resolver = null) =>
        new(options, resolver ?? new FakeResolver(), new SmtpProbe(options, NullLogger<SmtpProbe>.Instance), TimeProvider.System, NullLogger<PortTester>.Instance);
}

/// <summary>Names mapped to addresses in memory: no DNS traffic leaves the machine.</summary>
public sealed class FakeResolver(Dictionary<string, IPAddress[]>? names = null) : IHostResolver
{
    public List<string> Asked { get; } = [];

    public Task<IPAddress[]> ResolveAsync(string asciiHost, CancellationToken cancellationToken)
    {
        Asked.Add(asciiHost);
        return names is not null && names.TryGetValue(asciiHost, out var found)
            ? Task.FromResult(found)
            : Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
    }
}
