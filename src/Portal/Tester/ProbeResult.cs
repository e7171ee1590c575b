using System.Text.Json.Serialization;
using Portal.Site;

namespace Portal.Tester;

/// <summary>How one port's probe ended; exactly one per port.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProbeOutcome>))]
public enum ProbeOutcome
{
    [JsonStringEnumMemberName("ok")] Ok,
    [JsonStringEnumMemberName("refused")] Refused,
    [JsonStringEnumMemberName("timeout")] Timeout,
    [JsonStringEnumMemberName("no-greeting")] NoGreeting,
    [JsonStringEnumMemberName("rejected")] Rejected,
    [JsonStringEnumMemberName("not-smtp")] NotSmtp,
    [JsonStringEnumMemberName("closed")] Closed,
    [JsonStringEnumMemberName("tls-failed")] TlsFailed,
    [JsonStringEnumMemberName("dns-failed")] DnsFailed,
    /// <summary>The portal itself failed (a bug); logged, never blamed on the server.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>Why TLS could not be set up, read from what the server sent back to our ClientHello (RFC 8446 §5.1 record
/// types: 22 handshake, 21 alert; §6 alert descriptions), so the customer gets the cause instead of a library message.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TlsFailure>))]
public enum TlsFailure
{
    /// <summary>Readable text, typically an SMTP greeting: a server that does not speak TLS on this port.</summary>
    [JsonStringEnumMemberName("plain-text")] PlainText,
    /// <summary>Bytes that are neither TLS nor text.</summary>
    [JsonStringEnumMemberName("not-tls")] NotTls,
    /// <summary>Alert protocol_version (70): no TLS version in common.</summary>
    [JsonStringEnumMemberName("protocol-version")] ProtocolVersion,
    /// <summary>Another TLS alert (handshake_failure 40 and the rest): the server broke the handshake off.</summary>
    [JsonStringEnumMemberName("alert")] Alert,
    /// <summary>Nothing came back: the server closed the connection or stayed silent.</summary>
    [JsonStringEnumMemberName("no-answer")] NoAnswer,
    /// <summary>The handshake began (the server answered in TLS) but did not complete.</summary>
    [JsonStringEnumMemberName("handshake")] Handshake,
}

/// <summary>The step a probe was at; for an "ok" probe, "done".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProbeStage>))]
public enum ProbeStage
{
    [JsonStringEnumMemberName("waiting")] Waiting,
    [JsonStringEnumMemberName("resolve")] Resolve,
    [JsonStringEnumMemberName("connect")] Connect,
    [JsonStringEnumMemberName("tls")] Tls,
    [JsonStringEnumMemberName("greeting")] Greeting,
    [JsonStringEnumMemberName("ehlo")] Ehlo,
    [JsonStringEnumMemberName("starttls")] StartTls,
    [JsonStringEnumMemberName("ehlo-after-tls")] EhloAfterTls,
    [JsonStringEnumMemberName("quit")] Quit,
    [JsonStringEnumMemberName("done")] Done,
}

public sealed record SmtpReply(int Code, string Text);

public sealed record CertificateInfo(string Subject, string Issuer, IReadOnlyList<string> Names, DateTimeOffset NotAfter,
    bool HostnameMatches, bool Trusted);

public sealed record TlsInfo(string Protocol, string? Cipher, CertificateInfo? Certificate);

/// <summary>Plain-language advice in both languages, with the Q&A entry it points to.</summary>
public sealed record Advice(Text Message, string? HelpPath)
{
    // A factory rather than a second constructor, so stored results deserialize through the one constructor.
    public static Advice Of(string ja, string en, string? helpPath) => new(new Text(ja, en), helpPath);
}

/// <summary>One port's result, filled in stage by stage; null where a stage was not reached.</summary>
public sealed record PortResult
{
    public required int Port { get; init; }
    public required string Mode { get; init; }
    public ProbeOutcome? Outcome { get; init; }
    public string? Address { get; init; }
    public string? Family { get; init; }
    public ProbeStage Stage { get; init; } = ProbeStage.Waiting;
    public long? ElapsedMs { get; init; }
    public SmtpReply? Greeting { get; init; }
    /// <summary>From the TCP connection to the end of the greeting (after TLS on implicit-TLS ports), in milliseconds.</summary>
    public long? GreetingMs { get; init; }
    public IReadOnlyList<string>? Extensions { get; init; }
    public TlsInfo? Tls { get; init; }
    public IReadOnlyList<string>? AuthMechanisms { get; init; }
    public string? Detail { get; init; }
    /// <summary>For tls-failed: the cause, as read from the server's answer; the TLS alert's number in <see cref="TlsAlert"/>.</summary>
    public TlsFailure? TlsFailure { get; init; }
    public int? TlsAlert { get; init; }
    /// <summary>True when port 25 failed here and on the reference host too: this server cannot judge 25.</summary>
    public bool Inconclusive { get; init; }
    public Advice? Advice { get; init; }

    /// <summary>The SMTP dialogue, for staff only: never part of a customer's answer.</summary>
    [JsonIgnore] public IReadOnlyList<string> Dialogue { get; init; } = [];

    [JsonIgnore] public bool Finished => Outcome is not null;
}

public sealed record TestReport(string Host, string AsciiHost, IReadOnlyList<PortResult> Results, Advice? Summary);
