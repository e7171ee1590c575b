using Portal.Tester;

namespace Portal.Tests.Tester;

/// <summary>One case per outcome, against peers on 127.0.0.1.</summary>
public sealed class SmtpProbeTests
{
    [Fact]
    public async Task A_Good_Esmtp_Peer_Upgrades_With_Starttls_And_Shows_Auth_Only_After_Tls()
    {
        await using var peer = new SmtpPeer(TestCertificates.SelfSigned(), implicitTls: false);
        var updates = new List<PortResult>();

        var r = await Probes.RunAsync(peer.Port, updates: updates);

        Assert.Equal(ProbeOutcome.Ok, r.Outcome);
        Assert.Equal(ProbeStage.Done, r.Stage);
        Assert.Equal("starttls", r.Mode);
        Assert.Equal("127.0.0.1", r.Address);
        Assert.Equal("ipv4", r.Family);
        Assert.Equal(220, r.Greeting!.Code);
        Assert.Contains("STARTTLS", r.Extensions!);
        Assert.DoesNotContain(r.Extensions!, e => e.StartsWith("AUTH", StringComparison.Ordinal));
        Assert.Contains("PLAIN", r.AuthMechanisms!);
        Assert.StartsWith("TLS", r.Tls!.Protocol);
        Assert.NotNull(r.Tls.Cipher);
        Assert.Equal("CN=peer.test", r.Tls.Certificate!.Subject);
        Assert.Contains("peer.test", r.Tls.Certificate.Names);
        Assert.True(r.Tls.Certificate.HostnameMatches);
        Assert.False(r.Tls.Certificate.Trusted);   // self-signed: reported, not fatal
        // The row filled in stage by stage.
        var stages = updates.Select(u => u.Stage).Distinct().ToList();
        Assert.Equal([ProbeStage.Connect, ProbeStage.Greeting, ProbeStage.Ehlo, ProbeStage.StartTls, ProbeStage.Tls, ProbeStage.EhloAfterTls, ProbeStage.Quit],
            stages.Where(s => s != ProbeStage.Done).ToList());
    }

    [Fact]
    public async Task A_Bug_Inside_The_Probe_Is_An_Internal_Error_That_Is_Logged_Never_Closed()
    {
        await using var peer = new SmtpPeer(TestCertificates.SelfSigned(), implicitTls: false);
        var logs = new Support.LogCapture();
        var options = Probes.Options();
        var probe = new SmtpProbe(options, logs.For<SmtpProbe>());
        using var whole = new CancellationTokenSource(options.TestTimeout);

        // The live page's callback failing during EHLO stands for any bug of ours inside a probe.
        var r = await probe.RunAsync("peer.test", [System.Net.IPAddress.Loopback], peer.Port,
            row => { if (row.Stage == ProbeStage.Ehlo) throw new InvalidOperationException("a bug"); }, whole.Token);

        Assert.Equal(ProbeOutcome.Error, r.Outcome);
        Assert.Equal("internal error", r.Detail);
        var error = Assert.Single(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Contains("peer.test", error.Message);
        Assert.Contains(peer.Port.ToString(), error.Message);
    }

    [Fact]
    public async Task An_Implicit_Tls_Peer_Is_Spoken_To_In_Tls_From_The_First_Byte()
    {
        await using var peer = new SmtpPeer(TestCertificates.SelfSigned(), implicitTls: true);

        var r = await Probes.RunAsync(peer.Port, Probes.Options(implicitTlsPort: peer.Port));

        Assert.Equal(ProbeOutcome.Ok, r.Outcome);
        Assert.Equal("implicit-tls", r.Mode);
        Assert.NotNull(r.Tls);
        Assert.Contains("PLAIN", r.AuthMechanisms!);
        Assert.Contains(r.Extensions!, e => e.StartsWith("AUTH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_Expired_Certificate_Is_Reported_And_The_Test_Goes_On()
    {
        await using var peer = new SmtpPeer(TestCertificates.Expired(), implicitTls: false);

        var r = await Probes.RunAsync(peer.Port);

        Assert.Equal(ProbeOutcome.Ok, r.Outcome);
        Assert.True(r.Tls!.Certificate!.NotAfter < DateTimeOffset.UtcNow);
        Assert.False(r.Tls.Certificate.Trusted);
        Assert.Contains("有効期限切れ", r.Advice is null ? Verdicts.ForPort(r, "peer.test", TimeProvider.System.GetUtcNow()).Message.Ja : r.Advice.Message.Ja);
    }

    [Fact]
    public async Task A_Certificate_For_Another_Name_Is_Reported_As_Not_Matching()
    {
        await using var peer = new SmtpPeer(TestCertificates.SelfSigned("other.example"), implicitTls: false);

        var r = await Probes.RunAsync(peer.Port);

        Assert.Equal(ProbeOutcome.Ok, r.Outcome);
        Assert.False(r.Tls!.Certificate!.HostnameMatches);
    }

    [Fact]
    public async Task A_Silent_Peer_Ends_As_No_Greeting_Within_The_Limit()
    {
        await using var peer = LoopbackPeer.Silent();
        var options = Probes.Options();

        var r = await Probes.RunAsync(peer.Port, options);

        Assert.Equal(ProbeOutcome.NoGreeting, r.Outcome);
        Assert.Equal(ProbeStage.Greeting, r.Stage);
        Assert.Null(r.Greeting);
        Assert.InRange(r.ElapsedMs!.Value, (long)options.GreetingTimeout.TotalMilliseconds - 100, (long)(options.TestTimeout.TotalMilliseconds + 1000));
    }

    [Fact]
    public async Task A_Trickling_Peer_Cannot_Hold_A_Test_Past_The_Whole_Test_Limit()
    {
        await using var peer = LoopbackPeer.Trickles(TimeSpan.FromMilliseconds(200));
        var options = Probes.Options();

        var r = await Probes.RunAsync(peer.Port, options);

        Assert.Equal(ProbeOutcome.NoGreeting, r.Outcome);
        Assert.True(r.ElapsedMs <= options.TestTimeout.TotalMilliseconds + 1000, $"took {r.ElapsedMs} ms");
    }

    [Theory]
    [InlineData("421 peer.test Service not available, closing channel", 421)]
    [InlineData("554 peer.test No SMTP service here", 554)]
    public async Task A_Refusing_Greeting_Is_Rejected_With_Its_Code_And_Text(string greeting, int code)
    {
        await using var peer = LoopbackPeer.Greets(greeting);

        var r = await Probes.RunAsync(peer.Port);

        Assert.Equal(ProbeOutcome.Rejected, r.Outcome);
        Assert.Equal(code, r.Greeting!.Code);
        Assert.Equal(greeting[4..], r.Greeting.Text);
        Assert.Contains(code.ToString(), Verdicts.ForPort(r, "peer.test", TimeProvider.System.GetUtcNow()).Message.Ja);
    }

    [Fact]
    public async Task An_Http_Server_On_The_Port_Is_Not_Smtp()
    {
        await using var peer = LoopbackPeer.Http();

        var r = await Probes.RunAsync(peer.Port);

        Assert.Equal(ProbeOutcome.NotSmtp, r.Outcome);
        Assert.Contains("HTTP/1.1 400", r.Detail);
    }

    [Fact]
    public async Task A_Peer_That_Starts_With_An_Http_Status_Line_Is_Not_Smtp()
    {
        await using var peer = LoopbackPeer.HttpFirst();

        var r = await Probes.RunAsync(peer.Port);

        Assert.Equal(ProbeOutcome.NotSmtp, r.Outcome);
        Assert.Contains("HTTP/1.1 400", r.Detail);
    }

    [Fact]
    public async Task A_Peer_Sending_Binary_Garbage_Is_Not_Smtp()
    {
        await using var peer = LoopbackPeer.SendsGarbage();

        var r = await Probes.RunAsync(peer.Port);

        Assert.Equal(ProbeOutcome.NotSmtp, r.Outcome);
    }

    [Fact]
    public async Task A_Peer_That_Closes_Right_After_Accepting_Is_Closed()
    {
        await using var peer = LoopbackPeer.ClosesAtOnce();

        var r = await Probes.RunAsync(peer.Port);

        Assert.Equal(ProbeOutcome.Closed, r.Outcome);
        Assert.Equal("127.0.0.1", r.Address);
    }

    [Fact]
    public async Task A_Closed_Port_Is_Refused()
    {
        var r = await Probes.RunAsync(LoopbackPeer.ClosedPort());

        Assert.Equal(ProbeOutcome.Refused, r.Outcome);
        Assert.Equal(ProbeStage.Connect, r.Stage);
        Assert.Null(r.Greeting);
    }

    [Fact]
    public async Task A_Plain_Peer_On_An_Implicit_Tls_Port_Is_Tls_Failed()
    {
        await using var peer = LoopbackPeer.Greets("220 peer.test ESMTP");

        var r = await Probes.RunAsync(peer.Port, Probes.Options(implicitTlsPort: peer.Port));

        Assert.Equal(ProbeOutcome.TlsFailed, r.Outcome);
        Assert.Equal(ProbeStage.Tls, r.Stage);
        Assert.Equal(TlsFailure.PlainText, r.TlsFailure);
        Assert.Equal("The server answered in plain text where SSL/TLS was expected: this may be a STARTTLS port.", r.Detail);
        // The library's own words (its certificate boilerplate among them) reach only the staff-only dialogue.
        Assert.Contains(r.Dialogue, l => l.StartsWith("! TLS: ", StringComparison.Ordinal));
        Assert.DoesNotContain("certificate", r.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("暗号化しない文字で応答しました", Verdicts.ForPort(r, "peer.test", TimeProvider.System.GetUtcNow()).Message.Ja);
    }

    [Fact]
    public async Task A_Greeting_After_12_Seconds_Is_Waited_For_And_Reported_As_Slow()
    {
        await using var peer = LoopbackPeer.GreetsAfter(TimeSpan.FromSeconds(12));
        var defaults = new TesterOptions();
        var options = Probes.Options();
        (options.GreetingTimeout, options.TestTimeout) = (defaults.GreetingTimeout, defaults.TestTimeout);

        var r = await Probes.RunAsync(peer.Port, options);
        var advice = Verdicts.ForPort(r, "slow.test", TimeProvider.System.GetUtcNow());

        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(45)), (defaults.GreetingTimeout, defaults.TestTimeout));
        Assert.Equal(ProbeOutcome.Ok, r.Outcome);
        Assert.InRange(r.GreetingMs!.Value, 11_500, 20_000);
        Assert.Contains("the server took 12 s to greet; mail programs may give up sooner", advice.Message.En);
        Assert.Contains("あいさつ(応答)までに12秒かかりました", advice.Message.Ja);
    }

    public static TheoryData<string, TlsFailure, int?, string> TlsAnswers() => new()
    {
        { "alert 70", TlsFailure.ProtocolVersion, 70, "does not accept the TLS versions we offer" },
        { "alert 40", TlsFailure.Alert, 40, "broke off the TLS handshake (TLS alert 40)" },
        { "nothing", TlsFailure.NoAnswer, null, "sent nothing back when encryption began" },
        { "binary", TlsFailure.NotTls, null, "data that is not TLS" },
        { "handshake", TlsFailure.Handshake, null, "began but did not complete" },
    };

    [Theory]
    [MemberData(nameof(TlsAnswers))]
    public async Task A_Failed_Tls_Handshake_Is_Named_By_What_The_Server_Sent_Back(string answer, TlsFailure cause, int? alert, string said)
    {
        byte[] bytes = answer switch
        {
            "alert 70" => LoopbackPeer.TlsAlert(70),
            "alert 40" => LoopbackPeer.TlsAlert(40),
            "nothing" => [],
            "binary" => [0, 1, 2, 3, 4, 5, 6, 7],
            _ => [22, 3, 3, 0, 4, 99, 0, 0, 0],   // a handshake record with a message type no TLS knows
        };
        await using var peer = LoopbackPeer.AnswersClientHello(bytes);

        var r = await Probes.RunAsync(peer.Port, Probes.Options(implicitTlsPort: peer.Port));

        Assert.Equal(ProbeOutcome.TlsFailed, r.Outcome);
        Assert.Equal((cause, alert), (r.TlsFailure, r.TlsAlert));
        Assert.Contains(said, r.Detail);
        Assert.Contains(said, Verdicts.ForPort(r, "peer.test", TimeProvider.System.GetUtcNow()).Message.En);
        Assert.False(string.IsNullOrEmpty(TesterText.TlsFailureText(r.TlsFailure, r.TlsAlert, r.Mode).Ja));
    }
}
