using System.Net;

namespace Portal.LineTest;

/// <summary>How the portal's own SMTP-speaking listeners are set up (LineTest:*).</summary>
public sealed class LineTestOptions
{
    public const string Section = "LineTest";

    /// <summary>The ports the portal listens on. Empty turns the line test off.</summary>
    public List<ListenerOptions> Listeners { get; set; } =
    [
        new() { Port = 2525, PublicPort = 25, Tls = "starttls" },
        new() { Port = 2587, PublicPort = 587, Tls = "starttls" },
        new() { Port = 2465, PublicPort = 465, Tls = "implicit" },
    ];

    /// <summary>The commands shown connect to the listeners' own ports instead of the public ones: for a machine where
    /// nothing publishes 25/587/465 onto them (true by default in Development only).</summary>
    public bool CommandsUseListenerPorts { get; set; }

    /// <summary>The name customers connect to; empty means the host of the page's request.</summary>
    public string PublicHost { get; set; } = "";

    /// <summary>PEM certificate and key; without them a self-signed certificate is made and kept in the data folder.</summary>
    public CertificateOptions Certificate { get; set; } = new();

    public int MaxConnections { get; set; } = 500;

    public int MaxConnectionsPerAddress { get; set; } = 10;

    /// <summary>A connection is closed after this long, whatever it is doing.</summary>
    public TimeSpan ConnectionLimit { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxCommands { get; set; } = 20;

    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>After the first arrival, ports still missing count as "did not arrive" after this long.</summary>
    public TimeSpan WaitAfterFirstArrival { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Line tests a client may start per ten minutes (page and API together).</summary>
    public int StartsPerTenMinutesPerClient { get; set; } = 10;

    public bool Enabled => Listeners.Count > 0;

    public IEnumerable<string> Problems()
    {
        for (var i = 0; i < Listeners.Count; i++)
        {
            var l = Listeners[i];
            var key = $"LineTest:Listeners:{i}";
            if (l.Port is < 0 or > 65535) yield return $"{key}:Port must be 0-65535 (0 picks a free port), not {l.Port}";
            if (l.PublicPort is < 0 or > 65535) yield return $"{key}:PublicPort must be 1-65535, or 0 for the same as Port, not {l.PublicPort}";
            if (l.Tls is not ("none" or "starttls" or "implicit")) yield return $"{key}:Tls must be none, starttls or implicit, not '{l.Tls}'";
            if (l.Address is { Length: > 0 } a && !IPAddress.TryParse(a, out _)) yield return $"{key}:Address must be an IP address such as 0.0.0.0 or ::, not '{a}'";
        }
        foreach (var dup in Listeners.Where(l => l.Port != 0).GroupBy(l => (l.Address, l.Port)).Where(g => g.Count() > 1))
            yield return $"LineTest:Listeners lists port {dup.Key.Port} more than once";
        foreach (var dup in Listeners.GroupBy(l => l.PublicPort).Where(g => g.Key != 0 && g.Count() > 1))
            yield return $"LineTest:Listeners lists public port {dup.Key} more than once";
        if (PublicHost.Length > 0 && Uri.CheckHostName(PublicHost) == UriHostNameType.Unknown)
            yield return $"LineTest:PublicHost must be a host name such as line.example.jp, not '{PublicHost}'";
        if (string.IsNullOrEmpty(Certificate.CertPath) != string.IsNullOrEmpty(Certificate.KeyPath))
            yield return "LineTest:Certificate needs both CertPath and KeyPath (PEM files), or neither";
        if (MaxConnections is < 1 or > 100_000) yield return $"LineTest:MaxConnections must be 1-100000, not {MaxConnections}";
        if (MaxConnectionsPerAddress is < 1 or > 100_000) yield return $"LineTest:MaxConnectionsPerAddress must be 1-100000, not {MaxConnectionsPerAddress}";
        if (MaxCommands is < 1 or > 1000) yield return $"LineTest:MaxCommands must be 1-1000, not {MaxCommands}";
        if (ConnectionLimit <= TimeSpan.Zero || ConnectionLimit > TimeSpan.FromMinutes(10))
            yield return $"LineTest:ConnectionLimit must be a time span up to 00:10:00, not {ConnectionLimit}";
        if (CodeLifetime < TimeSpan.FromMinutes(1) || CodeLifetime > TimeSpan.FromDays(1))
            yield return $"LineTest:CodeLifetime must be between 00:01:00 and 1.00:00:00, not {CodeLifetime}";
        if (WaitAfterFirstArrival <= TimeSpan.Zero || WaitAfterFirstArrival >= CodeLifetime)
            yield return $"LineTest:WaitAfterFirstArrival must be positive and shorter than LineTest:CodeLifetime, not {WaitAfterFirstArrival}";
        if (StartsPerTenMinutesPerClient is < 1 or > 100_000)
            yield return $"LineTest:StartsPerTenMinutesPerClient must be 1-100000, not {StartsPerTenMinutesPerClient}";
    }
}

public sealed class ListenerOptions
{
    /// <summary>Where the portal listens (0 picks a free port, for tests).</summary>
    public int Port { get; set; }

    /// <summary>The port customers connect to, as published by docker or the firewall; 0 means the same as Port.</summary>
    public int PublicPort { get; set; }

    /// <summary>none, starttls or implicit (TLS from the first byte).</summary>
    public string Tls { get; set; } = "starttls";

    /// <summary>The local address to bind; empty means every address (IPv6 and IPv4).</summary>
    public string Address { get; set; } = "";
}

public sealed class CertificateOptions
{
    public string CertPath { get; set; } = "";

    public string KeyPath { get; set; } = "";
}
