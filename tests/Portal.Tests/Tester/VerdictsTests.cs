using Portal.Tester;

namespace Portal.Tests.Tester;

public sealed class VerdictsTests
{
    private static PortResult Row(int port, ProbeOutcome outcome) => new() { Port = port, Mode = port == 465 ? "implicit-tls" : "starttls", Outcome = outcome };

    [Fact]
    public void Port_25_Failing_From_Our_Server_Speaks_Of_The_Relay_And_Sends_The_Line_Question_To_The_Line_Test()
    {
        var summary = Verdicts.Summary([Row(25, ProbeOutcome.Timeout), Row(587, ProbeOutcome.Ok)])!;
        Assert.Contains("From our server, port 25 did not connect but 587 did", summary.Message.En);
        Assert.Contains("says nothing about your line", summary.Message.En);
        Assert.Contains("当社サーバーからは、25番には接続できず", summary.Message.Ja);
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
        var summary = Verdicts.Summary([Row(587, ProbeOutcome.Refused), Row(465, ProbeOutcome.Ok)])!;
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
}
