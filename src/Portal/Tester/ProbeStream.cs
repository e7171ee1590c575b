using System.Net.Sockets;

namespace Portal.Tester;

/// <summary>
/// The connected socket as MailKit's stream. It keeps the first bytes the peer sent (before any TLS),
/// and leaves the socket open when MailKit gives up, so the probe can still tell an HTTP server from a
/// silent one.
/// </summary>
public sealed class ProbeStream(Socket socket) : Stream
{
    private const int Keep = 512;
    private readonly NetworkStream _inner = new(socket, ownsSocket: false);
    private readonly MemoryStream _first = new();

    public ReadOnlySpan<byte> FirstBytes => _first.GetBuffer().AsSpan(0, (int)_first.Length);

    private const int KeepAnswer = 64;
    private readonly MemoryStream _answer = new();
    private bool _helloSent;

    /// <summary>What the peer sent after our TLS ClientHello (its first bytes): the server's answer to it, whatever our
    /// side wrote after that (an alert of its own, say). Empty when no ClientHello went out or nothing came back.</summary>
    public ReadOnlySpan<byte> TlsAnswer => _answer.GetBuffer().AsSpan(0, (int)_answer.Length);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override bool CanTimeout => true;
    public override int ReadTimeout { get => _inner.ReadTimeout; set => _inner.ReadTimeout = value; }
    public override int WriteTimeout { get => _inner.WriteTimeout; set => _inner.WriteTimeout = value; }
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Remember(buffer.AsSpan(offset, _inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await _inner.ReadAsync(buffer, cancellationToken);
        return Remember(buffer.Span[..n]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Sent(buffer.AsSpan(offset, count));
        _inner.Write(buffer, offset, count);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Sent(buffer.Span);
        return _inner.WriteAsync(buffer, cancellationToken);
    }

    // A TLS handshake record (type 22, version 3.x) holding a ClientHello (handshake type 1): RFC 8446 §5.1, §4.
    private void Sent(ReadOnlySpan<byte> data)
    {
        if (_helloSent || data.Length < 6 || data[0] != 22 || data[1] != 3 || data[5] != 1) return;
        _helloSent = true;
        _answer.SetLength(0);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => _inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private int Remember(ReadOnlySpan<byte> data)
    {
        if (_first.Length < Keep) _first.Write(data[..Math.Min(data.Length, Keep - (int)_first.Length)]);
        if (_helloSent && _answer.Length < KeepAnswer) _answer.Write(data[..Math.Min(data.Length, KeepAnswer - (int)_answer.Length)]);
        return data.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
