using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.LineTest;
using Portal.Tests.Support;

namespace Portal.Tests.LineTest;

/// <summary>POST /api/line-tests and GET /api/line-tests/{code}, with Debian's curl as the customer's computer.</summary>
public sealed class LineTestApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Reverse DNS as a test wants it: 127.0.0.1 is a Plala line.</summary>
    public sealed class FakeReverseDns(Func<IPAddress, string?> answer, TimeSpan? delay = null) : IReverseDns
    {
        public int Calls;

        public async Task<string?> LookupAsync(IPAddress address, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            if (delay is { } d) await Task.Delay(d, cancellationToken);
            return answer(address);
        }
    }

    public static Action<IServiceCollection> Plala => s => s.AddSingleton<IReverseDns>(new FakeReverseDns(_ => "p1234-ipbf01.tokyo.plala.or.jp"));

    [Fact]
    public async Task Starting_A_Line_Test_Returns_Its_Code_Ports_And_Commands()
    {
        await using var factory = LinePortal.Create(LinePortal.Standard);
        var bound = factory.Listeners();
        var client = factory.CreatePlainClient();

        using var response = await client.PostAsJsonAsync("/api/line-tests", new { ticket = "T-2026#15" }, Ct);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        var code = json.GetProperty("code").GetString()!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{10}$", code);
        Assert.InRange(json.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        Assert.Equal([25, 587, 465], json.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("publicPort").GetInt32()));
        Assert.Equal(bound.Select(b => b.Port), json.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("port").GetInt32()));
        Assert.Equal(["starttls", "starttls", "implicit"], json.GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("tls").GetString()));
        Assert.Equal($"curl -sv -k --ssl-reqd --connect-timeout 10 smtp://line.example.jp:25/{code} --next -sv -k --ssl-reqd --connect-timeout 10 smtp://line.example.jp:587/{code} --next -sv -k --connect-timeout 10 smtps://line.example.jp:465/{code}",
            json.GetProperty("commands").GetProperty("linux").GetString());
        Assert.EndsWith($"/line-test/{code}", json.GetProperty("page").GetString());
        Assert.Equal(json.GetProperty("page").GetString(), response.Headers.Location!.ToString());
        Assert.Equal("T-2026#15", (await factory.Services.GetRequiredService<LineTestStore>().GetAsync(code, Ct))!.Ticket);
    }

    [Fact]
    public async Task The_Windows_Command_Is_The_Same_Curl_Invocation_As_Curl_Exe()
    {
        var ports = new[] { new BoundListener(2525, 25, "starttls"), new BoundListener(2587, 587, "starttls"), new BoundListener(2465, 465, "implicit"), new BoundListener(2526, 26, "none") };

        var commands = LineTests.Commands("portal.saiin.example.jp", "7K2MQX4P9R", ports);

        Assert.StartsWith("curl.exe ", commands.Windows);
        Assert.Equal(commands.Linux["curl ".Length..], commands.Windows["curl.exe ".Length..]);
        Assert.Equal(commands.Linux, commands.Mac);
        Assert.DoesNotContain("&", commands.Windows);   // one command line for Command Prompt and PowerShell alike
        Assert.DoesNotContain(";", commands.Windows);
        Assert.Equal(4, commands.Windows.Split("--connect-timeout 10").Length - 1);
        Assert.Contains("--ssl-reqd --connect-timeout 10 smtp://portal.saiin.example.jp:25/7K2MQX4P9R", commands.Windows);
        Assert.Contains("smtps://portal.saiin.example.jp:465/7K2MQX4P9R", commands.Windows);
        Assert.Contains("-sv --connect-timeout 10 smtp://portal.saiin.example.jp:26/7K2MQX4P9R", commands.Windows);
        Assert.Contains("smtp://[2001:db8::1]:25/", LineTests.Commands("2001:db8::1", "7K2MQX4P9R", ports).Linux);
    }

    [Fact]
    public async Task Every_Port_Arrives_From_Curl_And_The_Api_Shows_It()
    {
        // PublicPort 0: the shown command uses the ports the listeners got, so it runs here unchanged.
        await using var factory = LinePortal.Create([("none", 0), ("starttls", 0), ("implicit", 0)], services: Plala);
        var bound = factory.Listeners();
        var client = factory.CreatePlainClient();
        var start = JsonDocument.Parse(await (await client.PostAsync("/api/line-tests", null, Ct)).Content.ReadAsStringAsync(Ct)).RootElement;
        var code = start.GetProperty("code").GetString()!;
        var command = start.GetProperty("commands").GetProperty("linux").GetString()!.Replace("line.example.jp", "127.0.0.1");

        var (exit, output) = await Processes.RunAsync("bash", ["-c", command], cancellationToken: Ct);
        var json = JsonDocument.Parse(await client.GetStringAsync($"/api/line-tests/{code}", Ct)).RootElement;
        var arrivals = json.GetProperty("arrivals").EnumerateArray().ToList();

        Assert.True(exit == 0, output);
        Assert.Contains("250-Your address: 127.0.0.1", output);
        Assert.Equal(bound.Select(b => b.PublicPort).Order(), arrivals.Select(a => a.GetProperty("publicPort").GetInt32()).Order());
        Assert.All(arrivals, a => Assert.Equal(("127.0.0.1", "IPv4", "p1234-ipbf01.tokyo.plala.or.jp"),
            (a.GetProperty("address").GetString(), a.GetProperty("family").GetString(), a.GetProperty("reverseDns").GetString())));
        Assert.Equal(JsonValueKind.Null, arrivals.Single(a => a.GetProperty("publicPort").GetInt32() == bound[0].PublicPort).GetProperty("tls").ValueKind);
        Assert.StartsWith("TLSv1.", arrivals.Single(a => a.GetProperty("publicPort").GetInt32() == bound[1].PublicPort).GetProperty("tls").GetString());
        Assert.StartsWith("TLSv1.", arrivals.Single(a => a.GetProperty("publicPort").GetInt32() == bound[2].PublicPort).GetProperty("tls").GetString());
        Assert.Equal("ぷらら", json.GetProperty("provider").GetProperty("nameJa").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("verdict").ValueKind);   // not done, and two minutes have not passed
    }

    [Fact]
    public async Task Two_Minutes_After_The_First_Arrival_Missing_Ports_Give_The_Verdict()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var factory = LinePortal.Create(LinePortal.Standard, services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            Plala(s);
        });
        var code = await factory.NewCodeAsync();
        foreach (var port in new[] { 587, 465 })
        {
            await using var c = await SmtpClientConnection.OpenAsync(factory.Listener(port).Port, implicitTls: port == 465);
            await c.ReadReplyAsync();
            await c.CommandAsync("EHLO " + code);
        }
        var client = factory.CreatePlainClient();
        var before = JsonDocument.Parse(await client.GetStringAsync($"/api/line-tests/{code}", Ct)).RootElement;

        clock.Advance(TimeSpan.FromMinutes(2));
        var after = JsonDocument.Parse(await client.GetStringAsync($"/api/line-tests/{code}", Ct)).RootElement.GetProperty("verdict");

        Assert.Equal(JsonValueKind.Null, before.GetProperty("verdict").ValueKind);
        Assert.Equal("port25-blocked", after.GetProperty("outcome").GetString());
        Assert.Contains("お使いの回線(ぷらら)は25番ポートへの接続を遮断しています(OP25B)", after.GetProperty("ja").GetString());
        Assert.Contains("Your line (Plala) blocks connections to port 25 (OP25B)", after.GetProperty("en").GetString());
    }

    [Theory]
    [InlineData("""{ "ticket": "has space" }""", "ticket-invalid")]
    [InlineData("""{ "ticket": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456" }""", "ticket-invalid")]
    [InlineData("""{ "ticket": "チケット" }""", "ticket-invalid")]
    [InlineData("""{ "ticket": """, "body-invalid")]
    [InlineData("""[1, 2]""", "body-invalid")]
    public async Task A_Bad_Body_Or_Ticket_Gets_400_And_No_Line_Test(string body, string code)
    {
        await using var factory = LinePortal.Create(LinePortal.Standard);
        var client = factory.CreatePlainClient();

        using var response = await client.PostAsync("/api/line-tests", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        var rows = await TestDatabase.RowsAsync(factory.Services.GetRequiredService<Portal.Data.Db>(), "line_tests");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.Empty(rows);
    }

    [Theory]
    [InlineData("ZZZZZZZZZZ")]
    [InlineData("not-a-code")]
    public async Task An_Unknown_Code_Gets_404_Problem_Json(string code)
    {
        await using var factory = LinePortal.Create(LinePortal.Standard);
        using var response = await factory.CreatePlainClient().GetAsync($"/api/line-tests/{code}?lang=en", Ct);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("not found or has expired", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_Expired_Code_Gets_404_And_Its_Arrivals_Are_Deleted()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var factory = LinePortal.Create(LinePortal.Standard, services: s => s.AddSingleton<TimeProvider>(clock));
        var code = await factory.NewCodeAsync();
        await using (var c = await SmtpClientConnection.OpenAsync(factory.Listener(587).Port))
        {
            await c.ReadReplyAsync();
            await c.CommandAsync("EHLO " + code);
        }
        var store = factory.Services.GetRequiredService<LineTestStore>();

        clock.Advance(TimeSpan.FromMinutes(30));
        using var response = await factory.CreatePlainClient().GetAsync($"/api/line-tests/{code}", Ct);
        var purged = await store.PurgeExpiredAsync(Ct);
        var db = factory.Services.GetRequiredService<Portal.Data.Db>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, purged);
        Assert.Empty(await TestDatabase.RowsAsync(db, "line_tests"));
        Assert.Empty(await TestDatabase.RowsAsync(db, "line_test_arrivals"));
    }

    [Fact]
    public async Task Starting_Line_Tests_Is_Rate_Limited_Per_Client()
    {
        await using var factory = LinePortal.Create(LinePortal.Standard, new() { ["LineTest:StartsPerTenMinutesPerClient"] = "2" });
        var client = factory.CreatePlainClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await client.PostAsync("/api/line-tests", null, Ct);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single()) > 0);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task With_No_Listeners_The_Feature_Is_Off_And_Says_So()
    {
        await using var factory = new PortalFactory();
        var client = factory.CreatePlainClient();

        using var response = await client.PostAsync("/api/line-tests", null, Ct);
        var page = await client.GetStringAsync("/line-test", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("line-test-off", await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("お使いの回線のテストは、現在このサイトでは提供していません", page);
        Assert.Empty(factory.Services.GetRequiredService<LineListeners>().Bound);
    }

    [Theory]
    [InlineData("--urls")]
    [InlineData("ASPNETCORE_URLS")]
    public async Task Urls_Still_Decide_Where_The_Web_Side_Listens(string how)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Portal.dll");
        var folder = Path.Combine(Path.GetTempPath(), $"portal-urls-{Guid.NewGuid():N}");
        var web = Processes.FreeLoopbackPort();
        var info = new ProcessStartInfo("dotnet", how == "--urls" ? [dll, "--urls", $"http://127.0.0.1:{web}"] : [dll])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestContent.RepoRoot,
        };
        if (how == "ASPNETCORE_URLS") info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{web}";
        info.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(folder, "portal.db")}";
        info.Environment["LineTest__Listeners__0__Port"] = "0";
        info.Environment["LineTest__Listeners__0__Address"] = "127.0.0.1";
        info.Environment["LineTest__Listeners__0__Tls"] = "none";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var portal = Process.Start(info)!;
        try
        {
            int? linePort = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while (await portal.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (System.Text.RegularExpressions.Regex.Match(line, @"Line test listening on port (\d+)") is { Success: true } m) linePort = int.Parse(m.Groups[1].Value);
                if (line.Contains($"Now listening on: http://127.0.0.1:{web}")) break;
            }
            _ = portal.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using var http = new HttpClient();

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{web}/healthz", Ct)).StatusCode);
            Assert.NotNull(linePort);
            await using var smtp = await SmtpClientConnection.OpenAsync(linePort!.Value);
            Assert.EndsWith("ESMTP line test", (await smtp.ReadReplyAsync())!.Single());
        }
        finally
        {
            portal.Kill(entireProcessTree: true);
            await portal.WaitForExitAsync(CancellationToken.None);
        }
    }
}
