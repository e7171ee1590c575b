using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.LineTest;

/// <summary>
/// The line-test listeners: plain sockets in the portal's own process, apart from Kestrel, so that
/// --urls and ASPNETCORE_URLS keep deciding where the web side listens.
/// </summary>
public sealed class LineListeners(LineTestOptions options, IOptions<DataOptions> data, LineTestStore store, ArrivalSignal signal,
    LineIdentifier identifier, TimeProvider clock, ILogger<LineListeners> logger) : IHostedService, IDisposable
{
    private readonly List<Socket> _sockets = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConnectionCaps _caps = new(options.MaxConnections, options.MaxConnectionsPerAddress);
    private X509Certificate2? _certificate;
    private string _host = "";

    /// <summary>The listeners as bound (a configured port 0 shows the port it got).</summary>
    public IReadOnlyList<BoundListener> Bound { get; private set; } = [];

    /// <summary>Connections open right now.</summary>
    public int OpenConnections => _caps.Open;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled) return Task.CompletedTask;
        _certificate = ListenerCertificate.Load(options, data.Value, logger);
        _host = options.PublicHost.Length > 0 ? options.PublicHost : Dns.GetHostName();
        var bound = new List<BoundListener>();
        for (var i = 0; i < options.Listeners.Count; i++)
        {
            var l = options.Listeners[i];
            var socket = Bind(l, i);
            _sockets.Add(socket);
            var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            var listener = BoundListener.For(l, port);
            bound.Add(listener);
            _ = AcceptAsync(socket, listener);
            logger.LogInformation("Line test listening on port {Port} (customers use {PublicPort}, TLS {Tls})", port, listener.PublicPort, l.Tls);
        }
        Bound = bound;
        return Task.CompletedTask;
    }

    private static Socket Bind(ListenerOptions l, int index)
    {
        var address = l.Address.Length > 0 ? IPAddress.Parse(l.Address) : IPAddress.IPv6Any;
        Socket? socket = null;
        try
        {
            socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            // Every address, IPv4 too, unless one was named.
            if (l.Address.Length == 0) socket.DualMode = true;
            socket.Bind(new IPEndPoint(address, l.Port));
            socket.Listen(512);
            return socket;
        }
        catch (SocketException e) when (l.Address.Length == 0 && e.SocketErrorCode == SocketError.AddressFamilyNotSupported)
        {
            socket?.Dispose();
            // A host without IPv6 still gets the IPv4 listener.
            return Bind(new ListenerOptions { Port = l.Port, PublicPort = l.PublicPort, Tls = l.Tls, Address = "0.0.0.0" }, index);
        }
        catch (SocketException e)
        {
            socket?.Dispose();
            throw new InvalidOperationException($"LineTest:Listeners:{index} could not listen on port {l.Port}: {e.Message}. " +
                "Choose another Port, or set LineTest__Listeners= (empty) to turn the line test off.", e);
        }
    }

    private async Task AcceptAsync(Socket socket, BoundListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try { client = await socket.AcceptAsync(_stopping.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { return; }
            catch (SocketException e)
            {
                logger.LogWarning("Line-test listener on {Port} could not accept: {Message}", listener.Port, e.Message);
                continue;
            }
            _ = ServeAsync(client, listener);
        }
    }

    private async Task ServeAsync(Socket client, BoundListener listener)
    {
        var address = ((IPEndPoint)client.RemoteEndPoint!).Address;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var stream = new NetworkStream(client, ownsSocket: true);
        if (!_caps.TryEnter(address))
        {
            // Over a cap: one line saying why, then close.
            try { await stream.WriteAsync("421 4.7.0 Too many connections; try again later\r\n"u8.ToArray()); }
            catch (IOException) { }
            await stream.DisposeAsync();
            return;
        }
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            limit.CancelAfter(options.ConnectionLimit);
            var session = new LineSession(listener, address, _certificate!, _host, options.MaxCommands, RecordAsync, clock, logger);
            await session.RunAsync(stream, limit.Token);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Line-test connection from {Address} failed", address);
        }
        finally
        {
            _caps.Exit(address);
        }
    }

    private async Task<bool> RecordAsync(string code, Arrival arrival)
    {
        if (!await store.RecordArrivalAsync(code, arrival)) return false;
        signal.Publish(code);
        // Look the arrival's address up now, so the page finds the name cached; tell it again when it was not.
        var lookup = identifier.IdentifyAsync(arrival.Address);
        if (!lookup.IsCompleted) _ = lookup.ContinueWith(_ => signal.Publish(code), TaskScheduler.Default);
        return true;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        foreach (var socket in _sockets) socket.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Cancelled, not disposed: the host may still call StopAsync after the container is disposed.
        _stopping.Cancel();
        foreach (var socket in _sockets) socket.Dispose();
        _certificate?.Dispose();
    }
}
