using System.Net;
using System.Net.Sockets;
using Portal.Site;

namespace Portal.Tester;

/// <summary>A test ready to run: the target and the vetted addresses (empty when the name did not resolve).</summary>
public sealed record PreparedTest(TestTarget Target, IReadOnlyList<IPAddress> Addresses, string? DnsError, DateTimeOffset Deadline);

/// <summary>
/// Runs one test: resolve once, vet every address, then probe all ports at once, so a test lasts about as
/// long as its slowest port. Nothing connects before every resolved address has been vetted.
/// </summary>
public sealed class PortTester(TesterOptions options, IHostResolver resolver, SmtpProbe probe, TimeProvider clock, ILogger<PortTester> logger)
{
    public static readonly Refusal Busy = new("busy", new Text("ただいま試験が混み合っています。少し待ってからもう一度お試しください。",
        "The tester is busy. Please try again in a moment."), StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(5));

    /// <summary>Resolves and vets the host. A refusal means no connection may be made at all.</summary>
    public async Task<(PreparedTest? Test, Refusal? Refusal)> PrepareAsync(TestTarget target, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + options.TestTimeout;
        IPAddress[] addresses;
        string? dnsError = null;
        if (target.Literal is { } literal)
        {
            addresses = [literal];
        }
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeout);
            try
            {
                addresses = await resolver.ResolveAsync(target.AsciiHost, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                addresses = [];
                dnsError = e is SocketException s ? s.SocketErrorCode.ToString() : "lookup timed out";
            }
            addresses = addresses.Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6).Distinct().ToArray();
            if (addresses.Length == 0) dnsError ??= "no A or AAAA record";
        }

        foreach (var address in addresses)
        {
            if (AddressPolicy.WhyNotPublic(address) is { } why && !options.IsAllowedPrivate(address))
            {
                logger.LogWarning("Refused a test of {Host}: {Address} is {Why}", target.AsciiHost, address, why);
                // A name's address is the operator's business: say only that it is not public. A literal
                // is what the visitor typed, so it may be echoed.
                return (null, target.Literal is null
                    ? new Refusal("private-target",
                        $"「{target.Host}」は公開されたインターネット上のアドレスではないアドレスを指しているため、試験できません。",
                        $"\"{target.Host}\" resolves to an address that is not a public internet address, so it cannot be tested.")
                    : new Refusal("private-target",
                        $"{target.Host} は公開されたインターネット上のアドレスではない({why})ため、試験できません。",
                        $"{target.Host} is not a public internet address ({why}), so it cannot be tested."));
            }
        }
        return (new PreparedTest(target, addresses, dnsError, deadline), null);
    }

    /// <summary>Runs the probes; <paramref name="report"/> is called with each port's row as it changes.</summary>
    public async Task<TestReport> RunAsync(PreparedTest test, Action<PortResult>? report, CancellationToken cancellationToken)
    {
        var target = test.Target;
        var rows = new PortResult[target.Ports.Count];
        var gate = new Lock();
        void Update(int i, PortResult row)
        {
            lock (gate) rows[i] = row;
            report?.Invoke(row);
        }

        if (test.Addresses.Count == 0)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var port = target.Ports[i];
                var row = new PortResult
                {
                    Port = port, Mode = options.IsImplicitTls(port) ? "implicit-tls" : "starttls",
                    Outcome = ProbeOutcome.DnsFailed, Stage = ProbeStage.Resolve, ElapsedMs = 0, Detail = test.DnsError,
                };
                Update(i, row with { Advice = Verdicts.ForPort(row, target.Host, clock.GetUtcNow()) });
            }
            return new TestReport(target.Host, target.AsciiHost, rows, Verdicts.Summary(rows));
        }

        using var whole = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        whole.CancelAfter(Remaining(test.Deadline));
        var tasks = target.Ports.Select((port, i) => Task.Run(async () =>
        {
            var row = await probe.RunAsync(target.AsciiHost, test.Addresses, port, r => Update(i, r), whole.Token);
            Update(i, row with { Advice = Verdicts.ForPort(row, target.Host, clock.GetUtcNow()) });
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(tasks);

        var p25 = Array.FindIndex(rows, r => r.Port == 25);
        if (p25 >= 0 && rows[p25].Outcome is ProbeOutcome.Timeout or ProbeOutcome.Refused && !string.IsNullOrWhiteSpace(options.ReferenceHost)
            && !string.Equals(options.ReferenceHost, target.AsciiHost, StringComparison.OrdinalIgnoreCase))
        {
            if (await ReferenceFailsAsync(whole.Token))
                Update(p25, rows[p25] with { Inconclusive = true, Detail = (rows[p25].Detail + "; port 25 of the reference host fails too").TrimStart(';', ' ') });
        }
        return new TestReport(target.Host, target.AsciiHost, rows, Verdicts.Summary(rows));
    }

    /// <summary>True when port 25 of the reference host cannot be used either: then this server's own network blocks 25.</summary>
    private async Task<bool> ReferenceFailsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var host = options.ReferenceHost!.Trim();
            // The reference host is the operator's choice, so it is not vetted like a visitor's target.
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);
            if (addresses.Length == 0) return true;
            var result = await probe.RunAsync(host, addresses, 25, _ => { }, cancellationToken);
            return result.Outcome is ProbeOutcome.Timeout or ProbeOutcome.Refused or ProbeOutcome.NoGreeting;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return true;
        }
    }

    private TimeSpan Remaining(DateTimeOffset deadline)
    {
        var left = deadline - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }
}
