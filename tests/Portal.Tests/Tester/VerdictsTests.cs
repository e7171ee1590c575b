using Portal.Tester;

namespace Portal.Tests.Tester;

public sealed class VerdictsTests
{
    private static PortResult Row(int port, ProbeOutcome outcome) => new() { Port = port, Mode = port == 465 ? "implicit-tls" : "starttls", Outcome = outcome };

    [Fact]
    public void Port_25_Timing_Out_While_587_Works_Points_To_Op25b_And_587_With_Auth()
    {
        var summary = Verdicts.Summary([Row(25, ProbeOutcome.Timeout), Row(587, ProbeOutcome.Ok)])!;
        Assert.Contains("OP25B", summary.Message.En);
        Assert.Contains("587", summary.Message.Ja);
        Assert.Contains("SMTP AUTH", summary.Message.En);
        Assert.Equal("/qa#which-port", summary.HelpPath);
    }

    [Fact]
    public void Only_465_Working_Says_To_Use_465_With_Ssl()
    {
        var summary = Verdicts.Summary([Row(587, ProbeOutcome.Refused), Row(465, ProbeOutcome.Ok)])!;
        Assert.Contains("465", summary.Message.En);
        Assert.Contains("SSL/TLS", summary.Message.Ja);
    }

    [Fact]
    public void Nothing_Working_Asks_To_Check_The_Name_And_The_Server()
    {
        var summary = Verdicts.Summary([Row(25, ProbeOutcome.Timeout), Row(587, ProbeOutcome.Timeout)])!;
        Assert.Contains("No port", summary.Message.En);
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
    [InlineData(ProbeOutcome.TlsFailed, "Encryption (STARTTLS) could not be set up")]
    [InlineData(ProbeOutcome.DnsFailed, "was not found")]
    [InlineData(ProbeOutcome.Error, "internal error")]
    public void Every_Outcome_Has_Plain_Words_In_Both_Languages(ProbeOutcome outcome, string english)
    {
        var advice = Verdicts.ForPort(Row(587, outcome), "smtp.example.jp");
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
        var advice = Verdicts.ForPort(Row(587, ProbeOutcome.Ok), "smtp.example.jp");
        Assert.Contains("unencrypted", advice.Message.En);
    }
}
