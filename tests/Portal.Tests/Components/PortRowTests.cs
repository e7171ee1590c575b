using Bunit;
using Portal.Tester;
using Portal.Tester.Components;

namespace Portal.Tests.Components;

/// <summary>The tester's live row as it fills in.</summary>
public sealed class PortRowTests : BunitContext
{
    private static readonly PortResult Running = new() { Port = 587, Mode = "starttls", Stage = ProbeStage.Greeting, Address = "192.0.2.25", Family = "ipv4" };

    [Fact]
    public void A_Running_Row_Shows_The_Stage_It_Has_Reached()
    {
        var row = Render<PortRow>(p => p.Add(r => r.Row, Running));

        Assert.Equal("running", row.Find("li").GetAttribute("data-outcome"));
        Assert.Contains("あいさつを待っています", row.Find(".stage").TextContent);
        Assert.Contains("192.0.2.25", row.Find(".facts").TextContent);
        Assert.Contains("running", row.Find("li").ClassList);
    }

    [Fact]
    public void A_Row_Waiting_For_Its_Greeting_Shows_The_Seconds_So_Far()
    {
        var row = Render<PortRow>(p => p.Add(r => r.Row, Running).Add(r => r.WaitingSeconds, 12));
        var quiet = Render<PortRow>(p => p.Add(r => r.Row, Running));

        Assert.Equal("あいさつを待っています…(12秒)", row.Find(".stage").TextContent.Trim());
        Assert.Empty(quiet.FindAll(".waited"));
    }

    [Fact]
    public void A_Row_Updates_In_Place_When_The_Next_Stage_Arrives()
    {
        var row = Render<PortRow>(p => p.Add(r => r.Row, Running));

        row.Render(p => p.Add(r => r.Row, Running with { Stage = ProbeStage.StartTls, Greeting = new SmtpReply(220, "mx.example.jp ESMTP") }));

        Assert.Contains("STARTTLS", row.Find(".stage").TextContent);
        Assert.Contains("220 mx.example.jp ESMTP", row.Find(".facts code").TextContent);
    }

    [Fact]
    public void A_Finished_Row_Shows_Its_Verdict_And_A_Link_To_The_Setup_Guides()
    {
        var done = Running with
        {
            Outcome = ProbeOutcome.Ok, Stage = ProbeStage.Done, ElapsedMs = 120, AuthMechanisms = ["LOGIN", "PLAIN"],
            Tls = new TlsInfo("TLS 1.3", "TLS_AES_256_GCM_SHA384", new CertificateInfo("CN=mx", "CN=ca", ["mx.example.jp"], DateTimeOffset.UtcNow.AddDays(90), true, true)),
        };
        done = done with { Advice = Verdicts.ForPort(done, "mx.example.jp", TimeProvider.System.GetUtcNow()) };

        var row = Render<PortRow>(p => p.Add(r => r.Row, done).Add(r => r.Lang, Portal.Site.Lang.En));

        Assert.Equal("ok", row.Find("li").GetAttribute("data-outcome"));
        Assert.Equal("Connected", row.Find(".badge").TextContent.Trim());
        Assert.Contains("STARTTLS and SMTP AUTH", row.Find(".advice").TextContent);
        Assert.Equal("/en/setup", row.Find(".advice a").GetAttribute("href"));
        Assert.Equal("How to set up your mail program", row.Find(".advice a").TextContent.Trim());
        Assert.Contains("LOGIN PLAIN", row.Find(".facts").TextContent);
        Assert.Empty(row.FindAll(".stage"));
    }

    [Fact]
    public void A_Failed_Row_Is_Marked_Bad_With_The_Detail()
    {
        var failed = Running with { Outcome = ProbeOutcome.Timeout, Port = 25, Detail = "no TCP connection (TimedOut)" };
        failed = failed with { Advice = Verdicts.ForPort(failed, "mx.example.jp", TimeProvider.System.GetUtcNow()) };

        var row = Render<PortRow>(p => p.Add(r => r.Row, failed));

        Assert.Contains("bad", row.Find("li").ClassList);
        Assert.Equal("応答なし", row.Find(".badge").TextContent.Trim());
        Assert.Contains("OP25B", row.Find(".advice").TextContent);
        Assert.Contains("TimedOut", row.Find(".facts").TextContent);
    }
}
