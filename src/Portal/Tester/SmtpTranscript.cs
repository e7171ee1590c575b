using System.Text;
using MailKit;

namespace Portal.Tester;

/// <summary>
/// Listens to MailKit's protocol log to see each server reply as it arrives: the greeting, the EHLO
/// replies before and after STARTTLS (MailKit's Capabilities keep STARTTLS after the upgrade, so the
/// pre-TLS reply is kept here), and whether the peer speaks SMTP at all. Never logs what the client sends
/// beyond the command verb.
/// </summary>
public sealed class SmtpTranscript(Action<ProbeStage> onStage, Action? onReply = null) : IProtocolLogger
{
    private readonly StringBuilder _partial = new();
    private readonly List<string> _lines = [];
    private readonly List<string> _dialogue = [];
    private const int MaxDialogueLines = 200;

    /// <summary>
    /// The dialogue as staff read it: "C: EHLO …" for what the portal sent (its own commands, no secrets: the probe
    /// never authenticates), "S: 250-…" for each reply line, and a marker where TLS starts. At most 200 lines.
    /// </summary>
    public IReadOnlyList<string> Dialogue => _dialogue;

    private void Say(string line)
    {
        if (_dialogue.Count < MaxDialogueLines) _dialogue.Add(line.Length > 200 ? line[..200] + "…" : line);
    }
    private string? _lastCommand;
    private bool _tlsStarted;

    public SmtpReply? Greeting { get; private set; }
    /// <summary>When the greeting arrived (Stopwatch ticks), 0 before.</summary>
    public long GreetingAt { get; private set; }
    public SmtpReply? EhloReply { get; private set; }
    public IReadOnlyList<string>? Extensions { get; private set; }
    public SmtpReply? EhloAfterTlsReply { get; private set; }
    public IReadOnlyList<string>? ExtensionsAfterTls { get; private set; }
    public SmtpReply? LastReply { get; private set; }

    /// <summary>The first line the peer sent, when it is not an SMTP reply (e.g. "HTTP/1.1 400 Bad Request").</summary>
    public string? NotSmtpLine { get; private set; }
    public bool ReceivedAnything { get; private set; }

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    public void LogConnect(Uri uri) { }

    public void LogClient(byte[] buffer, int offset, int count)
    {
        var text = Encoding.ASCII.GetString(buffer, offset, count).Trim();
        var verb = text.Split(' ', 2)[0].ToUpperInvariant();
        foreach (var line in text.Split('\n')) Say("C: " + line.TrimEnd('\r'));
        _lastCommand = verb;
        switch (verb)
        {
            case "EHLO" or "HELO": onStage(_tlsStarted ? ProbeStage.EhloAfterTls : ProbeStage.Ehlo); break;
            case "STARTTLS": onStage(ProbeStage.StartTls); break;
            case "QUIT": onStage(ProbeStage.Quit); break;
        }
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        ReceivedAnything = true;
        _partial.Append(Encoding.Latin1.GetString(buffer, offset, count));
        string text;
        int newline;
        while ((newline = (text = _partial.ToString()).IndexOf('\n')) >= 0)
        {
            var line = text[..newline].TrimEnd('\r');
            _partial.Remove(0, newline + 1);
            OnLine(line);
        }
        // A peer that sends a long line without a newline is not speaking SMTP either.
        if (_partial.Length > 1024 && NotSmtpLine is null && Greeting is null)
            NotSmtpLine = _partial.ToString()[..80];
    }

    private void OnLine(string line)
    {
        var isReply = line.Length >= 3 && char.IsAsciiDigit(line[0]) && char.IsAsciiDigit(line[1]) && char.IsAsciiDigit(line[2])
                      && (line.Length == 3 || line[3] is ' ' or '-');
        if (!isReply)
        {
            if (Greeting is null && _lines.Count == 0) NotSmtpLine ??= line.Length > 120 ? line[..120] : line;
            Say("S: " + line);
            return;
        }
        _lines.Add(line);
        Say("S: " + line);
        if (line.Length > 3 && line[3] == '-') return;   // more lines of this reply follow

        var code = int.Parse(line.AsSpan(0, 3));
        var texts = _lines.Select(l => l.Length > 4 ? l[4..] : "").ToList();
        _lines.Clear();
        var reply = new SmtpReply(code, string.Join("\n", texts));
        LastReply = reply;
        onReply?.Invoke();

        if (Greeting is null)
        {
            Greeting = reply;
            GreetingAt = System.Diagnostics.Stopwatch.GetTimestamp();
            return;
        }
        switch (_lastCommand)
        {
            case "EHLO" when !_tlsStarted:
                EhloReply = reply;
                Extensions = texts.Skip(1).ToList();
                break;
            case "EHLO":
                EhloAfterTlsReply = reply;
                ExtensionsAfterTls = texts.Skip(1).ToList();
                break;
            case "STARTTLS" when code == 220:
                _tlsStarted = true;
                Say("-- TLS --");
                onStage(ProbeStage.Tls);
                break;
        }
    }

    public void Dispose() { }
}
