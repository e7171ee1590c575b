namespace Portal.Monitor;

/// <summary>One of our own relays to watch, e.g. { "Name": "送信サーバー", "Host": "smtp.example.jp", "Ports": [25, 587, 465] }.</summary>
public sealed class MonitorTarget
{
    public string Name { get; set; } = "";
    public string Host { get; set; } = "";
    /// <summary>Empty means 25, 587 and 465 (a default here would be appended to by the configuration binder).</summary>
    public int[] Ports { get; set; } = [];

    public IReadOnlyList<int> EffectivePorts => Ports.Length == 0 ? [25, 587, 465] : Ports;
}

public sealed class MonitorOptions
{
    public const string Section = "Monitor";
    public const int MinIntervalSeconds = 30;

    /// <summary>The relays to watch. Empty by default: nothing is checked and /status says so.</summary>
    public List<MonitorTarget> Targets { get; set; } = [];

    /// <summary>Seconds between rounds of checks.</summary>
    public int IntervalSeconds { get; set; } = 300;

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    /// <summary>Each round starts up to this much later than due, so several portals never probe in step.</summary>
    public TimeSpan MaxJitter => TimeSpan.FromSeconds(Math.Min(15, IntervalSeconds / 10.0));

    /// <summary>Every problem with these settings, each naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        if (IntervalSeconds is < MinIntervalSeconds or > 86_400)
            yield return $"Monitor:IntervalSeconds must be {MinIntervalSeconds}-86400 seconds, not {IntervalSeconds}";
        for (var i = 0; i < Targets.Count; i++)
        {
            var t = Targets[i];
            var key = $"Monitor:Targets:{i}";
            if (string.IsNullOrWhiteSpace(t.Name) || t.Name.Length > 60) yield return $"{key}:Name must be 1-60 characters";
            if (Uri.CheckHostName(t.Host?.Trim()) is UriHostNameType.Unknown or UriHostNameType.Basic)
                yield return $"{key}:Host '{t.Host}' is not a host name or IP address";
            foreach (var p in Site.OptionsBinding.Ports($"{key}:Ports", t.Ports)) yield return p;
            if (t.Ports.Distinct().Count() != t.Ports.Length) yield return $"{key}:Ports lists a port twice";
        }
        foreach (var name in Targets.GroupBy(t => t.Name.Trim()).Where(g => g.Count() > 1)) yield return $"Monitor:Targets has the name '{name.Key}' twice";
        foreach (var host in Targets.GroupBy(t => t.Host.Trim().ToLowerInvariant()).Where(g => g.Count() > 1)) yield return $"Monitor:Targets has the host '{host.Key}' twice";
    }
}
