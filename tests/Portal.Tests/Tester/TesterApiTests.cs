using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tester;

namespace Portal.Tests.Tester;

public sealed class TesterApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
    }

    [Theory]
    [InlineData("host=", "host-missing")]
    [InlineData("host=bad_host!", "host-invalid")]
    [InlineData("host=smtp.example.jp&ports=22", "port-not-allowed")]
    [InlineData("host=127.0.0.1&ports=587", "private-target")]
    [InlineData("host=2130706433&ports=587", "private-target")]
    [InlineData("host=0x7f.1&ports=587", "private-target")]
    [InlineData("host=0177.0.0.1&ports=587", "private-target")]
    [InlineData("host=127.1&ports=587", "private-target")]
    [InlineData("host=[::1]&ports=587", "private-target")]
    [InlineData("host=[::ffff:127.0.0.1]&ports=587", "private-target")]
    [InlineData("host=localhost&ports=587", "private-target")]
    public async Task Refused_Requests_Get_400_Problem_Json_With_A_Clear_Detail(string query, string code)
    {
        await using var factory = new ApiFactory(allowPrivate: false, names: new() { ["localhost"] = [IPAddress.Loopback] });
        var problem = await ProblemAsync(await factory.CreateClient().GetAsync("/api/tester?" + query, Ct), HttpStatusCode.BadRequest);

        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Problems_Come_In_English_When_Asked()
    {
        await using var factory = new ApiFactory(allowPrivate: false);
        var problem = await ProblemAsync(await factory.CreateClient().GetAsync("/api/tester?host=smtp.example.jp&ports=80&lang=en", Ct), HttpStatusCode.BadRequest);
        Assert.StartsWith("Port '80' cannot be tested", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_Listener_On_Loopback_Receives_No_Connection_While_Private_Targets_Are_Off()
    {
        await using var listener = LoopbackPeer.Silent();
        // Every port is allowed here, so the refusal can only come from the address policy.
        await using var factory = new ApiFactory(allowPrivate: false, names: new() { ["sneaky.example.jp"] = [IPAddress.Loopback] }, anyPort: true);
        var client = factory.CreateClient();

        foreach (var host in new[] { "127.0.0.1", "2130706433", "127.1", "sneaky.example.jp", "[::ffff:127.0.0.1]", "[::1]" })
        {
            var response = await client.GetAsync($"/api/tester?host={host}&ports={listener.Port}", Ct);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }

        // Connections are accepted in the order they arrive: once our own marker connection is accepted,
        // any connection the portal had made would have been counted before it.
        using var marker = new System.Net.Sockets.TcpClient();
        await marker.ConnectAsync(IPAddress.Loopback, listener.Port, Ct);
        while (listener.Accepted == 0) await Task.Delay(10, Ct);
        Assert.Equal(1, listener.Accepted);
    }

    [Fact]
    public async Task Too_Many_Tests_From_One_Client_Get_429_With_Retry_After()
    {
        await using var factory = new ApiFactory(allowPrivate: false, perMinute: 2, names: new() { ["nowhere.example.jp"] = [] });
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tester?host=nowhere.example.jp&ports=587", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tester?host=nowhere.example.jp&ports=587", Ct)).StatusCode);
        var third = await client.GetAsync("/api/tester?host=nowhere.example.jp&ports=587", Ct);

        var problem = await ProblemAsync(third, HttpStatusCode.TooManyRequests);
        Assert.Equal("rate-limited", problem.GetProperty("code").GetString());
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_Test_Returns_One_Row_Per_Port_In_The_Documented_Shape()
    {
        await using var peer = new SmtpPeer(TestCertificates.SelfSigned(), implicitTls: false);
        await using var factory = new ApiFactory(allowPrivate: true, anyPort: true);
        var response = await factory.CreateClient().GetAsync($"/api/tester?host=127.0.0.1&ports={peer.Port},{LoopbackPeer.ClosedPort()}&lang=en", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("127.0.0.1", json.GetProperty("host").GetString());
        Assert.Equal("127.0.0.1", json.GetProperty("asciiHost").GetString());
        var ok = json.GetProperty("results")[0];
        Assert.Equal(peer.Port, ok.GetProperty("port").GetInt32());
        Assert.Equal("starttls", ok.GetProperty("mode").GetString());
        Assert.Equal("ok", ok.GetProperty("outcome").GetString());
        Assert.Equal("127.0.0.1", ok.GetProperty("address").GetString());
        Assert.Equal("done", ok.GetProperty("stage").GetString());
        Assert.True(ok.GetProperty("elapsedMs").GetInt64() >= 0);
        Assert.Equal(220, ok.GetProperty("greeting").GetProperty("code").GetInt32());
        Assert.Contains("STARTTLS", ok.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));
        var cert = ok.GetProperty("tls").GetProperty("certificate");
        foreach (var field in new[] { "subject", "issuer", "names", "notAfter", "hostnameMatches", "trusted" })
            Assert.True(cert.TryGetProperty(field, out _), field);
        Assert.Contains("PLAIN", ok.GetProperty("authMechanisms").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("STARTTLS", ok.GetProperty("message").GetString());

        var refused = json.GetProperty("results")[1];
        Assert.Equal("refused", refused.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("greeting").ValueKind);
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("tls").ValueKind);
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("authMechanisms").ValueKind);
    }

    [Fact]
    public async Task Unknown_Api_Paths_Answer_With_Problem_Json()
    {
        await using var factory = new ApiFactory(allowPrivate: false);
        await ProblemAsync(await factory.CreateClient().GetAsync("/api/nothing-here", Ct), HttpStatusCode.NotFound);
    }

    /// <summary>The portal with tester settings for one test; DNS answers come from a table.</summary>
    private sealed class ApiFactory(bool allowPrivate, int perMinute = 100, Dictionary<string, IPAddress[]>? names = null, bool anyPort = false)
        : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder b)
        {
            b.UseEnvironment("Development");
            b.UseSetting("ConnectionStrings:Portal", $"Data Source={Path.Combine(Path.GetTempPath(), $"portal-test-{Guid.NewGuid():N}.db")}");
            if (allowPrivate) b.UseSetting("Tester:AllowedPrivateNetworks:0", "127.0.0.0/8");
            b.UseSetting("Tester:TestsPerMinutePerClient", perMinute.ToString());
            b.UseSetting("Tester:GreetingTimeout", "00:00:02");
            b.UseSetting("Tester:TestTimeout", "00:00:05");
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<IHostResolver>(new FakeResolver(names));
                if (anyPort)
                    s.PostConfigure<TesterOptions>(o => o.AllowedPorts = [25, 465, 587, .. Enumerable.Range(1024, 64512)]);
            });
        }
    }
}
