using Portal.Tester;

namespace Portal.Tests.Tester;

public sealed class VerdictsTests
{
    private static PortResult Row(int port, ProbeOutcome outcome) => new() { Port = port, Mode = port == 465 ? "implicit-tls" : "starttls", Outcome = outcome };

    /// <summary>An "ok" row a mail program can send through: encrypted, with SMTP AUTH.</summary>
    private static PortResult Usable(int port) => Row(port, ProbeOutcome.Ok) with
    {
        Tls = new TlsInfo("TLS 1.3", null, null), AuthMechanisms = ["LOGIN", "PLAIN"],
    };

    [Fact]
    public void Port_25_Failing_From_Our_Server_Speaks_Of_The_Relay_And_Sends_The_Line_Question_To_The_Line_Test()
    {
        var summary = Verdicts.Summary([Row(25, ProbeOutcome.Timeout), Usable(587)])!;
        Assert.Contains("Set 587 (STARTTLS) with SMTP AUTH", summary.Message.En);
        Assert.Contains("Port 25 did not answer from our server", summary.Message.En);
        Assert.Contains("says nothing about your line", summary.Message.En);
        Assert.Contains("25番は当社サーバーから応答がなかった", summary.Message.Ja);
        Assert.DoesNotContain("回線やネットワークで25番が遮断されている", summary.Message.Ja);
        Assert.DoesNotContain("your line or network probably blocks", summary.Message.En);
        Assert.Equal("/line-test", summary.HelpPath);
    }

    [Fact]
    public void A_Port_25_Timeout_Is_About_The_Server_Side_Not_The_Customers_Line()
    {
        var advice = Verdicts.ForPort(Row(25, ProbeOutcome.Timeout), "smtp.example.jp", TimeProvider.System.GetUtcNow());
        Assert.Contains("not about your line", advice.Message.En);
        Assert.Equal("/line-test", advice.HelpPath);
    }

    [Fact]
    public void A_Timeout_On_Another_Port_Points_To_The_Server_And_The_Line_Test_Not_Security_Software()
    {
        var advice = Verdicts.ForPort(Row(587, ProbeOutcome.Timeout), "smtp.example.jp", TimeProvider.System.GetUtcNow());
        Assert.Contains("firewall on its side", advice.Message.En);
        Assert.Equal("/line-test", advice.HelpPath);
    }

    [Fact]
    public void A_Starttls_Failure_Points_To_The_Servers_Tls_Setup_Not_The_Mail_Program()
    {
        var advice = Verdicts.ForPort(Row(587, ProbeOutcome.TlsFailed), "smtp.example.jp", TimeProvider.System.GetUtcNow());
        Assert.DoesNotContain("mail program", advice.Message.En);
        Assert.Contains("server's TLS setup", advice.Message.En);
    }

    [Fact]
    public void Ok_Without_Auth_Does_Not_Promise_That_Sending_Works()
    {
        var tls = new TlsInfo("TLSv1.3", null, null);
        var withAuth = Verdicts.ForPort(Row(587, ProbeOutcome.Ok) with { Tls = tls, AuthMechanisms = ["PLAIN"] }, "smtp.example.jp", TimeProvider.System.GetUtcNow());
        var withoutAuth = Verdicts.ForPort(Row(465, ProbeOutcome.Ok) with { Tls = tls, AuthMechanisms = [] }, "smtp.example.jp", TimeProvider.System.GetUtcNow());
        Assert.Contains("offers SMTP AUTH", withAuth.Message.En);
        Assert.Equal("/setup", withAuth.HelpPath);   // straight to the mail-program guides
        Assert.Contains("offered no SMTP AUTH to our server", withoutAuth.Message.En);
    }

    [Fact]
    public void Auth_Offered_Before_Starttls_Is_Flagged_As_A_Risk()
    {
        var row = Row(587, ProbeOutcome.Ok) with { Tls = new TlsInfo("TLSv1.3", null, null), AuthMechanisms = ["PLAIN"], Extensions = ["PIPELINING", "AUTH PLAIN LOGIN", "STARTTLS"] };
        var safe = row with { Extensions = ["PIPELINING", "STARTTLS"] };
        Assert.True(Verdicts.AuthBeforeTls(row));
        Assert.Contains("offers SMTP AUTH before encryption starts", Verdicts.ForPort(row, "h", TimeProvider.System.GetUtcNow()).Message.En);
        Assert.Contains("暗号化の前からSMTP認証を提示", Verdicts.ForPort(row, "h", TimeProvider.System.GetUtcNow()).Message.Ja);
        Assert.DoesNotContain("before encryption", Verdicts.ForPort(safe, "h", TimeProvider.System.GetUtcNow()).Message.En);
    }

    [Fact]
    public void Only_25_Answering_Never_Tells_The_Customer_To_Use_25()
    {
        var summary = Verdicts.Summary([Row(25, ProbeOutcome.Ok), Row(587, ProbeOutcome.Refused), Row(465, ProbeOutcome.Refused)])!;
        Assert.Contains("Only port 25 answered our server", summary.Message.En);
        Assert.DoesNotContain("Set that port", summary.Message.En);
    }

    [Fact]
    public void A_Rejection_After_The_Greeting_Quotes_The_Rejecting_Reply()
    {
        var row = Row(587, ProbeOutcome.Rejected) with { Greeting = new SmtpReply(220, "smtp.example.jp ESMTP"), Detail = "554 5.7.1 Access denied" };
        var advice = Verdicts.ForPort(row, "smtp.example.jp", TimeProvider.System.GetUtcNow());
        Assert.Contains("554 5.7.1 Access denied", advice.Message.En);
        Assert.DoesNotContain("ESMTP", advice.Message.En);
        Assert.Contains("421 busy", Verdicts.ForPort(Row(587, ProbeOutcome.Rejected) with { Greeting = new SmtpReply(421, "busy") }, "h", TimeProvider.System.GetUtcNow()).Message.En);
    }

    [Fact]
    public void Refused_Allows_For_A_Firewall()
    {
        Assert.Contains("or a firewall in front of it refuses", Verdicts.ForPort(Row(587, ProbeOutcome.Refused), "h", TimeProvider.System.GetUtcNow()).Message.En);
    }

    [Fact]
    public void Only_465_Working_Says_To_Use_465_With_Ssl()
    {
        var summary = Verdicts.Summary([Row(587, ProbeOutcome.Refused), Usable(465)])!;
        Assert.Contains("465", summary.Message.En);
        Assert.Contains("SSL/TLS", summary.Message.Ja);
    }

    [Fact]
    public void Nothing_Working_Asks_To_Check_The_Name_And_Says_It_Is_Not_The_Line()
    {
        var summary = Verdicts.Summary([Row(25, ProbeOutcome.Timeout), Row(587, ProbeOutcome.Timeout)])!;
        Assert.Contains("No port could be reached from our server", summary.Message.En);
        Assert.Contains("nothing to do with your line", summary.Message.En);
        Assert.DoesNotContain("is running", summary.Message.En);
    }

    [Fact]
    public void No_Summary_While_A_Port_Is_Still_Running() =>
        Assert.Null(Verdicts.Summary([Row(25, ProbeOutcome.Ok), new PortResult { Port = 587, Mode = "starttls" }]));

    [Theory]
    [InlineData(ProbeOutcome.Ok, "answered")]
    [InlineData(ProbeOutcome.Refused, "refused")]
    [InlineData(ProbeOutcome.Timeout, "could not be reached")]
    [InlineData(ProbeOutcome.NoGreeting, "never greeted")]
    [InlineData(ProbeOutcome.Rejected, "turned the connection away")]
    [InlineData(ProbeOutcome.NotSmtp, "web server")]
    [InlineData(ProbeOutcome.Closed, "hung up")]
    [InlineData(ProbeOutcome.TlsFailed, "could not be set up with our server")]
    [InlineData(ProbeOutcome.DnsFailed, "was not found")]
    [InlineData(ProbeOutcome.Error, "internal error")]
    public void Every_Outcome_Has_Plain_Words_In_Both_Languages(ProbeOutcome outcome, string english)
    {
        var advice = Verdicts.ForPort(Row(587, outcome), "smtp.example.jp", TimeProvider.System.GetUtcNow());
        Assert.Contains(english, advice.Message.En);
        Assert.False(string.IsNullOrWhiteSpace(advice.Message.Ja));
        Assert.NotEqual("Testing…", advice.Message.En);
        Assert.NotEqual(TesterText.Outcome(null), TesterText.Outcome(outcome));
    }

    [Fact]
    public void The_Outcome_Cases_Above_Cover_Every_Outcome()
    {
        var covered = typeof(VerdictsTests).GetMethod(nameof(Every_Outcome_Has_Plain_Words_In_Both_Languages))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>().Select(a => (ProbeOutcome)a.Data[0]!);
        Assert.Equal(Enum.GetValues<ProbeOutcome>().Order(), covered.Order());
    }

    [Fact]
    public void An_Internal_Error_Is_Never_Summed_Up_As_A_Server_Problem()
    {
        var summary = Verdicts.Summary([Row(25, ProbeOutcome.Timeout), Row(587, ProbeOutcome.Error)])!;
        Assert.Contains("internal error", summary.Message.En);
        Assert.DoesNotContain("OP25B", summary.Message.En);
    }

    [Fact]
    public void A_Port_Without_Starttls_Warns_That_Passwords_Travel_Unencrypted()
    {
        var advice = Verdicts.ForPort(Row(587, ProbeOutcome.Ok), "smtp.example.jp", TimeProvider.System.GetUtcNow());
        Assert.Contains("unencrypted", advice.Message.En);
    }

    [Fact]
    public void A_587_Without_Starttls_Or_Auth_Is_Said_So_And_Not_Recommended()
    {
        var summary = Verdicts.Summary([Row(587, ProbeOutcome.Ok), Usable(465)])!;

        Assert.Contains("587 answered, but offered neither encryption (STARTTLS) nor login (SMTP AUTH)", summary.Message.En);
        Assert.Contains("Set 465 (SSL/TLS) with SMTP AUTH", summary.Message.En);
        Assert.DoesNotContain("587 (STARTTLS)", summary.Message.En);
        Assert.Contains("587番は応答したが、暗号化(STARTTLS)もSMTP認証も提示しなかった", summary.Message.Ja);
    }

    [Theory]
    [InlineData(ProbeOutcome.Rejected, "587 turned the connection away (554)")]
    [InlineData(ProbeOutcome.TlsFailed, "587 connected, but encryption could not be set up")]
    [InlineData(ProbeOutcome.NoGreeting, "587 connected, but the server never greeted")]
    public void A_Port_That_Connected_Is_Never_Summed_Up_As_Unreachable(ProbeOutcome outcome, string said)
    {
        var row = Row(587, outcome) with { Greeting = outcome == ProbeOutcome.Rejected ? new SmtpReply(554, "no") : null };
        var summary = Verdicts.Summary([row, Row(465, ProbeOutcome.Timeout)])!;

        Assert.DoesNotContain("could not be reached", summary.Message.En);
        Assert.DoesNotContain("どのポートにも接続できませんでした", summary.Message.Ja);
        Assert.Contains(said, summary.Message.En);
        Assert.Contains("465 did not answer", summary.Message.En);
    }

    [Fact]
    public void Plain_Text_On_465_Is_Named_As_Such()
    {
        var row = Row(465, ProbeOutcome.TlsFailed) with { TlsFailure = TlsFailure.PlainText };
        Assert.Contains("465 answered in plain text where TLS was expected", Verdicts.Summary([Row(587, ProbeOutcome.Refused), row])!.Message.En);
    }

    /// <summary>Every kind of row the summary can meet (an internal error and a name not found are whole-test cases, tested above).</summary>
    public static readonly (string Name, Func<int, PortResult> Make)[] Kinds =
    [
        ("usable", Usable),
        ("ok-plain", p => Row(p, ProbeOutcome.Ok)),
        ("ok-no-auth", p => Row(p, ProbeOutcome.Ok) with { Tls = new TlsInfo("TLS 1.3", null, null) }),
        ("ok-no-tls", p => Row(p, ProbeOutcome.Ok) with { AuthMechanisms = ["PLAIN"] }),
        ("refused", p => Row(p, ProbeOutcome.Refused)),
        ("timeout", p => Row(p, ProbeOutcome.Timeout)),
        ("rejected", p => Row(p, ProbeOutcome.Rejected) with { Greeting = new SmtpReply(554, "go away") }),
        ("tls-failed", p => Row(p, ProbeOutcome.TlsFailed)),
        ("tls-plain", p => Row(p, ProbeOutcome.TlsFailed) with { TlsFailure = TlsFailure.PlainText }),
        ("tls-version", p => Row(p, ProbeOutcome.TlsFailed) with { TlsFailure = TlsFailure.ProtocolVersion, TlsAlert = 70 }),
        ("no-greeting", p => Row(p, ProbeOutcome.NoGreeting)),
        ("not-smtp", p => Row(p, ProbeOutcome.NotSmtp)),
        ("closed", p => Row(p, ProbeOutcome.Closed)),
    ];

    public static TheoryData<int[]> PortSets() => new([587, 465], [25, 587], [25, 465], [25, 587, 465]);

    [Theory]
    [MemberData(nameof(PortSets))]
    public void Every_Combination_Of_Outcomes_Gets_A_Summary_That_Matches_Its_Rows(int[] ports)
    {
        // Each combination keeps the names of its kinds, for the failure message.
        var combinations = ports.Aggregate((IEnumerable<List<(string Kind, PortResult Row)>>)[[]],
            (sets, port) => sets.SelectMany(set => Kinds.Select(k => new List<(string, PortResult)>(set) { (k.Name, k.Make(port)) })));
        var checkedCount = 0;
        foreach (var combination in combinations)
        {
            var rows = combination.Select(c => c.Row).ToList();
            var summary = Verdicts.Summary(rows)!;
            var (en, ja) = (summary.Message.En, summary.Message.Ja);
            var name = string.Join(", ", combination.Select(c => $"{c.Row.Port} {c.Kind}"));

            // It recommends exactly the usable ports other than 25.
            var set = System.Text.RegularExpressions.Regex.Match(en, @"Set ((?:\d+ \([A-Z/]+\)(?: or )?)+) with SMTP AUTH");
            var recommended = set.Success ? System.Text.RegularExpressions.Regex.Matches(set.Groups[1].Value, @"\d+").Select(m => int.Parse(m.Value)).ToList() : [];
            Assert.True(rows.Where(r => r.Port != 25 && Verdicts.Usable(r)).Select(r => r.Port).SequenceEqual(recommended), $"{name}: recommends {string.Join(",", recommended)}: {en}");
            Assert.DoesNotContain(25, recommended);
            foreach (var port in recommended) Assert.Contains($"{port}番({(port == 465 ? "SSL/TLS" : "STARTTLS")})", ja);
            // Nothing that connected is called unreachable, in either language.
            if (rows.Any(Verdicts.Connected))
            {
                Assert.False(en.Contains("could not be reached", StringComparison.Ordinal), $"{name}: {en}");
                Assert.DoesNotContain("どのポートにも接続できませんでした", ja);
                if (rows.Any(r => r.Port != 25 && Verdicts.Connected(r))) Assert.DoesNotContain("Only port 25 answered", en);
            }
            // Every port that cannot be used is named with what happened there: refused apart from silence.
            foreach (var r in rows.Where(r => !Verdicts.Usable(r) && r.Port != 25))
                Assert.True(en.Contains($"{r.Port} {Verdicts.WhatHappened(r).En}", StringComparison.Ordinal) || AllAlike(rows, r), $"{name}: {r.Port} not described: {en}");
            foreach (var r in rows)
            {
                if (r.Outcome == ProbeOutcome.Refused) Assert.DoesNotContain($"{r.Port} did not answer", en);
                if (r.Outcome == ProbeOutcome.Timeout) Assert.DoesNotContain($"{r.Port} refused", en);
            }
            Assert.False(string.IsNullOrWhiteSpace(ja));
            checkedCount++;
        }
        Assert.Equal((int)Math.Pow(Kinds.Length, ports.Length), checkedCount);
    }

    // When every port refused, or every port was silent, the summary says so of all of them at once.
    private static bool AllAlike(List<PortResult> rows, PortResult r) =>
        rows.All(x => x.Outcome == r.Outcome) && r.Outcome is ProbeOutcome.Refused or ProbeOutcome.Timeout;
}
