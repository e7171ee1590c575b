using System.Net;
using Microsoft.Extensions.DependencyInjection;
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
