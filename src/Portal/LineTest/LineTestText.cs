using Portal.Site;

namespace Portal.LineTest;

/// <summary>The line-test page's words in both languages.</summary>
public static class LineTestText
{
    public static readonly Text Title = new("お使いの回線のテスト", "Test your own line");
    public static readonly Text Intro = new(
        "お使いのパソコンから1行のコマンドを実行すると、25・587・465番ポートのどれが西院ネットワークスまで届いたかを、このページでその場で確かめられます。" +
        "お使いの回線が25番ポートを遮断しているか(OP25B)がわかります。メールは送信されず、パスワードも使いません。",
        "Run one command on your own computer, and this page shows live which of ports 25, 587 and 465 reached Saiin Networks from your line. " +
        "It tells whether your line blocks port 25 (OP25B). No mail is sent and no password is used.");
    public static readonly Text ServerSide = new("送信サーバーの側を調べるには", "To check the sending server instead,");
    public static readonly Text ServerSideLink = new("送信ポートの接続テスト(当社サーバーから実施)", "use the mail port test (run from our server)");
    public static readonly Text Off = new(
        "お使いの回線のテストは、現在このサイトでは提供していません。",
        "The line test is not offered on this site at the moment.");
    public static readonly Text Preparing = new("テストを準備しています…", "Preparing the test…");
    public static readonly Text NotFound = new(
        "このテストコードは見つからないか、有効期限(30分)が切れています。新しいテストを始めてください。",
        "This test code was not found or has expired (codes last 30 minutes). Please start a new test.");
    public static readonly Text StartNew = new("新しいテストを始める", "Start a new test");
    public static readonly Text RateLimited = new(
        "テストを始めた回数が多すぎます。{0}分ほど待ってからもう一度お試しください。",
        "Too many line tests were started. Please wait about {0} minutes and try again.");
    public static readonly Text Code = new("テストコード", "Test code");
    public static readonly Text ValidUntil = new("有効期限 {0}(日本時間)", "valid until {0} (Japan time)");
    public static readonly Text Ticket = new("お問い合わせ番号", "Ticket");

    public static readonly Text Step1 = new("1. お使いのパソコンを選んでください", "1. Choose your computer");
    public static readonly Text Step2 = new("2. 次の1行をコピーして、貼り付けてEnterキーを押します", "2. Copy this one line, paste it and press Enter");
    public static readonly Text Step3 = new("3. 下の表が変わるのを待ちます", "3. Watch the table below change");
    public static readonly Text OpenWindows = new(
        "スタートボタンを右クリックし、「ターミナル」または「Windows PowerShell」を開きます(「コマンドプロンプト」でも同じ1行が使えます)。Windows 10以降には curl が入っています。",
        "Right-click the Start button and open \"Terminal\" or \"Windows PowerShell\" (the same line works in \"Command Prompt\"). Windows 10 and later include curl.");
    public static readonly Text OpenMac = new(
        "Finderで「アプリケーション」→「ユーティリティ」→「ターミナル」を開きます。",
        "In Finder, open Applications → Utilities → Terminal.");
    public static readonly Text OpenLinux = new(
        "端末(ターミナル)を開きます。多くのデスクトップでは Ctrl+Alt+T で開きます。",
        "Open a terminal; on many desktops Ctrl+Alt+T opens one.");
    public static readonly Text Command = new("コマンド", "Command");
    public static readonly Text Copy = new("コピー", "Copy");
    public static readonly Text Copied = new("コピーしました。貼り付けてEnterキーを押してください。", "Copied. Paste it and press Enter.");
    public static readonly Text CopyYourself = new("自動でコピーできませんでした。上の1行を選んでコピーしてください。", "Could not copy automatically: select the line above and copy it.");
    public static readonly Text Success = new(
        "届いたポートでは、画面に「250-Your address: (お使いの回線のアドレス)」と「arrival on port … recorded」の行が表示され、この表が「届きました」に変わります。" +
        "遮断されたポートでは「Connection timed out」などで止まり、10秒後に次のポートへ進みます。全部で30秒ほどかかることがあります。",
        "A port that arrives prints \"250-Your address: (your line's address)\" and \"arrival on port … recorded\", and its row below turns to \"arrived\". " +
        "A blocked port stops with \"Connection timed out\" or similar and moves on after 10 seconds; the whole run can take about 30 seconds.");

    public static readonly Text Ports = new("ポートごとの結果", "Result per port");
    public static readonly Text PortNumber = new("{0}番ポート", "Port {0}");
    public static readonly Text Waiting = new("待っています", "Waiting");
    public static readonly Text Arrived = new("届きました", "Arrived");
    public static readonly Text Missing = new("届きませんでした", "Did not arrive");
    public static readonly Text At = new("時刻", "Time");
    public static readonly Text Address = new("回線のアドレス", "Your address");
    public static readonly Text ReverseDns = new("逆引き名", "Reverse DNS");
    public static readonly Text Encryption = new("暗号化", "Encryption");
    public static readonly Text NoTls = new("なし", "none");
    public static readonly Text Done = new("実行し終わりました(判定する)", "I have run it (show the verdict)");
    public static readonly Text AutoFinish = new(
        "最初のポートが届いてから2分たつと、まだ届いていないポートは「届きませんでした」になります。",
        "Two minutes after the first port arrives, ports still waiting are marked \"did not arrive\".");
    public static readonly Text Verdict = new("判定", "Verdict");
    public static readonly Text QaLink = new("よくある質問(送信できないとき)", "Questions and answers (when mail will not send)");

    public static readonly Text YourLine = new("あなたの回線: ", "Your line: ");
    public static readonly Text Unknown = new("プロバイダーは特定できませんでした", "provider not identified");
    public static readonly Text Recommended = new("推奨ポート {0}", "use port {0}");
    public static readonly Text LookingUp = new("回線を調べています…", "Looking up your line…");

    public static Text Tls(string tls) => tls switch
    {
        "implicit" => new("最初からSSL/TLS", "SSL/TLS from the start"),
        "starttls" => new("STARTTLS", "STARTTLS"),
        _ => new("暗号化なし", "no encryption"),
    };

    public static Text Op25b(string status) => status switch
    {
        "applies" => new("OP25Bあり", "blocks port 25"),
        "partial" => new("一部のプランでOP25Bあり", "blocks port 25 on some plans"),
        "none" => new("OP25Bなし", "does not block port 25"),
        _ => new("OP25Bは不明", "port 25 blocking unknown"),
    };

    /// <summary>Japan has no daylight saving: JST is UTC+9 all year.</summary>
    public static string Jst(DateTimeOffset at, string format = "HH:mm:ss") => at.ToOffset(TimeSpan.FromHours(9)).ToString(format);
}
