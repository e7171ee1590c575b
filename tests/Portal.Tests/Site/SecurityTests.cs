using System.Net;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>Headers, HEAD and the Server header, over a real Kestrel port (the test server sends no Server header anyway).</summary>
public sealed class SecurityTests(SecurityTests.Fixture fixture) : IClassFixture<SecurityTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public PortalFactory Factory { get; } = new();
        public HttpClient Client { get; }

        public Fixture()
        {
            var address = Factory.StartOnKestrel();
            Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        }

        public void Dispose()
        {
            Client.Dispose();
            Factory.Dispose();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly TheoryData<string> Pages = new()
    {
        "/", "/en", "/qa", "/en/qa", "/qa/which-port", "/en/qa/which-port", "/explanation", "/en/explanation", "/search?q=587",
        "/en/search?q=587", "/providers", "/en/providers", "/providers/1", "/tester", "/en/tester", "/status", "/en/status", "/staff/login", "/no-such-page",
        "/api/providers", "/api/providers/1", "/api/providers.csv", "/api/tester?host=", "/api/status", "/api/nothing", "/healthz", "/healthz/live",
        "/healthz/ready", "/openapi/v1.json", "/css/site.css",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_Response_Carries_The_Security_Headers_And_No_Server_Header(string path)
    {
        using var response = await fixture.Client.GetAsync(path, Ct);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();

        foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'self'" })
            Assert.Contains(directive, csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Head_Gets_The_Status_And_Headers_Of_Get_Without_A_Body(string path)
    {
        using var get = await fixture.Client.GetAsync(path, Ct);
        using var head = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), Ct);

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.NotEqual(HttpStatusCode.MethodNotAllowed, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.Headers.GetValues("Content-Security-Policy"), head.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Pages_Contain_No_Inline_Script_Or_Event_Handler()
    {
        foreach (var path in new[] { "/", "/qa", "/tester", "/providers", "/staff/login" })
        {
            var html = await fixture.Client.GetStringAsync(path, Ct);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.DoesNotMatch("\\son[a-z]+=\"", html);
        }
    }
}
