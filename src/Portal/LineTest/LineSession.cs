using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Portal.Site;

namespace Portal.LineTest;

/// <summary>A listener as bound: its settings, the port it got and the port customers use.</summary>
public sealed record BoundListener(int Port, int PublicPort, string Tls)
{
    /// <summary>A configured listener once bound to <paramref name="port"/>; PublicPort 0 means customers use that port.</summary>
    public static BoundListener For(ListenerOptions l, int port) => new(port, l.PublicPort == 0 ? port : l.PublicPort, l.Tls);
}

/// <summary>Records an EHLO that named a line test; true when the code was open.</summary>
public delegate Task<bool> ArrivalRecorder(string code, Arrival arrival);

/// <summary>
/// One connection to a line-test listener: just enough SMTP for curl, openssl s_client and Test-NetConnection.
/// EHLO with an open line test's code records the arrival; nothing else is kept, and no mail is ever accepted.
/// </summary>
public sealed class LineSession(BoundListener listener, IPAddress client, X509Certificate2 certificate, string host,
    int maxCommands, ArrivalRecorder record, TimeProvider clock, ILogger logger)
{
    /// <summary>RFC 5321's limit for a command line, CRLF included.</summary>
    public const int MaxLine = 512;

    private Stream _stream = Stream.Null;
    private string? _tls;
    private readonly LineReader _reader = new(MaxLine);
    private readonly string _address = (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();

    public async Task RunAsync(Stream network, CancellationToken timeLimit)
    {
        _stream = network;
        try
        {
            if (listener.Tls == "implicit" && !await StartTlsAsync(timeLimit)) return;
            await ReplyAsync($"220 {host} ESMTP line test", timeLimit);
            for (var commands = 0; ; commands++)
            {
                string? line;
                try { line = await _reader.ReadLineAsync(_stream, timeLimit); }
                catch (LineTooLongException)
                {
                    await ReplyAsync("500 5.5.6 Line too long (512 bytes at most); closing", timeLimit);
                    return;
                }
                if (line is null) return;
                if (commands >= maxCommands)
                {
                    await ReplyAsync($"421 4.7.0 {host} Too many commands ({maxCommands} at most); closing", timeLimit);
                    return;
                }
                if (!await AnswerAsync(line, timeLimit)) return;
            }
        }
        catch (OperationCanceledException) when (timeLimit.IsCancellationRequested)
        {
            // The connection's time is up: say so if the client still listens, then close.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try { await ReplyAsync($"421 4.4.2 {host} Time limit reached; closing", grace.Token); }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
        }
        catch (Exception e) when (e is IOException or AuthenticationException or ObjectDisposedException)
        {
            logger.LogDebug(e, "Line-test connection from {Address} on port {Port} ended: {Message}", _address, listener.Port, e.Message);
        }
        finally
        {
            await _stream.DisposeAsync();
        }
    }

    /// <summary>Answers one command; false when the connection should close.</summary>
    private async Task<bool> AnswerAsync(string line, CancellationToken token)
    {
        var space = line.IndexOf(' ');
        var verb = (space < 0 ? line : line[..space]).ToUpperInvariant();
        var argument = space < 0 ? "" : line[(space + 1)..].Trim();
        switch (verb)
        {
            case "EHLO" or "HELO" when argument.Length == 0:
                await ReplyAsync($"501 5.5.4 {verb} needs a name: the line test's code", token);
                return true;
            case "EHLO" or "HELO":
                var note = await RecordAsync(argument);
                if (verb == "HELO")
                {
                    await ReplyAsync($"250 {host} Your address: {_address}; {note}", token);
                    return true;
                }
                var ehlo = new StringBuilder();
                ehlo.Append($"250-{host} Hello {Printable(argument)}\r\n");
                ehlo.Append($"250-Your address: {_address}\r\n");
                ehlo.Append($"250-{note}\r\n");
                if (listener.Tls == "starttls" && _tls is null) ehlo.Append("250-STARTTLS\r\n");
                ehlo.Append("250 HELP");
                await ReplyAsync(ehlo.ToString(), token);
                return true;
            case "STARTTLS" when listener.Tls != "starttls":
                await ReplyAsync("502 5.5.1 STARTTLS is not offered on this port", token);
                return true;
            case "STARTTLS" when _tls is not null:
                await ReplyAsync("503 5.5.1 TLS is already on", token);
                return true;
            case "STARTTLS":
                await ReplyAsync("220 2.0.0 Ready to start TLS", token);
                // Anything the client sent after STARTTLS in plain text must not count as sent under TLS.
                _reader.Discard();
                return await StartTlsAsync(token);
            case "HELP":
                await ReplyAsync("214 2.0.0 Saiin Networks line test: EHLO <code> records that your line reached this port. No mail is accepted.", token);
                return true;
            case "NOOP" or "RSET":
                await ReplyAsync("250 2.0.0 OK", token);
                return true;
            case "QUIT":
                await ReplyAsync($"221 2.0.0 {host} Bye", token);
                return false;
            case "MAIL" or "RCPT" or "DATA" or "BDAT":
                await ReplyAsync("554 5.7.1 This is a line test: no mail is accepted here", token);
                return true;
            case "AUTH" or "VRFY" or "EXPN":
                await ReplyAsync($"502 5.7.0 {verb} is not available on a line test", token);
                return true;
            case "":
                await ReplyAsync("500 5.5.2 Empty command", token);
                return true;
            default:
                await ReplyAsync("500 5.5.2 Command not recognised", token);
                return true;
        }
    }

    private async Task<string> RecordAsync(string name)
    {
        if (CrockfordId.Normalize(name) is not { } code) return "Line test: no line test has this name";
        var arrival = new Arrival
        {
            PublicPort = listener.PublicPort, Port = listener.Port, At = clock.GetUtcNow(), Address = _address, Tls = _tls,
            EhloName = name.Length > 64 ? name[..64] : name,
        };
        return await record(code, arrival)
            ? $"Line test {code}: arrival on port {listener.PublicPort} recorded"
            : $"Line test {code}: unknown or expired; start a new one on the web page";
    }

    private async Task<bool> StartTlsAsync(CancellationToken token)
    {
        var ssl = new SslStream(_stream, leaveInnerStreamOpen: false);
        _stream = ssl;
        try
        {
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, token);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            logger.LogDebug("TLS with {Address} on port {Port} failed: {Message}", _address, listener.Port, e.Message);
            return false;
        }
        _tls = ssl.SslProtocol switch
        {
            SslProtocols.Tls13 => "TLSv1.3",
            SslProtocols.Tls12 => "TLSv1.2",
            var other => other.ToString(),
        };
        return true;
    }

    private async Task ReplyAsync(string reply, CancellationToken token)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), token);
        await _stream.FlushAsync(token);
    }

    /// <summary>The client's name echoed back, without anything that could break the reply line.</summary>
    private static string Printable(string s)
    {
        var clean = new string(s.Where(c => c is > ' ' and < (char)127).Take(64).ToArray());
        return clean.Length > 0 ? clean : "there";
    }
}

public sealed class LineTooLongException : Exception;
