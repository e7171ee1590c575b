namespace Portal.Tester;

/// <summary>The tester page's words in both languages.</summary>
public static class TesterText
{
    public static string Outcome(ProbeOutcome? outcome, bool en) => outcome switch
    {
        ProbeOutcome.Ok => en ? "Connected" : "つながりました",
        ProbeOutcome.Refused => en ? "Refused" : "接続を拒否",
        ProbeOutcome.Timeout => en ? "No answer" : "応答なし",
        ProbeOutcome.NoGreeting => en ? "No greeting" : "あいさつなし",
        ProbeOutcome.Rejected => en ? "Turned away" : "接続を断られた",
        ProbeOutcome.NotSmtp => en ? "Not a mail server" : "メールサーバーではない",
        ProbeOutcome.Closed => en ? "Hung up" : "途中で切断",
        ProbeOutcome.TlsFailed => en ? "Encryption failed" : "暗号化に失敗",
        ProbeOutcome.DnsFailed => en ? "Name not found" : "名前が見つからない",
        ProbeOutcome.Error => en ? "Internal error" : "内部エラー",
        _ => en ? "Testing…" : "試験中…",
    };

    public static string Stage(ProbeStage stage, bool en) => stage switch
    {
        ProbeStage.Waiting => en ? "waiting" : "待機中",
        ProbeStage.Resolve => en ? "looking up the name" : "名前を調べています",
        ProbeStage.Connect => en ? "connecting" : "接続しています",
        ProbeStage.Tls => en ? "setting up encryption" : "暗号化を開始しています",
        ProbeStage.Greeting => en ? "waiting for the greeting" : "あいさつを待っています",
        ProbeStage.Ehlo => en ? "asking for features (EHLO)" : "機能を問い合わせています(EHLO)",
        ProbeStage.StartTls => en ? "starting encryption (STARTTLS)" : "暗号化を始めています(STARTTLS)",
        ProbeStage.EhloAfterTls => en ? "asking again over encryption" : "暗号化した上で再び問い合わせています",
        ProbeStage.Quit => en ? "saying goodbye (QUIT)" : "終了しています(QUIT)",
        _ => en ? "done" : "完了",
    };

    public static string Mode(string mode, bool en) => mode == "implicit-tls"
        ? (en ? "SSL/TLS from the start" : "最初からSSL/TLS")
        : (en ? "STARTTLS" : "STARTTLS");

    public static string Tone(ProbeOutcome? outcome, bool inconclusive) => outcome switch
    {
        null => "running",
        ProbeOutcome.Ok => "good",
        _ when inconclusive => "unknown",
        _ => "bad",
    };
}
