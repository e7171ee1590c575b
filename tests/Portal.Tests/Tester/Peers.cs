using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;

namespace Portal.Tests.Tester;

/// <summary>A TCP listener on 127.0.0.1 that runs a script per connection and counts connections.</summary>
public sealed class LoopbackPeer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _accepted;

    public LoopbackPeer(Func<Socket, CancellationToken, Task> script)
    {
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket;
                try { socket = await _listener.AcceptSocketAsync(_stop.Token); }
                catch (Exception) { return; }
                Interlocked.Increment(ref _accepted);
                _ = Task.Run(async () =>
                {
                    try { await script(socket, _stop.Token); }
                    catch (Exception) { }
                    finally { socket.Dispose(); }
                });
            }
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    public static LoopbackPeer Silent() => new(async (_, ct) => await Task.Delay(Timeout.Infinite, ct));

    public static LoopbackPeer Greets(string greeting) => new(async (s, ct) =>
    {
        await s.SendAsync(Encoding.ASCII.GetBytes(greeting + "\r\n"), ct);
        await Task.Delay(Timeout.Infinite, ct);
    });

    /// <summary>Like a web server: silent until a request line arrives, then an HTTP error.</summary>
    public static LoopbackPeer Http() => new(async (s, ct) =>
    {
        var buffer = new byte[1024];
        if (await s.ReceiveAsync(buffer, ct) > 0)
            await s.SendAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);
    });

    /// <summary>An HTTP server that greets first with a status line, as some proxies do.</summary>
    public static LoopbackPeer HttpFirst() => new(async (s, ct) =>
    {
        await s.SendAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray(), ct);
        await Task.Delay(Timeout.Infinite, ct);
    });

    public static LoopbackPeer ClosesAtOnce() => new((s, _) => { s.Close(); return Task.CompletedTask; });

    /// <summary>Sends a valid but endless greeting one byte at a time, never finishing the line.</summary>
    public static LoopbackPeer Trickles(TimeSpan every) => new(async (s, ct) =>
    {
        await s.SendAsync("220 "u8.ToArray(), ct);
        while (!ct.IsCancellationRequested)
        {
            await s.SendAsync("x"u8.ToArray(), ct);
            await Task.Delay(every, ct);
        }
    });

    public static LoopbackPeer SendsGarbage() => new(async (s, ct) =>
    {
        await s.SendAsync("\x16\x03\x01garbage\r\n"u8.ToArray(), ct);
        await Task.Delay(Timeout.Infinite, ct);
    });

    /// <summary>An ESMTP peer that greets only after <paramref name="delay"/> (greet-pause), then answers EHLO without
    /// STARTTLS and QUIT.</summary>
    public static LoopbackPeer GreetsAfter(TimeSpan delay) => new(async (s, ct) =>
    {
        await Task.Delay(delay, ct);
        await s.SendAsync("220 slow.test ESMTP\r\n"u8.ToArray(), ct);
        var buffer = new byte[1024];
        while (await s.ReceiveAsync(buffer, ct) is var n && n > 0)
        {
            var line = Encoding.ASCII.GetString(buffer, 0, n);
            if (line.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase)) await s.SendAsync("250-slow.test\r\n250 AUTH PLAIN\r\n"u8.ToArray(), ct);
            else if (line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase)) { await s.SendAsync("221 bye\r\n"u8.ToArray(), ct); return; }
            else await s.SendAsync("502 no\r\n"u8.ToArray(), ct);
        }
    });

    /// <summary>Waits for the client's first bytes (a TLS ClientHello), then sends <paramref name="answer"/> and closes.</summary>
    public static LoopbackPeer AnswersClientHello(byte[] answer) => new(async (s, ct) =>
    {
        var buffer = new byte[4096];
        if (await s.ReceiveAsync(buffer, ct) == 0) return;
        if (answer.Length > 0) await s.SendAsync(answer, ct);
        await Task.Delay(200, ct);
    });

    /// <summary>A TLS 1.2 fatal alert record (RFC 8446 §5.1, §6): type 21, version 3.3, length 2, level 2, description.</summary>
    public static byte[] TlsAlert(byte description) => [21, 3, 3, 0, 2, 2, description];

    /// <summary>A free port with nothing listening: connections are refused.</summary>
    public static int ClosedPort() => Portal.Tests.Support.Processes.FreeLoopbackPort();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _loop; } catch (Exception) { }
        _stop.Dispose();
    }
}

/// <summary>The SmtpServer package as a well-behaved ESMTP peer on 127.0.0.1.</summary>
public sealed class SmtpPeer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    /// <summary>On <paramref name="port"/> (a free one by default); the greeting names <paramref name="serverName"/>.</summary>
    public SmtpPeer(X509Certificate2 certificate, bool implicitTls, int? port = null, string serverName = "peer.test")
    {
        Port = port ?? LoopbackPeer.ClosedPort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName(serverName)
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
                .IsSecure(implicitTls)
                .Certificate(certificate)
                .AllowUnsecureAuthentication(false))   // AUTH is offered only after TLS
            .Build();
        var services = new ServiceProvider();
        services.Add(new DelegatingUserAuthenticator((_, _) => false));
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = Task.Run(() => server.StartAsync(_stop.Token));
        WaitUntilListening();
    }

    public int Port { get; }

    /// <summary>SMTP sessions the peer has had (its own start-up connect may count as one).</summary>
    public int Sessions => Volatile.Read(ref _sessions);
    private int _sessions;

    private void WaitUntilListening()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { Thread.Sleep(50); }
        }
        throw new InvalidOperationException("the SMTP peer did not start");
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _running; } catch (Exception) { }
        _stop.Dispose();
    }
}

public static class TestCertificates
{
    public static X509Certificate2 SelfSigned(string name = "peer.test", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        var to = notAfter ?? DateTimeOffset.UtcNow.AddDays(30);
        using var cert = request.CreateSelfSigned(from, to);
        // Round-trip through PKCS#12 so the private key is usable by SslStream on Linux.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    public static X509Certificate2 Expired(string name = "peer.test") =>
        SelfSigned(name, DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(-30));
}
