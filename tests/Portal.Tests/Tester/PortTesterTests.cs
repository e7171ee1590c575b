using System.Net;
using Portal.Tester;

namespace Portal.Tests.Tester;

public sealed class PortTesterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:192.168.0.1")]
    public async Task A_Name_Resolving_To_A_Private_Address_Is_Refused_Before_Any_Connection(string address)
    {
        var options = Probes.Options();
        options.AllowedPrivateNetworks = [];
        var resolver = new FakeResolver(new() { ["inside.example.jp"] = [IPAddress.Parse("8.8.8.8"), IPAddress.Parse(address)] });
        var (target, _) = TestTargetParser.Parse("inside.example.jp", "587", options);

        var (test, refusal) = await Probes.Tester(options, resolver).PrepareAsync(target!, Ct);

        Assert.Null(test);
        Assert.Equal("private-target", refusal!.Code);
        // The refusal must not tell a visitor what the operator's internal names resolve to.
        Assert.DoesNotContain(IPAddress.Parse(address).ToString(), refusal.Message.En);
        Assert.DoesNotContain(IPAddress.Parse(address).ToString(), refusal.Message.Ja);
        Assert.DoesNotContain(address, refusal.Message.En);
        Assert.Contains("resolves to an address that is not a public", refusal.Message.En);
    }

    [Fact]
    public async Task An_Ip_Literal_Refusal_Echoes_Only_What_The_Visitor_Typed()
    {
        var options = Probes.Options();
        options.AllowedPrivateNetworks = [];
        var (target, _) = TestTargetParser.Parse("10.1.2.3", "587", options);

        var (_, refusal) = await Probes.Tester(options, new FakeResolver(new())).PrepareAsync(target!, Ct);

        Assert.Equal("private-target", refusal!.Code);
        Assert.Contains("10.1.2.3", refusal.Message.En);
    }

    [Theory]
    [InlineData("10.20.0.0/16", "10.20.5.5", true)]
    [InlineData("10.20.0.0/16", "10.21.0.1", false)]
    [InlineData("10.20.0.0/16", "::ffff:10.20.0.9", true)]
    [InlineData("fd00:1::/32", "fd00:1::25", true)]
    public async Task Only_The_Listed_Private_Networks_May_Be_Tested(string network, string address, bool allowed)
    {
        var options = Probes.Options();
        options.AllowedPrivateNetworks = [network];
        var resolver = new FakeResolver(new() { ["relay.internal.example"] = [IPAddress.Parse(address)] });
        var (target, _) = TestTargetParser.Parse("relay.internal.example", "587", options);

        var (test, refusal) = await Probes.Tester(options, resolver).PrepareAsync(target!, Ct);

        Assert.Equal(allowed, test is not null);
        Assert.Equal(allowed, refusal is null);
    }

    [Fact]
    public async Task A_Name_That_Does_Not_Resolve_Ends_Every_Port_As_Dns_Failed()
    {
        var options = Probes.Options();
        var tester = Probes.Tester(options);
        var (target, _) = TestTargetParser.Parse("nowhere.example.jp", "25,587", options);

        var (test, refusal) = await tester.PrepareAsync(target!, Ct);
        var report = await tester.RunAsync(test!, null, Ct);

        Assert.Null(refusal);
        Assert.All(report.Results, r => Assert.Equal(ProbeOutcome.DnsFailed, r.Outcome));
        Assert.Contains("見つかりませんでした", report.Summary!.Message.Ja);
    }

    [Fact]
    public async Task The_Name_Is_Resolved_Once_For_All_Ports()
    {
        var options = Probes.Options();
        await using var peer = LoopbackPeer.ClosesAtOnce();
        var resolver = new FakeResolver(new() { ["relay.example.jp"] = [IPAddress.Loopback] });
        var tester = Probes.Tester(options, resolver);
        var (target, _) = TestTargetParser.Parse("relay.example.jp", $"{peer.Port},{LoopbackPeer.ClosedPort()}", options);

        var (test, _) = await tester.PrepareAsync(target!, Ct);
        var report = await tester.RunAsync(test!, null, Ct);

        Assert.Single(resolver.Asked);
        Assert.Equal([ProbeOutcome.Closed, ProbeOutcome.Refused], report.Results.Select(r => r.Outcome!.Value));
    }

    [Fact]
    public async Task When_25_Fails_Here_And_On_The_Reference_Host_The_25_Result_Is_Inconclusive()
    {
        var options = Probes.Options();
        options.AllowedPorts = [25, 587];
        options.ReferenceHost = "reference.example.jp";
        // Port 25 of 127.0.0.2 and 127.0.0.3 is held by sockets that are bound but never listen: nothing
        // else can listen there while the test runs, and a connection is refused for certain.
        using var heldReference = HoldClosed(IPAddress.Parse("127.0.0.2"), 25);
        using var heldRelay = HoldClosed(IPAddress.Parse("127.0.0.3"), 25);
        var resolver = new FakeResolver(new() { ["relay.example.jp"] = [IPAddress.Parse("127.0.0.3")], ["reference.example.jp"] = [IPAddress.Parse("127.0.0.2")] });
        var tester = Probes.Tester(options, resolver);
        var (target, _) = TestTargetParser.Parse("relay.example.jp", "25", options);

        var (test, _) = await tester.PrepareAsync(target!, Ct);
        var report = await tester.RunAsync(test!, null, Ct);

        var row = Assert.Single(report.Results);
        Assert.Equal(ProbeOutcome.Refused, row.Outcome);
        Assert.True(row.Inconclusive);
        Assert.Contains("reference", row.Detail);
        Assert.Contains("判断材料になりません", report.Summary!.Message.Ja);
        Assert.Contains("reference.example.jp", resolver.Asked);
    }

    /// <summary>Binds address:port without listening. Fails the test if anything else holds it (binding port 25 needs root, as CI is).</summary>
    private static System.Net.Sockets.Socket HoldClosed(IPAddress address, int port)
    {
        var socket = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return socket;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException($"{address}:{port} could not be held closed for this test ({e.SocketErrorCode}): something listens there, or the test is not running as root.", e);
        }
    }
}
