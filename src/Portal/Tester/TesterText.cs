using Portal.Site;

namespace Portal.Tester;

/// <summary>The tester page's words in both languages.</summary>
public static class TesterText
{
    public static readonly Text Title = new("送信ポートの接続テスト", "Mail port test");
    public static readonly Text Intro = new(
        "西院ネットワークスのサーバーから、送信メールサーバーが25・587・465番ポートで応答するかを確かめ、メールソフトに何を設定すればよいかをお知らせします。メールは送信しません。",
        "From the Saiin Networks server, this checks whether a mail (sending) server answers on ports 25, 587 and 465, and says what to set in your mail program. No mail is sent.");
    public static readonly Text FromOurServer = new(
        "この試験は当社のサーバーから行います。お使いの回線(プロバイダー)が25番ポートを遮断しているか(OP25B)は、この試験ではわかりません。",
        "This test runs from our server. It cannot tell whether your own line (your provider) blocks port 25 (OP25B).");
    public static readonly Text LineTestLink = new("お使いの回線をテストする", "Test your own line");
    public static readonly Text LineTestWhy = new(
        "パソコンで1行のコマンドを実行すると、お使いの回線から25・587・465番が届くかがわかります。",
        "Run one command on your computer to see whether ports 25, 587 and 465 get through from your line.");
    public static readonly Text WhyNotMyPc = new("自分のパソコンから試せないのは?", "Why not from my own PC?");
    public static readonly Text HostLabel = new("送信サーバー(SMTPサーバー)", "Sending server (SMTP server)");
    public static readonly Text Ports = new("ポート", "Ports");
    public static readonly Text Run = new("テストする", "Run the test");
    public static readonly Text Running = new("試験中…", "Testing…");
    public static readonly Text CopyLink = new("リンクをコピー", "Copy link");
    public static readonly Text Copied = new("リンクをコピーしました:", "Link copied:");

    public static readonly Text CopyThis = new("このリンクをコピーしてください:", "Copy this link:");
    public static readonly Text Link = new("リンク", "Link");
    public static readonly Text ResultsFor = new("{0} の結果", "Results for {0}");
    public static readonly Text InShort = new("まとめ: ", "In short: ");
    public static readonly Text PortNumber = new("{0}番ポート", "Port {0}");
    public static readonly Text Inconclusive = new("(判定できず)", " (inconclusive)");
    public static readonly Text LearnMore = new("くわしく", "Learn more");
    public static readonly Text Address = new("接続先", "Address");
    public static readonly Text Time = new("所要時間", "Time");
    public static readonly Text Greeting = new("あいさつ", "Greeting");
    public static readonly Text Encryption = new("暗号化", "Encryption");
    public static readonly Text Certificate = new("証明書", "Certificate");
    public static readonly Text ValidUntil = new("有効期限", "valid until");
    public static readonly Text Trusted = new("信頼済み", "trusted");
    public static readonly Text NotTrusted = new("信頼できない", "not trusted");
    public static readonly Text NameMatches = new("名前一致", "name matches");
    public static readonly Text NameMismatch = new("名前不一致", "name does not match");
    public static readonly Text SmtpAuth = new("SMTP認証", "SMTP AUTH");
    public static readonly Text Detail = new("詳細", "Detail");
    public static readonly Text RateLimited = new("試験の回数が多すぎます。{0}秒ほど待ってからもう一度お試しください。",
        "Too many tests. Please wait about {0} seconds and try again.");

    /// <summary>The words of a verdict's link: the line test is named, a Q&A entry is "learn more".</summary>
    public static Text HelpLabel(string path) => path switch
    {
        "/line-test" => LineTestLink,
        "/setup" => SetupLink,
        _ => LearnMore,
    };

    public static readonly Text SetupLink = new("メールソフトの設定方法", "How to set up your mail program");

    public static Text Outcome(ProbeOutcome? outcome) => outcome switch
    {
        ProbeOutcome.Ok => new("つながりました", "Connected"),
        ProbeOutcome.Refused => new("接続を拒否", "Refused"),
        ProbeOutcome.Timeout => new("応答なし", "No answer"),
        ProbeOutcome.NoGreeting => new("あいさつなし", "No greeting"),
        ProbeOutcome.Rejected => new("接続を断られた", "Turned away"),
        ProbeOutcome.NotSmtp => new("メールサーバーではない", "Not a mail server"),
        ProbeOutcome.Closed => new("途中で切断", "Hung up"),
        ProbeOutcome.TlsFailed => new("暗号化に失敗", "Encryption failed"),
        ProbeOutcome.DnsFailed => new("名前が見つからない", "Name not found"),
        ProbeOutcome.Error => new("内部エラー", "Internal error"),
        _ => Running,
    };

    public static readonly Text Waited = new("({0}秒)", " ({0} s)");

    public static Text Stage(ProbeStage stage) => stage switch
    {
        ProbeStage.Waiting => new("待機中", "waiting"),
        ProbeStage.Resolve => new("名前を調べています", "looking up the name"),
        ProbeStage.Connect => new("接続しています", "connecting"),
        ProbeStage.Tls => new("暗号化を開始しています", "setting up encryption"),
        ProbeStage.Greeting => new("あいさつを待っています", "waiting for the greeting"),
        ProbeStage.Ehlo => new("機能を問い合わせています(EHLO)", "asking for features (EHLO)"),
        ProbeStage.StartTls => new("暗号化を始めています(STARTTLS)", "starting encryption (STARTTLS)"),
        ProbeStage.EhloAfterTls => new("暗号化した上で再び問い合わせています", "asking again over encryption"),
        ProbeStage.Quit => new("終了しています(QUIT)", "saying goodbye (QUIT)"),
        _ => new("完了", "done"),
    };

    /// <summary>Why TLS failed, in one sentence; the mode says what the port was meant to speak.</summary>
    public static Text TlsFailureText(TlsFailure? cause, int? alert, string mode) => cause switch
    {
        TlsFailure.PlainText when mode == "implicit-tls" => new("サーバーは暗号化(SSL/TLS)ではなく、暗号化しない文字で応答しました。STARTTLSのポートかもしれません。",
            "The server answered in plain text where SSL/TLS was expected: this may be a STARTTLS port."),
        TlsFailure.PlainText => new("サーバーはSTARTTLSに応じた後も、暗号化しない文字で応答しました。", "After agreeing to STARTTLS, the server went on in plain text."),
        TlsFailure.NotTls => new("サーバーは暗号化(TLS)ではないデータで応答しました。", "The server answered with data that is not TLS."),
        TlsFailure.ProtocolVersion => new("サーバーは当社が使うTLSのバージョン(TLS 1.2・1.3)に対応していません。古いバージョンしか使えない可能性があります。",
            "The server does not accept the TLS versions we offer (TLS 1.2 and 1.3): it may speak only an old version."),
        TlsFailure.Alert => new Text("サーバーが暗号化の手続きを打ち切りました(TLSアラート {0})。", "The server broke off the TLS handshake (TLS alert {0}).").With(alert),
        TlsFailure.NoAnswer => new("サーバーは暗号化の開始に応答せず、接続を切るか黙ったままでした。", "The server sent nothing back when encryption began, and closed or went silent."),
        TlsFailure.Handshake => new("暗号化の手続きは始まりましたが、完了しませんでした。", "The TLS handshake began but did not complete."),
        _ => new("暗号化を始められませんでした。", "Encryption could not be set up."),
    };

    public static Text Mode(string mode) => mode == "implicit-tls"
        ? new("最初からSSL/TLS", "SSL/TLS from the start")
        : new("STARTTLS", "STARTTLS");

    public static string Tone(ProbeOutcome? outcome, bool inconclusive) => outcome switch
    {
        null => "running",
        ProbeOutcome.Ok => "good",
        _ when inconclusive => "unknown",
        _ => "bad",
    };
}
