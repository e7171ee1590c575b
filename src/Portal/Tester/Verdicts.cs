using Portal.Site;

namespace Portal.Tester;

/// <summary>Turns results into plain words for customers who know nothing about SMTP, with the Q&A entry to read next.</summary>
public static class Verdicts
{
    private const string WhichPort = "/qa#which-port";
    /// <summary>Where to change the port in the mail program: the setup guides.</summary>
    private const string Setup = "/setup";
    private const string WhyOp25b = "/qa#why-op25b";
    private const string SecuritySoftware = "/qa#security-software";
    private const string Is587Ssl = "/qa#is-587-ssl";

    /// <summary>The customer's own line is tested elsewhere: every "we cannot tell about your line" points there.</summary>
    private const string LineTest = "/line-test";

    /// <param name="now">The clock's time (the tester's TimeProvider), for "the certificate has expired".</param>
    public static Advice ForPort(PortResult r, string host, DateTimeOffset now) => r.Outcome switch
    {
        ProbeOutcome.Ok => Ok(r, now),
        ProbeOutcome.Refused => Advice.Of(
            $"{r.Port}番ポートへの接続は拒否されました。このサーバーの{r.Port}番では何も待ち受けていないか、サーバーの手前のファイアウォールが拒否しています。ポート番号とサーバー名をご確認ください。",
            $"The connection to port {r.Port} was refused: nothing listens on {r.Port} on this server, or a firewall in front of it refuses the connection. Check the port number and the server name.", WhichPort),
        ProbeOutcome.Timeout when r.Port == 25 => Advice.Of(
            "当社サーバーから25番ポートに接続できませんでした(応答なし)。これはお使いの回線ではなく、送信サーバーか、その手前や当社側のネットワークで25番が止められていることを示します。" +
            "お使いの回線が25番を遮断しているか(OP25B)は「お使いの回線のテスト」で確かめられます。",
            "Port 25 could not be reached from our server (no answer). This is about the sending server, or a network in front of it or on our side, not about your line. " +
            "Whether your own line blocks port 25 (OP25B) is what the line test shows.", LineTest),
        ProbeOutcome.Timeout => Advice.Of(
            $"当社サーバーから{r.Port}番ポートに接続できませんでした(応答なし)。送信サーバーが止まっているか、サーバー側のファイアウォールが{r.Port}番を止めている可能性があります。" +
            "お使いの回線から届くかどうかは「お使いの回線のテスト」で確かめられます。",
            $"Port {r.Port} could not be reached from our server (no answer). The sending server may be down, or a firewall on its side may block {r.Port}. " +
            "Whether your own line reaches it is what the line test shows.", LineTest),
        ProbeOutcome.NoGreeting => Advice.Of(
            "接続はできましたが、サーバーからあいさつ(応答)がありませんでした。サーバーが混み合っているか、メールサーバーではない可能性があります。しばらくしてからもう一度お試しください。",
            "The connection opened, but the server never greeted. It may be overloaded, or it may not be a mail server. Please try again later.", null),
        ProbeOutcome.Rejected => Rejected(r),
        ProbeOutcome.NotSmtp => Advice.Of(
            $"{r.Port}番ポートではメールサーバーではないもの(例えばWebサーバー)が応答しました。サーバー名とポート番号をご確認ください。",
            $"Something other than a mail server (a web server, for example) answered on port {r.Port}. Check the server name and the port number.", WhichPort),
        ProbeOutcome.Closed => Advice.Of(
            "サーバーがやり取りの途中で接続を切りました。しばらくしてからもう一度お試しください。",
            "The server hung up in the middle of the exchange. Please try again later.", null),
        ProbeOutcome.TlsFailed when r.Mode == "implicit-tls" => Advice.Of(
            $"{r.Port}番は最初から暗号化(SSL/TLS)で話すポートですが、暗号化を始められませんでした。{TesterText.TlsFailureText(r.TlsFailure, r.TlsAlert, r.Mode).Ja}このサーバーでは{r.Port}番が使えないか、STARTTLSのポートかもしれません。",
            $"Port {r.Port} speaks encrypted (SSL/TLS) from the start, but encryption could not be set up. {TesterText.TlsFailureText(r.TlsFailure, r.TlsAlert, r.Mode).En} This server may not offer {r.Port}, or it may be a STARTTLS port.", Is587Ssl),
        ProbeOutcome.TlsFailed => Advice.Of(
            $"サーバーは暗号化(STARTTLS)に応じましたが、当社サーバーとの間で暗号化を始められませんでした。{TesterText.TlsFailureText(r.TlsFailure, r.TlsAlert, r.Mode).Ja}サーバー側の暗号化(TLS)の設定に問題がある可能性があります。サーバーの管理者にお知らせください。",
            $"The server agreed to encryption (STARTTLS), but it could not be set up with our server. {TesterText.TlsFailureText(r.TlsFailure, r.TlsAlert, r.Mode).En} The server's TLS setup may be at fault: please tell the server's administrator.", null),
        ProbeOutcome.DnsFailed => Advice.Of(
            $"サーバー名「{host}」が見つかりませんでした。綴りをご確認ください。",
            $"The server name \"{host}\" was not found. Please check the spelling.", WhichPort),
        ProbeOutcome.Error => Advice.Of(
            "ポータル側の内部エラーのため、このポートを試験できませんでした。サーバーの問題ではありません。しばらくしてからもう一度お試しください。",
            "An internal error in this portal stopped the test of this port; it says nothing about the server. Please try again later.", null),
        _ => Advice.Of("試験中です…", "Testing…", null),
    };

    // The reply that turned us away: the greeting when it refused, otherwise the reply to our command (kept in Detail).
    private static Advice Rejected(PortResult r)
    {
        var reply = r.Greeting is { Code: >= 400 } g ? $"{g.Code} {g.Text}" : r.Detail ?? "";
        return Advice.Of(
            $"サーバーが接続を断りました: 「{reply}」。しばらくしてから試すか、サーバーの管理者にお問い合わせください。",
            $"The server turned the connection away: \"{reply}\". Try again later, or ask the server's administrator.", null);
    }

    /// <summary>A greeting slower than this is mentioned: mail programs commonly wait 30-60 s for it, some less.</summary>
    public const int SlowGreetingMs = 5000;

    /// <summary>AUTH offered in the EHLO before STARTTLS: a mail program set without encryption would send the password in clear.</summary>
    public static bool AuthBeforeTls(PortResult r) =>
        r.Mode == "starttls" && r.Extensions?.Any(e => e.StartsWith("AUTH", StringComparison.OrdinalIgnoreCase)) == true;

    private static Advice Ok(PortResult r, DateTimeOffset now)
    {
        var auth = r.AuthMechanisms is { Count: > 0 };
        var (ja, en) = r.Port switch
        {
            25 => ("25番ポートは当社サーバーからの接続に応答しました。お使いの回線から25番が使えるかは、この試験ではわかりません(「お使いの回線のテスト」で確かめられます)。OP25Bのある回線では587番か465番をお使いください。",
                   "Port 25 answered our server. Whether your own line can use 25 is not something this test can tell (the line test can). From a line with OP25B, use 587 or 465."),
            _ when r.Mode == "implicit-tls" && auth => ($"{r.Port}番ポートは最初から暗号化(SSL/TLS)で応答し、SMTP認証に対応しています。メールソフトで{r.Port}番・SSL/TLS・SMTP認証を設定してください。",
                   $"Port {r.Port} answered, encrypted from the start (SSL/TLS), and offers SMTP AUTH. Set {r.Port}, SSL/TLS and SMTP AUTH in your mail program."),
            _ when r.Tls is not null && auth => ($"{r.Port}番ポートは応答し、STARTTLSで暗号化でき、SMTP認証に対応しています。メールソフトで{r.Port}番・STARTTLS・SMTP認証を設定してください。",
                   $"Port {r.Port} answered, encryption with STARTTLS worked, and it offers SMTP AUTH. Set {r.Port}, STARTTLS and SMTP AUTH in your mail program."),
            _ when r.Tls is not null => ($"{r.Port}番ポートは暗号化して応答しましたが、当社サーバーからの接続にはSMTP認証を提示しませんでした。パスワードを使った送信ができない可能性があります。サーバーの管理者にご確認ください。",
                   $"Port {r.Port} answered with encryption, but offered no SMTP AUTH to our server, so sending with a password may not work. Please ask the server's administrator."),
            _ => ($"{r.Port}番ポートは応答しましたが、暗号化(STARTTLS)に対応していません。パスワードが暗号化されずに送られるおそれがあります。",
                  $"Port {r.Port} answered but offers no encryption (STARTTLS): your password could travel unencrypted."),
        };
        if (r.GreetingMs is { } ms && ms >= SlowGreetingMs)
        {
            var seconds = (int)Math.Round(ms / 1000.0);
            ja += $"なお、このサーバーはあいさつ(応答)までに{seconds}秒かかりました。メールソフトによってはそれより早くあきらめることがあります。";
            en += $" Note: the server took {seconds} s to greet; mail programs may give up sooner.";
        }
        if (AuthBeforeTls(r) && r.Tls is not null)
        {
            ja += "なお、このサーバーは暗号化の前からSMTP認証を提示しています。メールソフトで暗号化を有効にしないと、パスワードが暗号化されずに送られるおそれがあります。";
            en += " Note: this server offers SMTP AUTH before encryption starts. Unless your mail program turns encryption on, the password could travel unencrypted.";
        }
        if (r.Tls?.Certificate is { } cert && (!cert.Trusted || !cert.HostnameMatches || cert.NotAfter < now))
        {
            ja += "なお、サーバーの証明書に問題があります(" + string.Join("・", CertificateProblems(cert, now, ja: true)) + ")。メールソフトが警告を出すことがあります。";
            en += " Note: the server's certificate has a problem (" + string.Join(", ", CertificateProblems(cert, now, ja: false)) + "); your mail program may warn about it.";
        }
        return Advice.Of(ja, en, r.Port == 25 ? LineTest : Setup);
    }

    private static IEnumerable<string> CertificateProblems(CertificateInfo cert, DateTimeOffset now, bool ja)
    {
        if (cert.NotAfter < now) yield return ja ? "有効期限切れ" : "expired";
        if (!cert.HostnameMatches) yield return ja ? "サーバー名と一致しない" : "name does not match the server";
        if (!cert.Trusted) yield return ja ? "信頼できる発行元ではない" : "not from a trusted issuer";
    }

    /// <summary>The port can carry a mail program's sending as set up in our guides: it answered, encrypted (TLS from the
    /// first byte, or STARTTLS that worked) and offered SMTP AUTH.</summary>
    public static bool Usable(PortResult r) =>
        r.Outcome == ProbeOutcome.Ok && (r.Mode == "implicit-tls" || r.Tls is not null) && r.AuthMechanisms is { Count: > 0 };

    /// <summary>A TCP connection was made: whatever happened next, the port was reached.</summary>
    public static bool Connected(PortResult r) => r.Outcome is ProbeOutcome.Ok or ProbeOutcome.Rejected or ProbeOutcome.TlsFailed
        or ProbeOutcome.NoGreeting or ProbeOutcome.NotSmtp or ProbeOutcome.Closed;

    /// <summary>What happened on one port, in a few words for the summary: each outcome as it was, refused apart from silence.</summary>
    public static Text WhatHappened(PortResult r) => r.Outcome switch
    {
        ProbeOutcome.Ok when Usable(r) => new("暗号化とSMTP認証に対応して応答", "answered with encryption and SMTP AUTH"),
        ProbeOutcome.Ok when r.Mode != "implicit-tls" && r.Tls is null && r.AuthMechanisms is not { Count: > 0 } =>
            new("応答したが、暗号化(STARTTLS)もSMTP認証も提示しなかった", "answered, but offered neither encryption (STARTTLS) nor login (SMTP AUTH)"),
        ProbeOutcome.Ok when r.Mode != "implicit-tls" && r.Tls is null => new("応答したが、暗号化(STARTTLS)を提示しなかった", "answered, but offered no encryption (STARTTLS)"),
        ProbeOutcome.Ok => new("暗号化して応答したが、SMTP認証を提示しなかった", "answered with encryption, but offered no SMTP AUTH"),
        ProbeOutcome.Rejected => new Text("接続を断った({0})", "turned the connection away ({0})").With(RejectCode(r)),
        ProbeOutcome.TlsFailed when r.TlsFailure == TlsFailure.PlainText =>
            new("暗号化のはずが暗号化せずに応答した", "answered in plain text where TLS was expected"),
        ProbeOutcome.TlsFailed when r.TlsFailure == TlsFailure.ProtocolVersion =>
            new("接続できたが、TLSのバージョンが合わなかった", "connected, but has no TLS version in common with us"),
        ProbeOutcome.TlsFailed => new("接続できたが、暗号化を始められなかった", "connected, but encryption could not be set up"),
        ProbeOutcome.NoGreeting => new("接続できたが、サーバーがあいさつしなかった", "connected, but the server never greeted"),
        ProbeOutcome.NotSmtp => new("メールサーバーではないものが応答した", "something other than a mail server answered"),
        ProbeOutcome.Closed => new("接続できたが、途中で切られた", "connected, but the server hung up"),
        ProbeOutcome.Refused => new("接続を拒否された", "refused the connection"),
        ProbeOutcome.Timeout => new("応答がなかった", "did not answer"),
        ProbeOutcome.DnsFailed => new("サーバー名が見つからなかった", "the server name was not found"),
        _ => new("内部エラー", "internal error"),
    };

    private static string RejectCode(PortResult r) =>
        r.Greeting is { Code: >= 400 } g ? g.Code.ToString() : r.Detail is { Length: >= 3 } d && int.TryParse(d[..3], out var code) ? code.ToString() : "?";

    private static string ModeName(PortResult r) => r.Mode == "implicit-tls" ? "SSL/TLS" : "STARTTLS";

    /// <summary>
    /// One passage for the whole test, built from the rows so that it cannot contradict them: it recommends only ports
    /// that are <see cref="Usable"/> (never 25, which OP25B lines cannot use), calls nothing unreachable that connected,
    /// and says for every other port what happened there.
    /// </summary>
    public static Advice? Summary(IReadOnlyList<PortResult> results)
    {
        var rows = results.Where(r => r.Outcome is not null).ToList();
        if (rows.Count < results.Count || rows.Count == 0) return null;

        if (rows.All(r => r.Outcome == ProbeOutcome.DnsFailed))
            return Advice.Of("サーバー名が見つかりませんでした。メールソフトに設定した送信サーバー名の綴りをご確認ください。",
                "The server name was not found. Check the spelling of the outgoing server in your mail program.", WhichPort);
        if (rows.Any(r => r.Outcome == ProbeOutcome.Error))
            return Advice.Of("ポータル側の内部エラーのため、試験を最後まで行えませんでした。結果はサーバーの状態を表していません。しばらくしてからもう一度お試しください。",
                "An internal error in this portal stopped part of the test, so the results say nothing certain about the server. Please try again later.", null);

        var p25 = rows.FirstOrDefault(r => r.Port == 25);
        var usable = rows.Where(r => r.Port != 25 && Usable(r)).ToList();
        var others = rows.Where(r => !usable.Contains(r) && r.Port != 25).ToList();
        string Others(Lang lang) => others.Count == 0 ? "" : lang == Lang.Ja
            ? string.Concat(others.Select(r => $"{r.Port}番は{WhatHappened(r).Ja}。"))
            : string.Concat(others.Select(r => $" {r.Port} {WhatHappened(r).En}."));
        string About25(Lang lang) => p25 switch
        {
            null => "",
            { Inconclusive: true } => lang == Lang.Ja ? "当社サーバーからはどこの25番ポートにも接続できないため、25番の結果は判断材料になりません。"
                : " Our server cannot reach port 25 anywhere, so the port 25 result tells nothing about this server.",
            _ when Connected(p25) => lang == Lang.Ja ? $"25番は当社サーバーからは接続できました({WhatHappened(p25).Ja})。ただし、OP25Bのある回線からは25番は使えません。"
                : $" Port 25 was reached from our server ({WhatHappened(p25).En}), but a line with OP25B cannot use 25.",
            _ => lang == Lang.Ja ? $"25番は当社サーバーから{WhatHappened(p25).Ja}。これは当社サーバーから見た結果で、お使いの回線についてはわかりません。"
                : $" Port 25 {WhatHappened(p25).En} from our server; that is as seen from our server and says nothing about your line.",
        };
        var help = p25 is { Inconclusive: true } ? WhyOp25b : p25 is not null && !Connected(p25) ? LineTest : Setup;

        if (usable.Count > 0)
        {
            var ja = $"当社サーバーからは{string.Join("・", usable.Select(r => $"{r.Port}番"))}が暗号化とSMTP認証に対応して応答しました。" +
                     $"メールソフトで{string.Join("か", usable.Select(r => $"{r.Port}番({ModeName(r)})"))}とSMTP認証を設定してください。" + Others(Lang.Ja) + About25(Lang.Ja);
            var en = $"{string.Join(" and ", usable.Select(r => r.Port))} answered our server with encryption and SMTP AUTH. " +
                     $"Set {string.Join(" or ", usable.Select(r => $"{r.Port} ({ModeName(r)})"))} with SMTP AUTH in your mail program." + Others(Lang.En) + About25(Lang.En);
            if (help == LineTest)
            {
                ja += "お使いの回線が25番を遮断しているか(OP25B)は「お使いの回線のテスト」で確かめられます。";
                en += " Whether your own line blocks port 25 (OP25B) is what the line test shows.";
            }
            return Advice.Of(ja, en, help);
        }

        if (!rows.Any(Connected))
        {
            var how = rows.All(r => r.Outcome == ProbeOutcome.Refused) ? new Text("どのポートも接続を拒否しました(何も待ち受けていないか、ファイアウォールが拒否しています)。",
                    "Every port refused the connection (nothing listens there, or a firewall refuses it).")
                : rows.All(r => r.Outcome == ProbeOutcome.Timeout) ? new Text("どのポートからも応答がありませんでした。", "No port answered at all.")
                : new Text(string.Concat(rows.Select(r => $"{r.Port}番は{WhatHappened(r).Ja}。")), string.Join(" ", rows.Select(r => $"{r.Port} {WhatHappened(r).En}.")));
            var inconclusive = p25 is { Inconclusive: true };
            return Advice.Of(
                "当社サーバーからは、どのポートにも接続できませんでした。" + how.Ja + (inconclusive ? About25(Lang.Ja) : "") + "まずサーバー名が正しいかをご確認ください。正しい場合は、送信サーバーが止まっているか、サーバー側のネットワークが当社サーバーからの接続を止めています。この結果はお使いの回線とは関係ありません。",
                "No port could be reached from our server. " + how.En + (inconclusive ? About25(Lang.En) : "") + " First check the server name. If it is right, the sending server is down, or its network stops connections from our server. This result has nothing to do with your line.",
                inconclusive ? WhyOp25b : WhichPort);
        }

        if (p25 is { Outcome: ProbeOutcome.Ok } && !others.Any(Connected))
            return Advice.Of(
                "当社サーバーからは25番だけが応答しました。" + Others(Lang.Ja) + "OP25Bのある回線からは25番は使えないため、このサーバーで587番か465番が使えるかを、サーバーの管理者にご確認ください。",
                "Only port 25 answered our server." + Others(Lang.En) + " From a line with OP25B, 25 cannot be used: ask the server's administrator whether 587 or 465 can be used.", LineTest);
        return Advice.Of(
            "パスワードを使って安全に送信できるポートは見つかりませんでした。" + Others(Lang.Ja) + About25(Lang.Ja) + "サーバー名とポートをご確認のうえ、サーバーの管理者にお問い合わせください。",
            "No port was found that takes mail with a password over encryption." + Others(Lang.En) + About25(Lang.En) + " Check the server name and port, and ask the server's administrator.",
            WhichPort);
    }
}
