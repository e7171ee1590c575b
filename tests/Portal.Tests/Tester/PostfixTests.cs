using System.Net;
using System.Net.Sockets;
using Portal.Tester;

namespace Portal.Tests.Tester;

/// <summary>
/// Debian's Postfix on 127.0.0.1, started by scripts/test.sh: 25 (STARTTLS offered), 587 (submission:
/// STARTTLS, AUTH only after TLS) and 465 (TLS from the first byte). A missing Postfix fails these tests.
/// </summary>
public sealed class PostfixTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_Tester_Reports_Postfix_On_25_587_And_465_Correctly()
    {
        foreach (var port in new[] { 25, 587, 465 })
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try { await socket.ConnectAsync(IPAddress.Loopback, port, Ct); }
            catch (SocketException) { Assert.Fail($"Postfix is not listening on 127.0.0.1:{port}: run scripts/start-postfix.sh (scripts/test.sh does)."); }
        }
        var options = new TesterOptions { AllowedPrivateNetworks = ["127.0.0.0/8"] };
        var tester = Probes.Tester(options);
        var (target, _) = TestTargetParser.Parse("127.0.0.1", "25,587,465", options);

        var (test, refusal) = await tester.PrepareAsync(target!, Ct);
        var report = await tester.RunAsync(test!, null, Ct);

        Assert.Null(refusal);
        Assert.All(report.Results, r => Assert.Equal(ProbeOutcome.Ok, r.Outcome));
        Assert.All(report.Results, r => Assert.Contains("Postfix", r.Greeting!.Text));
        Assert.All(report.Results, r => Assert.StartsWith("TLS", r.Tls!.Protocol));

        var p25 = report.Results.Single(r => r.Port == 25);
        Assert.Contains("STARTTLS", p25.Extensions!);
        Assert.Empty(p25.AuthMechanisms!);

        var p587 = report.Results.Single(r => r.Port == 587);
        Assert.Equal("starttls", p587.Mode);
        Assert.Contains("STARTTLS", p587.Extensions!);
        Assert.DoesNotContain(p587.Extensions!, e => e.StartsWith("AUTH", StringComparison.Ordinal));
        Assert.Equal(["LOGIN", "PLAIN"], p587.AuthMechanisms);

        var p465 = report.Results.Single(r => r.Port == 465);
        Assert.Equal("implicit-tls", p465.Mode);
        Assert.DoesNotContain("STARTTLS", p465.Extensions!);
        Assert.Equal(["LOGIN", "PLAIN"], p465.AuthMechanisms);
        Assert.NotNull(p465.Tls!.Certificate);
        Assert.Contains("Set 587 (STARTTLS) or 465 (SSL/TLS) with SMTP AUTH", report.Summary!.Message.En);
        Assert.Contains("a line with OP25B cannot use 25", report.Summary.Message.En);
    }
}
