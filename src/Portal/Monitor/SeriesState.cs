using System.Text.RegularExpressions;
using Portal.Tester;

namespace Portal.Monitor;

/// <summary>What one check of one port saw, reduced to what the monitor keeps and compares.</summary>
public sealed record Observation(string Outcome, long ElapsedMs, string? Detail, string? Greeting, string? Auth, string? TlsProtocol,
    string? Certificate, DateTimeOffset? CertificateNotAfter)
{
    public bool Ok => Outcome == "ok";

    public static Observation From(PortResult r)
    {
        var outcome = System.Text.Json.JsonSerializer.Serialize(r.Outcome ?? ProbeOutcome.Error).Trim('"');
        var cert = r.Tls?.Certificate;
        return new Observation(outcome, r.ElapsedMs ?? 0, r.Detail,
            r.Greeting is { } g ? $"{g.Code} {g.Text}".Trim() : null,
            r.AuthMechanisms is { } auth ? string.Join(' ', auth.Order(StringComparer.Ordinal)) : null,
            r.Tls is { Protocol.Length: > 0 } tls ? tls.Protocol : null,
            cert is null ? null : $"{cert.Subject}; {cert.Issuer}; {cert.NotAfter.UtcDateTime:yyyy-MM-dd}",
            cert?.NotAfter);
    }
}

/// <summary>A change the monitor records: down, up, or a drift of the greeting, AUTH mechanisms, TLS protocol or certificate.</summary>
public sealed record MonitorEvent(string Kind, DateTimeOffset At, string? Before, string? After);

/// <summary>
/// One monitored port's current state, as kept in monitor_series. A port is "down" after two failed checks in a
/// row (one failure may be our own network's hiccup), and "ok" again at the first success.
/// </summary>
public sealed partial record SeriesState(long Id, string Host, int Port)
{
    public const int FailuresForDown = 2;

    public DateTimeOffset? LastCheck { get; init; }
    public string? LastOutcome { get; init; }
    public long? LastElapsedMs { get; init; }
    public int Failures { get; init; }
    public DateTimeOffset? FailingSince { get; init; }
    public DateTimeOffset? UpSince { get; init; }
    public string? Greeting { get; init; }
    public string? Auth { get; init; }
    public string? TlsProtocol { get; init; }
    public string? Certificate { get; init; }
    public DateTimeOffset? CertificateNotAfter { get; init; }

    public string State => LastCheck is null ? "unknown" : Failures >= FailuresForDown ? "down" : "ok";

    public DateTimeOffset? Since => State switch { "down" => FailingSince, "ok" => UpSince, _ => null };

    /// <summary>The state after one more check, and the events it causes.</summary>
    public (SeriesState Next, IReadOnlyList<MonitorEvent> Events) After(Observation o, DateTimeOffset at)
    {
        var events = new List<MonitorEvent>();
        var next = this with { LastCheck = at, LastOutcome = o.Outcome, LastElapsedMs = o.ElapsedMs };
        if (!o.Ok)
        {
            next = next with { Failures = Failures + 1, FailingSince = Failures == 0 ? at : FailingSince };
            if (next.Failures == FailuresForDown) events.Add(new MonitorEvent("down", at, LastOutcome, Describe(o)));
            return (next, events);
        }

        if (State == "down") events.Add(new MonitorEvent("up", at, LastOutcome, "ok"));
        next = next with
        {
            Failures = 0, FailingSince = null,
            UpSince = State is "down" or "unknown" || UpSince is null ? at : UpSince,
        };
        // Drift is only judged between two successful checks: a failed check sees nothing to compare.
        Drift("greeting", Greeting, o.Greeting, Comparable);
        Drift("auth", Auth, o.Auth, s => s);
        Drift("tls", TlsProtocol, o.TlsProtocol ?? "", s => s);
        Drift("certificate", Certificate, o.Certificate ?? "", s => s);
        next = next with
        {
            Greeting = o.Greeting ?? Greeting,
            Auth = o.Auth ?? Auth,
            TlsProtocol = o.TlsProtocol ?? "",
            Certificate = o.Certificate ?? "",
            CertificateNotAfter = o.CertificateNotAfter,
        };
        return (next, events);

        void Drift(string kind, string? before, string? after, Func<string, string> key)
        {
            if (before is null || after is null) return;   // the first sighting is the baseline
            if (key(before) != key(after)) events.Add(new MonitorEvent(kind, at, before, after));
        }
    }

    private static string Describe(Observation o) => o.Detail is { Length: > 0 } d ? $"{o.Outcome}: {d}" : o.Outcome;

    /// <summary>
    /// The greeting without dates and times: some servers (Exchange) put the current time in it, which is not a change.
    /// </summary>
    public static string Comparable(string greeting) => Clock().Replace(greeting, "#");

    [GeneratedRegex(@"\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{2,4}\b|\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b|\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\b|[+-]\d{4}\b|\b(?:UTC|GMT|JST)\b")]
    private static partial Regex Clock();
}
