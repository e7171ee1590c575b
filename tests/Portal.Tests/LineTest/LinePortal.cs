using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.LineTest;
using Portal.Tests.Support;

namespace Portal.Tests.LineTest;

/// <summary>A portal whose line-test listeners sit on free ports of 127.0.0.1, and a raw SMTP client for them.</summary>
public static class LinePortal
{
    public static PortalFactory Create(IEnumerable<(string Tls, int PublicPort)> listeners, Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, string environment = "Development")
    {
        var all = new Dictionary<string, string?>(settings ?? []);
        var i = 0;
        foreach (var (tls, publicPort) in listeners)
        {
            all[$"LineTest:Listeners:{i}:Port"] = "0";
            all[$"LineTest:Listeners:{i}:PublicPort"] = publicPort.ToString();
            all[$"LineTest:Listeners:{i}:Tls"] = tls;
            all[$"LineTest:Listeners:{i}:Address"] = "127.0.0.1";
            i++;
        }
        all.TryAdd("LineTest:PublicHost", "line.example.jp");
        return new PortalFactory(settings: all, services: services, environment: environment);
    }

    public static readonly (string, int)[] Standard = [("starttls", 25), ("starttls", 587), ("implicit", 465)];

    /// <summary>Starts the host (and with it the listeners) and returns them as bound.</summary>
    public static IReadOnlyList<BoundListener> Listeners(this PortalFactory factory)
    {
        _ = factory.Server;
        return factory.Services.GetRequiredService<LineListeners>().Bound;
    }

    public static BoundListener Listener(this PortalFactory factory, int publicPort) => factory.Listeners().Single(l => l.PublicPort == publicPort);

    public static async Task<string> NewCodeAsync(this PortalFactory factory, string? ticket = null)
    {
        var (test, refusal) = await factory.Services.GetRequiredService<LineTests>().StartAsync("test-" + Guid.NewGuid(), ticket);
        Assert.Null(refusal);
        return test!.Code;
    }
}

/// <summary>One SMTP connection as a client sees it: send a line, read a whole (multi-line) reply.</summary>
public sealed class SmtpClientConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private Stream _stream;
    private StreamReader _reader;

    private SmtpClientConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.Latin1);
    }

    public static async Task<SmtpClientConnection> OpenAsync(int port, bool implicitTls = false)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var connection = new SmtpClientConnection(tcp);
        if (implicitTls) await connection.UpgradeAsync();
        return connection;
    }

    public string? TlsProtocol { get; private set; }

    public async Task UpgradeAsync()
    {
        var ssl = new SslStream(_stream, false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync("line.example.jp");
        TlsProtocol = ssl.SslProtocol.ToString();
        _stream = ssl;
        _reader = new StreamReader(_stream, Encoding.Latin1);
    }

    public async Task SendAsync(string line) => await SendRawAsync(Encoding.Latin1.GetBytes(line + "\r\n"));

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Every line of the next reply (up to the one without a hyphen after its code); null at end of stream.</summary>
    public async Task<List<string>?> ReadReplyAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var lines = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token);
            if (line is null) return lines.Count == 0 ? null : lines;
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-') return lines;
        }
    }

    public async Task<List<string>> CommandAsync(string line)
    {
        await SendAsync(line);
        return await ReadReplyAsync() ?? throw new IOException($"closed after {line}");
    }

    /// <summary>True when the server has closed the connection (end of stream within the timeout).</summary>
    public async Task<bool> ClosedAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await _reader.ReadLineAsync(cts.Token) is not null) { }
            return true;
        }
        catch (IOException) { return true; }
        catch (OperationCanceledException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
