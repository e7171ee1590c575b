namespace Portal.Tester;

/// <summary>Turns results into plain words for customers who know nothing about SMTP, with the Q&A entry to read next.</summary>
public static class Verdicts
{
    private const string WhichPort = "/qa#which-port";
    private const string WhyOp25b = "/qa#why-op25b";
    private const string SecuritySoftware = "/qa#security-software";
    private const string Is587Ssl = "/qa#is-587-ssl";

    public static Advice ForPort(PortResult r, string host) => r.Outcome switch
    {
        ProbeOutcome.Ok => Ok(r),
        ProbeOutcome.Refused => new(
            $"{r.Port}番ポートは接続を断りました。このサーバーは{r.Port}番では受け付けていません。ポート番号とサーバー名をご確認ください。",
            $"Port {r.Port} refused the connection: this server does not accept mail on {r.Port}. Check the port number and the server name.", WhichPort),
        ProbeOutcome.Timeout when r.Port == 25 => new(
            "25番ポートには接続できませんでした(応答なし)。途中のネットワークで25番が遮断されている可能性があります(OP25B)。メールソフトでは587番とSMTP認証をお使いください。",
            "Port 25 could not be reached (no answer). A network on the way probably blocks port 25 (OP25B). Use port 587 with SMTP AUTH in your mail program.", WhyOp25b),
        ProbeOutcome.Timeout => new(
            $"{r.Port}番ポートには接続できませんでした(応答なし)。ファイアウォールで遮断されているか、サーバーが止まっている可能性があります。",
            $"Port {r.Port} could not be reached (no answer). A firewall may block it, or the server may be down.", SecuritySoftware),
        ProbeOutcome.NoGreeting => new(
            "接続はできましたが、サーバーからあいさつ(応答)がありませんでした。サーバーが混み合っているか、メールサーバーではない可能性があります。しばらくしてからもう一度お試しください。",
            "The connection opened, but the server never greeted. It may be overloaded, or it may not be a mail server. Please try again later.", null),
        ProbeOutcome.Rejected => new(
            $"サーバーが接続を断りました(コード {r.Greeting?.Code.ToString() ?? r.Detail}): 「{r.Greeting?.Text ?? r.Detail}」。しばらくしてから試すか、サーバーの管理者にお問い合わせください。",
            $"The server turned the connection away (code {r.Greeting?.Code.ToString() ?? r.Detail}): \"{r.Greeting?.Text ?? r.Detail}\". Try again later, or ask the server's administrator.", null),
        ProbeOutcome.NotSmtp => new(
            $"{r.Port}番ポートではメールサーバーではないもの(例えばWebサーバー)が応答しました。サーバー名とポート番号をご確認ください。",
            $"Something other than a mail server (a web server, for example) answered on port {r.Port}. Check the server name and the port number.", WhichPort),
        ProbeOutcome.Closed => new(
            "サーバーがやり取りの途中で接続を切りました。しばらくしてからもう一度お試しください。",
            "The server hung up in the middle of the exchange. Please try again later.", null),
        ProbeOutcome.TlsFailed when r.Mode == "implicit-tls" => new(
            $"{r.Port}番は最初から暗号化(SSL/TLS)で話すポートですが、暗号化を始められませんでした。このサーバーでは{r.Port}番が使えないか、STARTTLSのポートかもしれません。",
            $"Port {r.Port} speaks encrypted (SSL/TLS) from the start, but encryption could not be set up. This server may not offer {r.Port}, or it may be a STARTTLS port.", Is587Ssl),
        ProbeOutcome.TlsFailed => new(
            "暗号化(STARTTLS)を始められませんでした。メールソフトの暗号化設定をご確認ください。",
            "Encryption (STARTTLS) could not be set up. Check the encryption setting in your mail program.", Is587Ssl),
        ProbeOutcome.DnsFailed => new(
            $"サーバー名「{host}」が見つかりませんでした。綴りをご確認ください。",
            $"The server name \"{host}\" was not found. Please check the spelling.", WhichPort),
        ProbeOutcome.Error => new(
            "ポータル側の内部エラーのため、このポートを試験できませんでした。サーバーの問題ではありません。しばらくしてからもう一度お試しください。",
            "An internal error in this portal stopped the test of this port; it says nothing about the server. Please try again later.", null),
        _ => new("試験中です…", "Testing…", null),
    };

    private static Advice Ok(PortResult r)
    {
        var (ja, en) = r.Port switch
        {
            25 => ("25番ポートは応答しました。ただし、OP25Bのあるプロバイダの回線からは25番が使えないため、メールソフトには587番をお勧めします。",
                   "Port 25 answered. From a provider's line with OP25B, though, 25 cannot be used, so set 587 in your mail program."),
            _ when r.Mode == "implicit-tls" => ($"{r.Port}番ポートは最初から暗号化(SSL/TLS)で応答しました。メールソフトで{r.Port}番・SSL/TLS・SMTP認証を設定すれば送信できます。",
                   $"Port {r.Port} answered, encrypted from the start (SSL/TLS). Set {r.Port}, SSL/TLS and SMTP AUTH in your mail program."),
            _ when r.Tls is not null => ($"{r.Port}番ポートは応答し、STARTTLSで暗号化できました。メールソフトで{r.Port}番・STARTTLS・SMTP認証を設定すれば送信できます。",
                   $"Port {r.Port} answered and encryption with STARTTLS worked. Set {r.Port}, STARTTLS and SMTP AUTH in your mail program."),
            _ => ($"{r.Port}番ポートは応答しましたが、暗号化(STARTTLS)に対応していません。パスワードが暗号化されずに送られるおそれがあります。",
                  $"Port {r.Port} answered but offers no encryption (STARTTLS): your password could travel unencrypted."),
        };
        if (r.Tls?.Certificate is { } cert && (!cert.Trusted || !cert.HostnameMatches || cert.NotAfter < DateTimeOffset.UtcNow))
        {
            ja += "なお、サーバーの証明書に問題があります(" + string.Join("・", CertificateProblems(cert, ja: true)) + ")。メールソフトが警告を出すことがあります。";
            en += " Note: the server's certificate has a problem (" + string.Join(", ", CertificateProblems(cert, ja: false)) + "); your mail program may warn about it.";
        }
        return new Advice(ja, en, WhichPort);
    }

    private static IEnumerable<string> CertificateProblems(CertificateInfo cert, bool ja)
    {
        if (cert.NotAfter < DateTimeOffset.UtcNow) yield return ja ? "有効期限切れ" : "expired";
        if (!cert.HostnameMatches) yield return ja ? "サーバー名と一致しない" : "name does not match the server";
        if (!cert.Trusted) yield return ja ? "信頼できる発行元ではない" : "not from a trusted issuer";
    }

    /// <summary>One sentence for the whole test, comparing the ports.</summary>
    public static Advice? Summary(IReadOnlyList<PortResult> results)
    {
        var by = results.Where(r => r.Outcome is not null).ToDictionary(r => r.Port);
        if (by.Count < results.Count || by.Count == 0) return null;
        bool Ok(int port) => by.TryGetValue(port, out var r) && r.Outcome == ProbeOutcome.Ok;
        bool Failed(int port) => by.TryGetValue(port, out var r) && r.Outcome != ProbeOutcome.Ok;

        if (by.Values.All(r => r.Outcome == ProbeOutcome.DnsFailed))
            return new("サーバー名が見つかりませんでした。メールソフトに設定した送信サーバー名の綴りをご確認ください。",
                "The server name was not found. Check the spelling of the outgoing server in your mail program.", WhichPort);
        if (by.Values.Any(r => r.Outcome == ProbeOutcome.Error))
            return new("ポータル側の内部エラーのため、試験を最後まで行えませんでした。結果はサーバーの状態を表していません。しばらくしてからもう一度お試しください。",
                "An internal error in this portal stopped part of the test, so the results say nothing certain about the server. Please try again later.", null);
        if (by.TryGetValue(25, out var p25) && p25.Inconclusive)
        {
            var rest = by.Values.Where(r => r.Port != 25).ToList();
            var okOthers = rest.Where(r => r.Outcome == ProbeOutcome.Ok).Select(r => r.Port.ToString()).ToList();
            return new(
                "このサーバーからはどこの25番ポートにも接続できないため、25番の結果は判断材料になりません。" + (okOthers.Count > 0 ? $"{string.Join("番・", okOthers)}番は応答しました。" : ""),
                "This server cannot reach port 25 anywhere, so the port 25 result tells nothing about your relay." + (okOthers.Count > 0 ? $" {string.Join(" and ", okOthers)} answered." : ""), WhyOp25b);
        }
        if (Failed(25) && Ok(587))
            return new("25番はつながらず、587番はつながりました。回線やネットワークで25番が遮断されている(OP25B)と考えられます。メールソフトの送信ポートを587番にし、SMTP認証を有効にしてください。",
                "Port 25 did not connect but 587 did: your line or network probably blocks port 25 (OP25B). Set the outgoing port to 587 and turn on SMTP AUTH.", WhichPort);
        if (Failed(587) && Ok(465))
            return new("587番はつながらず、465番はつながりました。メールソフトで465番・SSL/TLS・SMTP認証を設定してください。",
                "Port 587 did not connect but 465 did. Set 465 with SSL/TLS and SMTP AUTH in your mail program.", WhichPort);
        if (by.Values.All(r => r.Outcome == ProbeOutcome.Ok))
            return new("試したポートはすべて応答しました。OP25Bのある回線からは587番(STARTTLS)または465番(SSL/TLS)を、SMTP認証と一緒にお使いください。",
                "Every port tested answered. From a line with OP25B, use 587 (STARTTLS) or 465 (SSL/TLS), with SMTP AUTH.", WhichPort);
        if (by.Values.All(r => r.Outcome != ProbeOutcome.Ok))
            return new("どのポートにも接続できませんでした。サーバー名が正しいか、サーバーが止まっていないかご確認ください。",
                "No port could be used. Check that the server name is right and that the server is running.", WhichPort);
        var working = by.Values.Where(r => r.Outcome == ProbeOutcome.Ok).Select(r => r.Port.ToString()).ToList();
        return new($"{string.Join("番・", working)}番が使えます。メールソフトではそのポートとSMTP認証を設定してください。",
            $"{string.Join(" and ", working)} can be used. Set that port with SMTP AUTH in your mail program.", WhichPort);
    }
}
