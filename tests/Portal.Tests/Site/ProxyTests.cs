using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Portal.Site;
using Portal.Tests.LineTest;
using Portal.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>X-Forwarded-For and -Proto count only from a configured proxy; the connection here comes from 127.0.0.1.</summary>
public sealed class ProxyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PortalFactory Portal(bool trustLoopback) => new(environment: "Production", settings: new Dictionary<string, string?>
    {
        ["Tester:TestsPerMinutePerClient"] = "1",
        [trustLoopback ? "ForwardedHeaders:KnownProxies:0" : "ForwardedHeaders:KnownNetworks:0"] = trustLoopback ? "127.0.0.1" : "10.99.0.0/16",
    });

    private static HttpClient Client(Uri address, string? forwardedFor, string? proto)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
        // A public name, so HSTS is not skipped as it is for localhost.
        client.DefaultRequestHeaders.Host = "portal.example";
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        if (proto is not null) client.DefaultRequestHeaders.Add("X-Forwarded-Proto", proto);
        return client;
    }

    [Fact]
    public async Task From_A_Known_Proxy_Each_Forwarded_Client_Has_Its_Own_Rate_Limit()
    {
        await using var factory = Portal(trustLoopback: true);
        var address = factory.StartOnKestrel();

        // A refused target still counts as a test; one per minute per client.
        using var first = await Client(address, "198.51.100.1", null).GetAsync("/api/tester?host=10.0.0.1&ports=587", Ct);
        using var second = await Client(address, "198.51.100.2", null).GetAsync("/api/tester?host=10.0.0.1&ports=587", Ct);
        using var again = await Client(address, "198.51.100.1", null).GetAsync("/api/tester?host=10.0.0.1&ports=587", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal((HttpStatusCode)429, again.StatusCode);
    }

    [Fact]
    public async Task From_Anyone_Else_Forwarded_Headers_Are_Ignored()
    {
        await using var factory = Portal(trustLoopback: false);
        var address = factory.StartOnKestrel();

        using var first = await Client(address, "198.51.100.1", "https").GetAsync("/api/tester?host=10.0.0.1&ports=587", Ct);
        using var second = await Client(address, "198.51.100.2", "https").GetAsync("/api/tester?host=10.0.0.1&ports=587", Ct);
        using var page = await Client(address, "198.51.100.3", "https").GetAsync("/qa", Ct);
        var cookies = await LoginCookiesAsync(address, "198.51.100.4", "https", factory);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);   // the same client: 127.0.0.1
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Https_At_A_Known_Proxy_Gets_Hsts_And_Secure_Cookies()
    {
        await using var factory = Portal(trustLoopback: true);
        var address = factory.StartOnKestrel();

        using var page = await Client(address, "198.51.100.1", "https").GetAsync("/qa", Ct);
        using var plain = await Client(address, "198.51.100.1", "http").GetAsync("/qa", Ct);
        var cookies = await LoginCookiesAsync(address, "198.51.100.5", "https", factory);

        Assert.Contains("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains(cookies, c => c.StartsWith("portal-staff=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task With_No_Proxy_Listed_Rotating_X_Forwarded_For_From_One_Address_Hits_Every_Limit()
    {
        // The default configuration: no ForwardedHeaders section at all, a real Kestrel port, line-test listeners on.
        await using var factory = LinePortal.Create(LinePortal.Standard, environment: "Production", settings: new()
        {
            ["Tester:TestsPerMinutePerClient"] = "1",
            ["LineTest:StartsPerTenMinutesPerClient"] = "1",
        });
        var address = factory.StartOnKestrel();
        var n = 0;
        HttpClient Rotating() => Client(address, $"198.51.100.{++n % 250 + 1}", "https");

        // Tester: one per minute for the one real client, whatever X-Forwarded-For says.
        using var tester1 = await Rotating().GetAsync("/api/tester?host=10.0.0.1&ports=587", Ct);
        using var tester2 = await Rotating().GetAsync("/api/tester?host=10.0.0.1&ports=587", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tester1.StatusCode);
        Assert.Equal((HttpStatusCode)429, tester2.StatusCode);

        // Line test: one start per ten minutes.
        using var line1 = await Rotating().PostAsync("/api/line-tests", null, Ct);
        using var line2 = await Rotating().PostAsync("/api/line-tests", null, Ct);
        Assert.Equal(HttpStatusCode.Created, line1.StatusCode);
        Assert.Equal((HttpStatusCode)429, line2.StatusCode);

        // Autoconfig: 60 a minute; the 61st is refused.
        var autoconfig = new List<HttpStatusCode>();
        for (var i = 0; i < 61; i++)
        {
            using var r = await Rotating().GetAsync("/mail/config-v1.1.xml?emailaddress=taro%40saiin.example.jp", Ct);
            autoconfig.Add(r.StatusCode);
        }
        Assert.All(autoconfig.Take(60), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal((HttpStatusCode)429, autoconfig[60]);

        // Sign-in: 20 failures per address, then 429, and every log line names the real address.
        var signIns = new List<HttpStatusCode>();
        for (var i = 0; i <= SignInThrottle.MaxFailures; i++)
        {
            using var http = Rotating();
            using var r = await FormPosts.SignInAsync(http, $"nobody{i}", "not a password at all", Ct);
            signIns.Add(r.StatusCode);
        }
        Assert.All(signIns.Take(SignInThrottle.MaxFailures), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal((HttpStatusCode)429, signIns[^1]);
        var lines = factory.Logs.Entries.Where(e => e.Category == typeof(StaffSessions).FullName).Select(e => e.Message).ToList();
        Assert.Equal(SignInThrottle.MaxFailures + 1, lines.Count);
        Assert.All(lines, l => Assert.Contains("127.0.0.1", l));
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Message.Contains("198.51.100."));
    }

    [Fact]
    public async Task With_No_Proxy_Listed_X_Forwarded_Proto_Https_Changes_Nothing()
    {
        await using var factory = new PortalFactory(environment: "Production");
        var address = factory.StartOnKestrel();

        using var claimed = await Client(address, "198.51.100.3", "https").GetAsync("/qa", Ct);
        using var plain = await Client(address, null, null).GetAsync("/qa", Ct);
        var cookies = await LoginCookiesAsync(address, "198.51.100.4", "https", factory);

        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.False(claimed.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(plain.Headers.Contains("Strict-Transport-Security"), claimed.Headers.Contains("Strict-Transport-Security"));
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(new string[0], new string[0], false, 1)]
    [InlineData(new[] { "127.0.0.1" }, new string[0], true, 1)]
    [InlineData(new[] { "127.0.0.1", "10.0.0.5" }, new[] { "172.18.0.0/16" }, true, 3)]
    public void The_Middleware_Runs_Only_With_A_Listed_Proxy_And_Walks_Back_One_Entry_Per_Listed_Hop(string[] proxies, string[] networks, bool runs, int limit)
    {
        var options = new ProxyOptions { KnownProxies = proxies, KnownNetworks = networks };
        Assert.Equal(runs, ProxyTrust.AnyListed(options));
        var configured = new ServiceCollection();
        configured.AddOptions();
        configured.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(proxies.Select((p, i) => KeyValuePair.Create($"ForwardedHeaders:KnownProxies:{i}", (string?)p))
                .Concat(networks.Select((p, i) => KeyValuePair.Create($"ForwardedHeaders:KnownNetworks:{i}", (string?)p)))).Build());
        configured.AddProxyTrust();
        var forwarded = configured.BuildServiceProvider().GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>>().Value;
        Assert.Equal(limit, forwarded.ForwardLimit);
        Assert.Equal(proxies.Length, forwarded.KnownProxies.Count);
        Assert.Equal(networks.Length, forwarded.KnownIPNetworks.Count);
    }

    /// <summary>Signs in through the form and returns every Set-Cookie the two responses carried.</summary>
    private static async Task<List<string>> LoginCookiesAsync(Uri address, string client, string proto, PortalFactory factory)
    {
        await factory.Services.GetRequiredService<StaffStore>().AddAsync("proxy-" + client.Replace('.', '-'), "editor", "a long enough password");
        using var http = Client(address, client, proto);
        var form = await FormPosts.OpenAsync(http, "/staff/login", cancellationToken: Ct);
        using var login = await FormPosts.PostAsync(http, "/staff/login", form, "login",
            new Dictionary<string, string> { ["Form.Name"] = "proxy-" + client.Replace('.', '-'), ["Form.Password"] = "a long enough password" }, Ct);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return [.. form.SetCookies, .. login.Headers.GetValues("Set-Cookie")];
    }
}
