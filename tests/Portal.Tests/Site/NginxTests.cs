using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using System.Net;
using System.Net.Sockets;
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

    /// <summary>nginx as a child process; stopped and its folder removed on dispose.</summary>
    private sealed class Nginx : IAsyncDisposable
    {
        private Process? _process;
        public required string Folder { get; init; }
        public required string MainConfig { get; init; }
        public int Port { get; init; }

        public static async Task<Nginx> ConfigureAsync(int portA, int portB)
        {
            var folder = Directory.CreateTempSubdirectory("portal-nginx-").FullName;
            var port = Portal.Tests.Tester.LoopbackPeer.ClosedPort();
            var site = (await File.ReadAllTextAsync(Path.Combine(TestContent.RepoRoot, "deploy", "nginx", "portal.conf"), Ct))
                .Replace("portal-a:8080", $"127.0.0.1:{portA}").Replace("portal-b:8080", $"127.0.0.1:{portB}")
                .Replace("listen 80;", $"listen 127.0.0.1:{port};");
            Assert.Contains($"127.0.0.1:{portA}", site);
            await File.WriteAllTextAsync(Path.Combine(folder, "portal.conf"), site, Ct);
            var main = Path.Combine(folder, "nginx.conf");
            var user = Environment.UserName == "root" ? "user root;" : "";
            await File.WriteAllTextAsync(main, $$"""
                {{user}}
                pid {{folder}}/nginx.pid;
                error_log {{folder}}/error.log;
                daemon off;
                worker_processes 1;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path {{folder}}/body;
                    proxy_temp_path {{folder}}/proxy;
                    fastcgi_temp_path {{folder}}/fastcgi;
                    uwsgi_temp_path {{folder}}/uwsgi;
                    scgi_temp_path {{folder}}/scgi;
                    include {{folder}}/portal.conf;
                }
                """, Ct);
            return new Nginx { Folder = folder, MainConfig = main, Port = port };
        }

        /// <summary>nginx -t: the configuration is valid (a missing nginx fails here, never skips).</summary>
        public Task<(int ExitCode, string Output)> TestAsync() => PublishTests.RunAsync("nginx", $"-t -p {Folder} -c {MainConfig}", Folder);

        public async Task StartAsync()
        {
            _process = Process.Start(new ProcessStartInfo("nginx", $"-p {Folder} -c {MainConfig}") { RedirectStandardError = true, RedirectStandardOutput = true })!;
            for (var i = 0; i < 100; i++)
            {
                try
                {
                    using var tcp = new TcpClient();
                    await tcp.ConnectAsync(IPAddress.Loopback, Port, Ct);
                    return;
                }
                catch (SocketException) { await Task.Delay(50, Ct); }
            }
            throw new InvalidOperationException("nginx did not start: " + await File.ReadAllTextAsync(Path.Combine(Folder, "error.log"), Ct));
        }

        public async ValueTask DisposeAsync()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process?.Dispose();
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }
    }

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
        await using var nginx = await Nginx.ConfigureAsync(18081, 18082);
        var (exit, output) = await nginx.TestAsync();
        Assert.True(exit == 0, output);
        Assert.Contains("syntax is ok", output);
    }

    [Fact]
    public async Task Two_Portals_Behind_Nginx_Serve_Pages_And_The_Other_Goes_On_When_One_Is_Gone()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "postgres", ["ConnectionStrings:Portal"] = pg.ConnectionString,
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        };
        var counters = new[] { new RequestCounter(), new RequestCounter() };
        var portals = counters.Select(c => new PortalFactory(settings: settings,
            services: s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(c))).ToArray();
        try
        {
            var urlA = portals[0].StartOnKestrel();
            var urlB = portals[1].StartOnKestrel();
            await using var nginx = await Nginx.ConfigureAsync(urlA.Port, urlB.Port);
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
}
