using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.LineTest;

namespace Portal.Tests.LineTest;

/// <summary>The listener's SMTP dialogue, spoken to with raw sockets on loopback.</summary>
public sealed class ListenerTests
{
    private static async Task<(Portal.Tests.Support.PortalFactory Factory, BoundListener Listener)> StartAsync(string tls = "starttls", int publicPort = 587,
        Dictionary<string, string?>? settings = null)
    {
        var factory = LinePortal.Create([(tls, publicPort)], settings);
        var listener = factory.Listener(publicPort);
        await Task.CompletedTask;
        return (factory, listener);
    }

    [Fact]
    public async Task The_Greeting_Names_The_Public_Host()
    {
        var (factory, l) = await StartAsync();
        await using var _ = factory;
        await using var c = await SmtpClientConnection.OpenAsync(l.Port);

        Assert.Equal(["220 line.example.jp ESMTP line test"], await c.ReadReplyAsync());
    }

    [Fact]
    public async Task Ehlo_With_An_Open_Code_Records_The_Arrival_And_Tells_The_Client_Its_Address()
    {
        var (factory, l) = await StartAsync();
        await using var _ = factory;
        var code = await factory.NewCodeAsync();
        await using var c = await SmtpClientConnection.OpenAsync(l.Port);
        await c.ReadReplyAsync();

        var reply = await c.CommandAsync("EHLO " + code.ToLowerInvariant());
        var test = await factory.Services.GetRequiredService<LineTestStore>().GetAsync(code, TestContext.Current.CancellationToken);

        Assert.Contains("250-Your address: 127.0.0.1", reply);
        Assert.Contains($"250-Line test {code}: arrival on port 587 recorded", reply);
        Assert.Contains("250-STARTTLS", reply);
        Assert.Equal("250 HELP", reply[^1]);
        var arrival = Assert.Single(test!.Arrivals);
        Assert.Equal((587, l.Port, "127.0.0.1", null), (arrival.PublicPort, arrival.Port, arrival.Address, arrival.Tls));
        Assert.Equal(code.ToLowerInvariant(), arrival.EhloName);
    }

    [Fact]
    public async Task An_Unknown_Name_Is_Answered_And_Recorded_Nowhere()
    {
        var (factory, l) = await StartAsync();
        await using var _ = factory;
        var code = await factory.NewCodeAsync();
        await using var c = await SmtpClientConnection.OpenAsync(l.Port);
        await c.ReadReplyAsync();

        var byName = await c.CommandAsync("EHLO mail.example.org");
        var otherCode = await c.CommandAsync("HELO 0000000000");
        var rows = await Portal.Tests.Support.TestDatabase.RowsAsync(factory.Services.GetRequiredService<Portal.Data.Db>(), "line_test_arrivals");

        Assert.Contains("250-Line test: no line test has this name", byName);
        Assert.StartsWith("250 line.example.jp Your address: 127.0.0.1; Line test 0000000000: unknown or expired", otherCode.Single());
        Assert.Empty(rows);
        Assert.NotNull(code);
    }

    [Theory]
    [InlineData("HELP", "214 ")]
    [InlineData("NOOP", "250 ")]
    [InlineData("RSET", "250 ")]
    [InlineData("MAIL FROM:<a@example.jp>", "554 ")]
    [InlineData("RCPT TO:<b@example.jp>", "554 ")]
    [InlineData("DATA", "554 ")]
    [InlineData("AUTH PLAIN AGFAYg==", "502 ")]
    [InlineData("VRFY postmaster", "502 ")]
    [InlineData("EXPN staff", "502 ")]
    [InlineData("EHLO", "501 ")]
    [InlineData("WHAT", "500 ")]
    public async Task Every_Command_Gets_Its_Reply_And_Mail_Is_Never_Accepted(string command, string expected)
    {
        var (factory, l) = await StartAsync();
        await using var _ = factory;
        await using var c = await SmtpClientConnection.OpenAsync(l.Port);
        await c.ReadReplyAsync();
        await c.CommandAsync("EHLO client.example.jp");

        var reply = await c.CommandAsync(command);
        var after = await c.CommandAsync("NOOP");

        Assert.StartsWith(expected, reply[^1]);
        Assert.Equal(["250 2.0.0 OK"], after);   // still talking afterwards
    }

    [Fact]
    public async Task Quit_Says_Goodbye_And_Closes()
    {
        var (factory, l) = await StartAsync();
        await using var _ = factory;
        await using var c = await SmtpClientConnection.OpenAsync(l.Port);
        await c.ReadReplyAsync();

        Assert.StartsWith("221 ", (await c.CommandAsync("QUIT")).Single());
        Assert.True(await c.ClosedAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_Line_Over_512_Bytes_Gets_500_And_The_Connection_Closes()
    {
        var (factory, l) = await StartAsync();
        await using var _ = factory;
        await using var c = await SmtpClientConnection.OpenAsync(l.Port);
        await c.ReadReplyAsync();

        var fits = await c.CommandAsync("NOOP " + new string('x', 512 - 7));   // 512 bytes with CRLF
        await c.SendRawAsync(Encoding.ASCII.GetBytes("NOOP " + new string('x', 600)));
        var tooLong = await c.ReadReplyAsync();

        Assert.Equal(["250 2.0.0 OK"], fits);
        Assert.StartsWith("500 5.5.6", tooLong!.Single());
        Assert.True(await c.ClosedAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task The_Twenty_First_Command_Gets_421_And_The_Connection_Closes()
    {
        var (factory, l) = await StartAsync();
        await using var _ = factory;
        await using var c = await SmtpClientConnection.OpenAsync(l.Port);
        await c.ReadReplyAsync();

        for (var i = 0; i < 20; i++) Assert.Equal(["250 2.0.0 OK"], await c.CommandAsync("NOOP"));
        var over = await c.CommandAsync("NOOP");

        Assert.StartsWith("421 ", over.Single());
        Assert.True(await c.ClosedAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_Slow_Client_Is_Closed_When_The_Connection_Time_Is_Up()
    {
        var (factory, l) = await StartAsync(settings: new() { ["LineTest:ConnectionLimit"] = "00:00:02" });
        await using var _ = factory;
        await using var c = await SmtpClientConnection.OpenAsync(l.Port);
        await c.ReadReplyAsync();
        var started = DateTime.UtcNow;

        await c.SendRawAsync("NO"u8.ToArray());   // half a command, then nothing
        var reply = await c.ReadReplyAsync(TimeSpan.FromSeconds(10));
        var closed = await c.ClosedAsync(TimeSpan.FromSeconds(5));

        Assert.StartsWith("421 4.4.2", reply!.Single());
        Assert.True(closed);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task The_Default_Connection_Limit_Is_Thirty_Seconds_And_Twenty_Commands()
    {
        await using var factory = LinePortal.Create(LinePortal.Standard);
        var options = factory.Services.GetRequiredService<LineTestOptions>();

        Assert.Equal((TimeSpan.FromSeconds(30), 20, 500, 10), (options.ConnectionLimit, options.MaxCommands, options.MaxConnections, options.MaxConnectionsPerAddress));
    }

    [Fact]
    public async Task Beyond_The_Per_Address_Cap_A_Connection_Gets_421()
    {
        var (factory, l) = await StartAsync(settings: new() { ["LineTest:MaxConnectionsPerAddress"] = "2" });
        await using var _ = factory;
        await using var a = await SmtpClientConnection.OpenAsync(l.Port);
        await using var b = await SmtpClientConnection.OpenAsync(l.Port);
        Assert.StartsWith("220 ", (await a.ReadReplyAsync())!.Single());
        Assert.StartsWith("220 ", (await b.ReadReplyAsync())!.Single());

        await using var third = await SmtpClientConnection.OpenAsync(l.Port);
        Assert.StartsWith("421 ", (await third.ReadReplyAsync())!.Single());
        Assert.True(await third.ClosedAsync(TimeSpan.FromSeconds(5)));

        await a.CommandAsync("QUIT");
        Assert.True(await a.ClosedAsync(TimeSpan.FromSeconds(5)));
        await using var again = await SmtpClientConnection.OpenAsync(l.Port);
        Assert.StartsWith("220 ", (await again.ReadReplyAsync())!.Single());   // a freed place is usable again
    }

    [Fact]
    public async Task Beyond_The_Total_Cap_A_Connection_Gets_421()
    {
        var (factory, l) = await StartAsync(settings: new() { ["LineTest:MaxConnections"] = "3" });
        await using var _ = factory;
        var open = new List<SmtpClientConnection>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                open.Add(await SmtpClientConnection.OpenAsync(l.Port));
                Assert.StartsWith("220 ", (await open[^1].ReadReplyAsync())!.Single());
            }
            await using var fourth = await SmtpClientConnection.OpenAsync(l.Port);
            Assert.StartsWith("421 ", (await fourth.ReadReplyAsync())!.Single());
            Assert.Equal(3, factory.Services.GetRequiredService<LineListeners>().OpenConnections);
        }
        finally
        {
            foreach (var c in open) await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task Starttls_Upgrades_And_The_Arrival_Keeps_The_Tls_Protocol()
    {
        var (factory, l) = await StartAsync("starttls", 25);
        await using var _ = factory;
        var code = await factory.NewCodeAsync();
        await using var c = await SmtpClientConnection.OpenAsync(l.Port);
        await c.ReadReplyAsync();
        await c.CommandAsync("EHLO " + code);

        Assert.StartsWith("220 ", (await c.CommandAsync("STARTTLS")).Single());
        await c.UpgradeAsync();
        var again = await c.CommandAsync("EHLO " + code);
        var twice = await c.CommandAsync("STARTTLS");
        var arrival = (await factory.Services.GetRequiredService<LineTestStore>().GetAsync(code, TestContext.Current.CancellationToken))!.Arrivals.Single();

        Assert.DoesNotContain("250-STARTTLS", again);
        Assert.StartsWith("503 ", twice.Single());
        Assert.Matches("^TLSv1\\.[23]$", arrival.Tls);
        Assert.Equal(25, arrival.PublicPort);
    }

    [Fact]
    public async Task Implicit_Tls_Starts_With_The_First_Byte()
    {
        var (factory, l) = await StartAsync("implicit", 465);
        await using var _ = factory;
        var code = await factory.NewCodeAsync();
        await using var c = await SmtpClientConnection.OpenAsync(l.Port, implicitTls: true);

        Assert.StartsWith("220 line.example.jp", (await c.ReadReplyAsync())!.Single());
        var ehlo = await c.CommandAsync("EHLO " + code);
        var arrival = (await factory.Services.GetRequiredService<LineTestStore>().GetAsync(code, TestContext.Current.CancellationToken))!.Arrivals.Single();

        Assert.DoesNotContain("250-STARTTLS", ehlo);
        Assert.NotNull(c.TlsProtocol);
        Assert.Matches("^TLSv1\\.[23]$", arrival.Tls);
    }

    [Fact]
    public async Task A_Plain_Listener_Does_Not_Offer_Starttls()
    {
        var (factory, l) = await StartAsync("none", 25);
        await using var _ = factory;
        await using var c = await SmtpClientConnection.OpenAsync(l.Port);
        await c.ReadReplyAsync();

        Assert.DoesNotContain("250-STARTTLS", await c.CommandAsync("EHLO client.example.jp"));
        Assert.StartsWith("502 ", (await c.CommandAsync("STARTTLS")).Single());
    }

    [Fact]
    public async Task Text_Sent_With_Starttls_Is_Not_Taken_As_Sent_Under_Tls()
    {
        var (factory, l) = await StartAsync("starttls", 587);
        await using var _ = factory;
        var code = await factory.NewCodeAsync();
        await using var c = await SmtpClientConnection.OpenAsync(l.Port);
        await c.ReadReplyAsync();

        // An injected EHLO after STARTTLS in the same packet must be thrown away, not answered inside TLS.
        await c.SendRawAsync(Encoding.ASCII.GetBytes($"STARTTLS\r\nEHLO {code}\r\n"));
        Assert.StartsWith("220 ", (await c.ReadReplyAsync())!.Single());
        await c.UpgradeAsync();
        var noop = await c.CommandAsync("NOOP");
        var test = await factory.Services.GetRequiredService<LineTestStore>().GetAsync(code, TestContext.Current.CancellationToken);

        Assert.Equal(["250 2.0.0 OK"], noop);
        Assert.Empty(test!.Arrivals);
    }
}
