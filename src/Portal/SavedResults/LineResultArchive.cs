using Portal.LineTest;

namespace Portal.SavedResults;

/// <summary>Keeps each finished line test; implements LineTest's seam. Addresses and names go to staff only.</summary>
public sealed class LineResultArchive(ResultStore store) : ILineTestArchive
{
    public async Task KeepAsync(string id, LineTestReport report, CancellationToken cancellationToken)
    {
        var verdict = report.Verdict!;
        var provider = report.Line?.ProviderNames;
        var line = new LineResult(report.Test.Code,
            report.Ports.Select(p => new LinePort(p.Listener.PublicPort, p.Listener.Tls, p.State, p.Arrival?.At, p.Arrival?.Tls)).ToList(),
            provider?.Ja, provider?.En,
            verdict.Outcome, verdict.Message, verdict.HelpPath, verdict.HelpLabel);
        var first = report.Test.Arrivals.FirstOrDefault();
        var staff = new StaffDetails(first?.Address ?? "", report.Ports.ToDictionary(p => p.Listener.PublicPort, p => (IReadOnlyList<string>)(p.Arrival is { } a
            ? [$"arrived {a.At:yyyy-MM-dd HH:mm:ss}Z on {a.Port} from {a.Address}" + (p.ReverseDns is { } name ? $" ({name})" : ""), $"EHLO {a.EhloName}", $"TLS {a.Tls ?? "none"}"]
            : ["did not arrive"])));
        await store.InsertLineAsync(id, report.Test.Ticket, line, staff, cancellationToken);
    }
}
