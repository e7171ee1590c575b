using System.ComponentModel.DataAnnotations;

namespace Portal.Tester;

public sealed class TesterOptions
{
    public const string Section = "Tester";

    /// <summary>The relay the form starts with.</summary>
    public string DefaultHost { get; set; } = "smtp.example.jp";

    public int[] AllowedPorts { get; set; } = [25, 465, 587];

    /// <summary>Ports where TLS starts with the first byte; the others use STARTTLS.</summary>
    public int[] ImplicitTlsPorts { get; set; } = [465];

    /// <summary>Only for tests and private deployments: lets the tester reach loopback and private networks.</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>A relay known to answer on 25; tried when 25 fails, to tell "blocked here" from "blocked there".</summary>
    public string? ReferenceHost { get; set; }

    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan GreetingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan TestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    [Range(1, 10_000)]
    public int TestsPerMinutePerClient { get; set; } = 10;

    [Range(1, 10_000)]
    public int MaxConcurrentProbes { get; set; } = 32;

    /// <summary>The name the tester gives in EHLO.</summary>
    public string HeloName { get; set; } = "portal-tester.invalid";

    public bool IsImplicitTls(int port) => ImplicitTlsPorts.Contains(port);
}
