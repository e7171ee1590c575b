using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Tests.Support;

/// <summary>
/// Debian's nginx as a child process with the repository's configuration (deploy/nginx/): the upstream addresses,
/// the listen ports and the certificate paths replaced for loopback. Stopped, and its folder removed, on dispose.
/// Shared by Portal.Tests and Portal.BrowserTests (linked).
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private Process? _process;

    public required string Folder { get; init; }
    public required string MainConfig { get; init; }

    /// <summary>The plain HTTP port (portal.conf's listen 80).</summary>
    public int Port { get; init; }

    /// <summary>The TLS port (portal-tls.conf's listen 443), when configured with a certificate.</summary>
    public int? TlsPort { get; init; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <param name="deployFolder">deploy/nginx of the repository.</param>
    /// <param name="certificate">PEM certificate and key files: adds portal-tls.conf.</param>
    public static async Task<NginxProcess> ConfigureAsync(string deployFolder, IReadOnlyList<int> upstreamPorts, (string Cert, string Key)? certificate = null)
    {
        var folder = Directory.CreateTempSubdirectory("portal-nginx-").FullName;
        var port = Processes.FreeLoopbackPort();
        string Upstreams(string text) => text
            .Replace("portal-a:8080", $"127.0.0.1:{upstreamPorts[0]}")
            .Replace("portal-b:8080", $"127.0.0.1:{upstreamPorts[1]}");
        var site = Upstreams(await File.ReadAllTextAsync(Path.Combine(deployFolder, "portal.conf"))).Replace("listen 80;", $"listen 127.0.0.1:{port};");
        if (!site.Contains($"127.0.0.1:{upstreamPorts[0]}") || !site.Contains($"listen 127.0.0.1:{port};"))
            throw new InvalidOperationException("deploy/nginx/portal.conf no longer has the upstreams portal-a:8080, portal-b:8080 and listen 80 the tests replace");
        await File.WriteAllTextAsync(Path.Combine(folder, "portal.conf"), site);
        File.Copy(Path.Combine(deployFolder, "portal-proxy.inc"), Path.Combine(folder, "portal-proxy.inc"));
        int? tlsPort = null;
        var includes = $"include {folder}/portal.conf;";
        if (certificate is { } c)
        {
            tlsPort = Processes.FreeLoopbackPort();
            var tls = (await File.ReadAllTextAsync(Path.Combine(deployFolder, "portal-tls.conf")))
                .Replace("listen 443 ssl;", $"listen 127.0.0.1:{tlsPort} ssl;")
                .Replace("/etc/nginx/tls/portal.crt", c.Cert).Replace("/etc/nginx/tls/portal.key", c.Key);
            await File.WriteAllTextAsync(Path.Combine(folder, "portal-tls.conf"), tls);
            includes += $" include {folder}/portal-tls.conf;";
        }
        var main = Path.Combine(folder, "nginx.conf");
        var user = Environment.UserName == "root" ? "user root;" : "";
        await File.WriteAllTextAsync(main, $$"""
            {{user}}
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            daemon off;
            worker_processes 1;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                {{includes}}
            }
            """);
        return new NginxProcess { Folder = folder, MainConfig = main, Port = port, TlsPort = tlsPort };
    }

    /// <summary>nginx -t: the configuration is valid (a missing nginx fails here, never skips).</summary>
    public Task<(int ExitCode, string Output)> TestAsync() => Processes.RunAsync("nginx", ["-t", "-p", Folder, "-c", MainConfig], Folder);

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("nginx", $"-p {Folder} -c {MainConfig}") { RedirectStandardError = true, RedirectStandardOutput = true })!;
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new InvalidOperationException("nginx did not start: " + await File.ReadAllTextAsync(Path.Combine(Folder, "error.log")));
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
