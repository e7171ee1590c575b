using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Portal.Tester;

/// <summary>
/// Probes one port of one host: connect to a vetted address, greeting, EHLO, TLS (STARTTLS or from the
/// first byte), EHLO again, QUIT. Never sends MAIL, RCPT, DATA or credentials.
/// </summary>
public sealed class SmtpProbe(TesterOptions options, ILogger<SmtpProbe> logger)
{
    public async Task<PortResult> RunAsync(string asciiHost, IReadOnlyList<IPAddress> addresses, int port,
        Action<PortResult> report, CancellationToken testToken)
    {
        var implicitTls = options.IsImplicitTls(port);
        var started = Stopwatch.GetTimestamp();
        var result = new PortResult { Port = port, Mode = implicitTls ? "implicit-tls" : "starttls", Stage = ProbeStage.Connect };
        report(result);
        long Elapsed() => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var (socket, used, error) = await ConnectAsync(addresses, port, testToken);
        if (socket is null)
        {
            return result with
            {
                Address = used?.ToString(),
                Family = Family(used),
                Outcome = error == SocketError.ConnectionRefused ? ProbeOutcome.Refused : ProbeOutcome.Timeout,
                Detail = error == SocketError.ConnectionRefused ? "connection refused" : $"no TCP connection ({error})",
                ElapsedMs = Elapsed(),
            };
        }

        var connected = Stopwatch.GetTimestamp();
        result = result with { Address = used!.ToString(), Family = Family(used), Stage = implicitTls ? ProbeStage.Tls : ProbeStage.Greeting };
        report(result);
        var current = result;
        // Each step (greeting, then every later reply) gets the greeting timeout; the whole test its own limit.
        using var step = CancellationTokenSource.CreateLinkedTokenSource(testToken);
        step.CancelAfter(options.GreetingTimeout);
        var transcript = new SmtpTranscript(stage => report(current = current with { Stage = stage }),
            () => { try { step.CancelAfter(options.GreetingTimeout); } catch (ObjectDisposedException) { } });
        CertificateInfo? certificate = null;
        await using var stream = new ProbeStream(socket);
        // Whatever the peer does, the socket closes at the whole-test limit.
        await using var deadline = testToken.Register(() => socket.Dispose());
        using var client = new SmtpClient(transcript)
        {
            Timeout = (int)options.GreetingTimeout.TotalMilliseconds,
            LocalDomain = options.HeloName,
            CheckCertificateRevocation = false,
            ServerCertificateValidationCallback = (_, cert, _, errors) =>
            {
                if (cert is not null) certificate = Describe(new X509Certificate2(cert), errors);
                return true;   // an untrusted or expired certificate is reported, never a reason to stop
            },
        };
        try
        {
            await client.ConnectAsync(stream, asciiHost, port, implicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, step.Token);
            var tls = client.IsSecure ? new TlsInfo(Protocol(client.SslProtocol), client.SslCipherSuite?.ToString(), certificate) : null;
            var snapshot = Complete(current, transcript) with
            {
                Tls = tls, AuthMechanisms = client.AuthenticationMechanisms.Order().ToList(),
                GreetingMs = transcript.GreetingAt == 0 ? null : (long)Stopwatch.GetElapsedTime(connected, transcript.GreetingAt).TotalMilliseconds,
            };
            report(current = snapshot with { Stage = ProbeStage.Quit });
            try { await client.DisconnectAsync(quit: true, step.Token); } catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or SmtpProtocolException) { }
            return snapshot with { Outcome = ProbeOutcome.Ok, Stage = ProbeStage.Done, ElapsedMs = Elapsed() };
        }
        catch (Exception e) when (!IsPeerFailure(e))
        {
            // A bug of ours, not something the server did: never shown as "closed", always logged.
            logger.LogError(e, "Probe of {Host} port {Port} failed inside the portal", asciiHost, port);
            return Complete(current, transcript) with { Outcome = ProbeOutcome.Error, Detail = "internal error", ElapsedMs = Elapsed() };
        }
        catch (Exception e)
        {
            var failed = Complete(current, transcript) with
            {
                Tls = certificate is null ? null : new TlsInfo("", null, certificate),
            };
            failed = await ClassifyAsync(failed, e, transcript, stream, socket, step.IsCancellationRequested, testToken);
            return failed with { ElapsedMs = Elapsed() };
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>What a server or the network can cause; anything else is a fault in the portal.</summary>
    private static bool IsPeerFailure(Exception e) => e is IOException or SocketException or SmtpProtocolException or SmtpCommandException
        or OperationCanceledException or TimeoutException or SslHandshakeException or System.Security.Authentication.AuthenticationException or ObjectDisposedException
        or MailKit.ServiceNotConnectedException;

    private async Task<(Socket? Socket, IPAddress? Used, SocketError Error)> ConnectAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken testToken)
    {
        var error = SocketError.TimedOut;
        IPAddress? last = null;
        // IPv4 first: hosting networks often have no working IPv6 route, and a dead route costs a whole connect timeout.
        foreach (var address in addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetworkV6))
        {
            if (testToken.IsCancellationRequested) break;
            last = address;
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(testToken);
            attempt.CancelAfter(options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(address, port, attempt.Token);
                return (socket, address, SocketError.Success);
            }
            catch (SocketException e)
            {
                error = e.SocketErrorCode;
            }
            catch (OperationCanceledException)
            {
                error = SocketError.TimedOut;
            }
            socket.Dispose();
        }
        return (null, last, error);
    }

    private static async Task<PortResult> ClassifyAsync(PortResult result, Exception e, SmtpTranscript transcript, ProbeStream stream, Socket socket,
        bool stepTimedOut, CancellationToken testToken)
    {
        var first = Encoding.Latin1.GetString(stream.FirstBytes);
        if (e is SslHandshakeException or System.Security.Authentication.AuthenticationException)
        {
            // The customer gets the cause in one sentence; the library's own words go to the staff-only dialogue.
            var (cause, alert) = ClassifyTls(stream.TlsAnswer);
            return result with
            {
                Outcome = ProbeOutcome.TlsFailed, Stage = ProbeStage.Tls, TlsFailure = cause, TlsAlert = alert,
                Detail = TesterText.TlsFailureText(cause, alert, result.Mode).En,
                Dialogue = [.. result.Dialogue, "! TLS: " + Short(Innermost(e))],
            };
        }
        if (transcript.NotSmtpLine is { } line)
            return result with { Outcome = ProbeOutcome.NotSmtp, Stage = ProbeStage.Greeting, Detail = $"the server sent \"{line}\"" };
        if (transcript.Greeting is { Code: >= 400 } greeting)
            return result with { Outcome = ProbeOutcome.Rejected, Stage = ProbeStage.Greeting, Detail = $"greeting {greeting.Code}" };
        if (transcript.Greeting is not null && transcript.LastReply is { Code: >= 400 } reply && e is SmtpCommandException)
            return result with { Outcome = ProbeOutcome.Rejected, Detail = $"{reply.Code} {reply.Text}" };

        var timedOut = stepTimedOut || e is OperationCanceledException or TimeoutException || e.InnerException is TimeoutException
                       || testToken.IsCancellationRequested || (e is IOException && e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut });
        if (transcript.Greeting is null && !transcript.ReceivedAnything && stream.FirstBytes.IsEmpty && timedOut)
        {
            // Silent so far. An SMTP client must wait for the greeting, but now that we have given up,
            // one line tells an HTTP server (which answers "HTTP/1.1 400") from a silent peer.
            var answer = await NudgeAsync(socket, testToken);
            return answer is not null
                ? result with { Outcome = ProbeOutcome.NotSmtp, Stage = ProbeStage.Greeting, Detail = $"no greeting; after a nudge the server sent \"{answer}\"" }
                : result with { Outcome = ProbeOutcome.NoGreeting, Stage = result.Stage is ProbeStage.Tls ? ProbeStage.Tls : ProbeStage.Greeting, Detail = "connected, but the server sent nothing" };
        }
        if (transcript.Greeting is null && timedOut)
            return result with { Outcome = ProbeOutcome.NoGreeting, Stage = ProbeStage.Greeting, Detail = "the greeting did not arrive complete in time" };
        if (transcript.Greeting is null && e is SmtpProtocolException && !stream.FirstBytes.IsEmpty && result.Mode == "starttls")
            return result with { Outcome = ProbeOutcome.NotSmtp, Stage = ProbeStage.Greeting, Detail = $"the server sent \"{Printable(first)}\"" };
        var when = transcript.Greeting is null ? "before the greeting" : $"during {Wire(result.Stage)}";
        return result with
        {
            Outcome = ProbeOutcome.Closed,
            Detail = timedOut ? $"the server stopped answering {when}" : $"the connection was closed {when}",
        };
    }

    private static async Task<string?> NudgeAsync(Socket socket, CancellationToken testToken)
    {
        if (testToken.IsCancellationRequested || !socket.Connected) return null;
        try
        {
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(testToken);
            grace.CancelAfter(TimeSpan.FromSeconds(1));
            await socket.SendAsync("QUIT\r\n"u8.ToArray(), SocketFlags.None, grace.Token);
            var buffer = new byte[256];
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, grace.Token);
            if (n == 0) return null;
            var text = Encoding.Latin1.GetString(buffer, 0, n).Split('\n')[0].TrimEnd('\r');
            return text.Length >= 4 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) ? null : text;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return null;
        }
    }

    private static PortResult Complete(PortResult result, SmtpTranscript t) => result with
    {
        Greeting = t.Greeting,
        Extensions = t.Extensions,
        Dialogue = t.Dialogue.ToList(),
    };

    private static CertificateInfo Describe(X509Certificate2 cert, SslPolicyErrors errors)
    {
        var names = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(x => x.EnumerateDnsNames()).ToList();
        if (names.Count == 0 && cert.GetNameInfo(X509NameType.DnsName, false) is { Length: > 0 } cn) names.Add(cn);
        return new CertificateInfo(cert.Subject, cert.Issuer, names, new DateTimeOffset(cert.NotAfter.ToUniversalTime()),
            HostnameMatches: !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch),
            Trusted: !errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) && !errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    private static string Protocol(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLS 1.3",
        SslProtocols.Tls12 => "TLS 1.2",
#pragma warning disable SYSLIB0039 // old protocols are named, not used
        SslProtocols.Tls11 => "TLS 1.1",
        SslProtocols.Tls => "TLS 1.0",
#pragma warning restore SYSLIB0039
        _ => protocol.ToString(),
    };

    private static string? Family(IPAddress? address) => address?.AddressFamily switch
    {
        AddressFamily.InterNetwork => "ipv4",
        AddressFamily.InterNetworkV6 => "ipv6",
        _ => null,
    };

    private static string Wire(ProbeStage stage) => System.Text.Json.JsonSerializer.Serialize(stage).Trim('"');

    private static string Printable(string text)
    {
        var line = new string(text.Split('\n')[0].TrimEnd('\r').Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return line.Length > 80 ? line[..80] + "…" : line;
    }

    private static string Short(string message) => message.Length > 200 ? message[..200] : message;

    private static string Innermost(Exception e)
    {
        var messages = new List<string>();
        for (var x = e; x is not null; x = x.InnerException) messages.Add(x.Message);
        return string.Join(" ← ", messages.AsEnumerable().Reverse());
    }

    /// <summary>What the server sent back to our ClientHello: a TLS record (RFC 8446 §5.1: type 22 handshake, 21 alert,
    /// then version and length; an alert's second byte is its description, §6), readable text, other bytes, or nothing.</summary>
    public static (TlsFailure Cause, int? Alert) ClassifyTls(ReadOnlySpan<byte> answer)
    {
        if (answer.IsEmpty) return (TlsFailure.NoAnswer, null);
        if (answer[0] == 21 && answer.Length >= 7 && answer[1] == 3)
            return answer[6] == 70 ? (TlsFailure.ProtocolVersion, 70) : (TlsFailure.Alert, answer[6]);
        if (answer[0] == 22 && answer.Length >= 3 && answer[1] == 3) return (TlsFailure.Handshake, null);
        var text = answer[..Math.Min(answer.Length, 16)];
        foreach (var b in text)
            if (b is < 0x20 or > 0x7e && b is not ((byte)'\r' or (byte)'\n' or (byte)'\t')) return (TlsFailure.NotTls, null);
        return (TlsFailure.PlainText, null);
    }
}
