using Portal.Site;

namespace Portal.MailSetup;

/// <summary>The setup pages' words in both languages (the guides themselves are Markdown under content/).</summary>
public static class SetupText
{
    public static readonly Text Title = new("メールソフトの設定", "Setting up your mail program");
    public static readonly Text Intro = new(
        "送信できないときは、メールソフトの送信ポートを{0}番(SSL/TLS)か{1}番(STARTTLS)にし、SMTP認証をオンにします。お使いのメールソフトを選んでください。",
        "When mail will not send, set the outgoing port of your mail program to {0} (SSL/TLS) or {1} (STARTTLS) and turn SMTP AUTH on. Choose your mail program.");
    public static readonly Text Values = new("西院ネットワークスのメールの設定値", "Our mail settings");
    public static readonly Text Outgoing = new("送信サーバー", "Outgoing server");
    public static readonly Text IncomingImap = new("受信サーバー(IMAP)", "Incoming server (IMAP)");
    public static readonly Text IncomingPop = new("受信サーバー(POP)", "Incoming server (POP)");
    public static readonly Text Port = new("{0}番", "port {0}");
    public static readonly Text Auth = new("SMTP認証: オン(受信と同じユーザー名・パスワード)", "SMTP AUTH: on (the same user name and password as for incoming mail)");
    public static readonly Text Automatic = new(
        "Thunderbird、Outlook、iPhone・iPad・Macは、このサイトが公開する設定を読み込んで自動で設定することもできます。",
        "Thunderbird, Outlook, and iPhone, iPad and Mac can also set themselves up from the settings this site publishes.");
    public static readonly Text AllGuides = new("メールソフトの一覧へ", "All mail programs");
    public static readonly Text ProfileLabel = new("メールアドレス", "E-mail address");
    public static readonly Text ProfileButton = new("設定プロファイルをダウンロード", "Download the configuration profile");
    public static readonly Text ProfileHint = new("パスワードはプロファイルに入りません。インストールのときに入力します。",
        "The profile holds no password: you enter it while installing.");
}

/// <summary>The staff page of DNS records, in both languages at once like every staff page.</summary>
public static class MailDnsText
{
    public static readonly Text Title = new("メール設定用のDNSレコード", "DNS records for mail setup");
    public static readonly Text Intro = new(
        "Mail:* の設定から作ったレコードです。各メールドメインのゾーンに登録すると、メールソフトが送受信サーバーとこのポータル(autoconfig・Autodiscover)を見つけられます。",
        "Generated from the Mail:* settings. Published in each mail domain's zone, they let mail programs find our servers and this portal (autoconfig, Autodiscover).");
    public static readonly Text Name = new("名前", "Name");
    public static readonly Text Type = new("種類", "Type");
    public static readonly Text Value = new("値", "Value");
    public static readonly Text Why = new("用途", "Purpose");
    public static readonly Text NoPublicUrl = new(
        "Site:PublicUrl が設定されていないため、autoconfig. と autodiscover. のCNAMEレコードは出していません。このポータルの公開アドレスを Site:PublicUrl に設定すると表示されます。",
        "Site:PublicUrl is not set, so the autoconfig. and autodiscover. CNAME records are left out. Set this portal's public address in Site:PublicUrl to see them.");
    public static readonly Text Certificates = new(
        "autoconfig. と autodiscover. の名前は、このポータルのTLS証明書にも含めてください(メールソフトはHTTPSで問い合わせます)。",
        "Include the autoconfig. and autodiscover. names in this portal's TLS certificate too: mail programs ask over HTTPS.");
}
