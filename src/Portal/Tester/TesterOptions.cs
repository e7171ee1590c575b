namespace Portal.Tester;

public sealed class TesterOptions
{
    public const string Section = "Tester";

    /// <summary>The relay the form starts with.</summary>
    public string DefaultHost { get; set; } = "smtp.example.jp";

    public int[] AllowedPorts { get; set; } = [25, 465, 587];

    /// <summary>Ports where TLS starts with the first byte; the others use STARTTLS.</summary>
    public int[] ImplicitTlsPorts { get; set; } = [465];

    /// <summary>
    /// CIDR ranges that may be tested although they are not public (an operator's own relay network, or
    /// loopback in tests). Default empty: only public addresses.
    /// </summary>
    public string[] AllowedPrivateNetworks { get; set; } = [];

    /// <summary>A relay known to answer on 25; tried when 25 fails, to tell "blocked here" from "blocked there".</summary>
    public string? ReferenceHost { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <remarks>RFC 5321 §4.5.3.2.1 suggests a client wait 5 minutes for the greeting; some servers delay it on purpose
    /// (greet-pause against spam bots). 30 s catches them while a customer still watches the page (a row waiting for
    /// its greeting shows the seconds passing), and a slow greeting is reported as such.</remarks>
    public TimeSpan GreetingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan TestTimeout { get; set; } = TimeSpan.FromSeconds(45);

    public int TestsPerMinutePerClient { get; set; } = 10;

    public int MaxConcurrentProbes { get; set; } = 32;

    /// <summary>The name the tester gives in EHLO.</summary>
    public string HeloName { get; set; } = "portal-tester.invalid";

    public bool IsImplicitTls(int port) => ImplicitTlsPorts.Contains(port);

    /// <summary>True when the address lies in one of <see cref="AllowedPrivateNetworks"/>.</summary>
    public bool IsAllowedPrivate(System.Net.IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return AllowedPrivateNetworks.Any(n => System.Net.IPNetwork.TryParse(n.Trim(), out var net) && net.Contains(address));
    }

    /// <summary>Every problem with these settings, each naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        if (AllowedPorts.Length == 0) yield return "Tester:AllowedPorts must list at least one port";
        foreach (var p in Site.OptionsBinding.Ports("Tester:AllowedPorts", AllowedPorts)) yield return p;
        foreach (var p in Site.OptionsBinding.Ports("Tester:ImplicitTlsPorts", ImplicitTlsPorts)) yield return p;
        foreach (var p in Site.OptionsBinding.Networks("Tester:AllowedPrivateNetworks", AllowedPrivateNetworks)) yield return p;
        foreach (var (key, value, max) in new[] { ("ConnectTimeout", ConnectTimeout, 60), ("GreetingTimeout", GreetingTimeout, 60), ("TestTimeout", TestTimeout, 120) })
        {
            if (value <= TimeSpan.Zero) yield return $"Tester:{key} must be a positive time span such as 00:00:05, not {value}";
            else if (value > TimeSpan.FromSeconds(max)) yield return $"Tester:{key} must be at most {TimeSpan.FromSeconds(max)}, not {value}";
        }
        if (GreetingTimeout >= TestTimeout) yield return "Tester:GreetingTimeout must be shorter than Tester:TestTimeout";
        if (TestsPerMinutePerClient is < 1 or > 10_000) yield return $"Tester:TestsPerMinutePerClient must be 1-10000, not {TestsPerMinutePerClient}";
        if (MaxConcurrentProbes is < 1 or > 10_000) yield return $"Tester:MaxConcurrentProbes must be 1-10000, not {MaxConcurrentProbes}";
    }
}
