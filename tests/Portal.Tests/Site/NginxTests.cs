using System.Security.Cryptography.X509Certificates;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>
/// The repository's nginx configuration (deploy/nginx/portal.conf) in front of two portals on one PostgreSQL
/// database, on loopback: Debian's nginx, started by the test with the upstream addresses replaced.
/// </summary>
public sealed class NginxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Deploy => Path.Combine(TestContent.RepoRoot, "deploy", "nginx");

    /// <summary>Counts the requests a portal serves.</summary>
    private sealed class RequestCounter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);

        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) => { Interlocked.Increment(ref _count); await following(); });
            next(app);
        };
    }

    [Fact]
    public async Task The_Repository_Configuration_Passes_Nginx_Own_Check()
    {
        using var tls = new TempFolder();
        var pem = Pem(tls);
        await using var nginx = await NginxProcess.ConfigureAsync(Deploy, [18081, 18082], pem);
        var (exit, output) = await nginx.TestAsync();
        Assert.True(exit == 0, output);
        Assert.Contains("syntax is ok", output);
    }

    [Fact]
    public async Task Two_Portals_Behind_Nginx_Serve_Pages_And_The_Other_Goes_On_When_One_Is_Gone()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        var settings = BehindNginx(pg);
        var counters = new[] { new RequestCounter(), new RequestCounter() };
        var portals = counters.Select(c => new PortalFactory(settings: settings,
            services: s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(c))).ToArray();
        try
        {
            var urlA = portals[0].StartOnKestrel();
            var urlB = portals[1].StartOnKestrel();
            await using var nginx = await NginxProcess.ConfigureAsync(Deploy, [urlA.Port, urlB.Port]);
            await nginx.StartAsync();
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{nginx.Port}") };

            var qa = await client.GetAsync("/qa", Ct);
            Assert.Equal(HttpStatusCode.OK, qa.StatusCode);
            Assert.Contains("Q&amp;A", await qa.Content.ReadAsStringAsync(Ct));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tester", Ct)).StatusCode);

            // One client address sticks to one portal (its circuits live there). That portal stops: nginx sends
            // every request to the other.
            var serving = Array.FindIndex(counters, c => c.Count > 0);
            Assert.Equal(0, counters[1 - serving].Count);
            await portals[serving].DisposeAsync();
            for (var i = 0; i < 6; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/qa", Ct)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/tester", Ct)).StatusCode);
            }
            Assert.True(counters[1 - serving].Count >= 12);
        }
        finally
        {
            foreach (var p in portals) await p.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_Portals_Take_The_Visitor_Address_And_Https_From_Nginx_And_From_Nobody_Else()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        var settings = BehindNginx(pg);
        var portals = new[] { new PortalFactory(settings: settings), new PortalFactory(settings: settings) };
        using var tls = new TempFolder();
        try
        {
            var urls = portals.Select(p => p.StartOnKestrel()).ToArray();
            await using var nginx = await NginxProcess.ConfigureAsync(Deploy, [urls[0].Port, urls[1].Port], Pem(tls));
            await nginx.StartAsync();

            // A visitor on 127.0.0.2 signs in wrongly through nginx's TLS server: the portal counts the failure
            // against 127.0.0.2 (X-Forwarded-For), and its cookies are Secure (X-Forwarded-Proto: https).
            using var visitor = FormPosts.BoundTo("127.0.0.2");
            var loginPath = $"https://127.0.0.1:{nginx.TlsPort}/staff/login";
            var login = await FormPosts.OpenAsync(visitor, loginPath, cancellationToken: Ct);
            Assert.Equal(HttpStatusCode.OK, login.Status);
            Assert.Contains(login.SetCookies, c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
            var wrong = await FormPosts.PostAsync(visitor, loginPath, login, "login", WrongSignIn, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal(["127.0.0.2"], await FailedAddressesAsync(pg));

            // Plain HTTP through nginx: the cookie is not Secure.
            var plain = await visitor.GetAsync($"http://127.0.0.1:{nginx.Port}/staff/login", Ct);
            Assert.DoesNotContain(plain.Headers.GetValues("Set-Cookie"), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));

            // Straight to a portal from 127.0.0.3, which is no known proxy: its own X-Forwarded-* are ignored.
            using var forger = FormPosts.BoundTo("127.0.0.3");
            var direct = new HttpRequestMessage(HttpMethod.Get, new Uri(urls[0], "/staff/login"));
            direct.Headers.Add("X-Forwarded-For", "198.51.100.7");
            direct.Headers.Add("X-Forwarded-Proto", "https");
            var forged = await forger.SendAsync(direct, Ct);
            Assert.DoesNotContain(forged.Headers.GetValues("Set-Cookie"), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
            var post = new HttpRequestMessage(HttpMethod.Post, new Uri(urls[0], "/staff/login"))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>(WrongSignIn)
                {
                    ["_handler"] = "login", ["__RequestVerificationToken"] = FormPosts.Token(await forged.Content.ReadAsStringAsync(Ct)),
                }),
            };
            post.Headers.Add("Cookie", FormPosts.Cookies(forged));
            post.Headers.Add("X-Forwarded-For", "198.51.100.7");
            Assert.Equal(HttpStatusCode.Unauthorized, (await forger.SendAsync(post, Ct)).StatusCode);
            Assert.Equal(["127.0.0.2", "127.0.0.3"], await FailedAddressesAsync(pg));
        }
        finally
        {
            foreach (var p in portals) await p.DisposeAsync();
        }
    }

    /// <summary>A portal on the shared database that believes nginx on 127.0.0.1.</summary>
    private static Dictionary<string, string?> BehindNginx(PostgresDatabase pg) => new()
    {
        ["Database:Provider"] = "postgres", ["ConnectionStrings:Portal"] = pg.ConnectionString,
        ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
    };

    private static readonly Dictionary<string, string> WrongSignIn = new() { ["Form.Name"] = "nobody", ["Form.Password"] = "wrong" };

    private static async Task<List<string>> FailedAddressesAsync(PostgresDatabase pg)
    {
        await using var c = await pg.Db.OpenAsync(Ct);
        return (await Dapper.SqlMapper.QueryAsync<string>(c, "SELECT address FROM sign_in_failures ORDER BY address")).ToList();
    }

    /// <summary>A self-signed certificate and key as PEM files, for nginx's TLS server.</summary>
    private static (string Cert, string Key) Pem(TempFolder folder)
    {
        using var cert = Portal.Tests.Tester.TestCertificates.SelfSigned("127.0.0.1");
        return (folder.Write("portal.crt", cert.ExportCertificatePem()),
                folder.Write("portal.key", cert.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem()));
    }
}
