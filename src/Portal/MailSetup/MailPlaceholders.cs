using Portal.Site;
using Portal.Content;

namespace Portal.MailSetup;

/// <summary>Our mail settings as {{placeholders}} for the setup guides in content/{ja,en}/setup/.</summary>
public sealed class MailPlaceholders(MailOptions mail, ProfileSigner signer) : IContentPlaceholders
{
    public IReadOnlyDictionary<string, string> Values(Lang lang)
    {
        var tls = mail.Tls;
        var starttls = mail.StartTls;
        var first = MailClientConfig.OutgoingOrder(mail).First();
        var imap = mail.Imap;
        var pop3 = mail.Pop3;
        var example = $"taro@{mail.Domains[0]}";
        return new Dictionary<string, string>
        {
            ["mail.domain"] = mail.Domains[0],
            ["mail.name"] = mail.DisplayName,
            ["submission.host"] = first.Host,
            ["submission.port"] = first.Port.ToString(),
            ["submission.security"] = first.Security == "tls" ? "SSL/TLS" : "STARTTLS",
            ["submission.tls.port"] = tls?.Port.ToString() ?? "—",
            ["submission.starttls.port"] = starttls?.Port.ToString() ?? "—",
            ["incoming.host"] = mail.Incoming[0].Host,
            ["imap.host"] = imap?.Host ?? "—",
            ["imap.port"] = imap?.Port.ToString() ?? "—",
            ["pop3.host"] = pop3?.Host ?? "—",
            ["pop3.port"] = pop3?.Port.ToString() ?? "—",
            ["profile.trust"] = ProfileTrust(lang),
            ["username"] = mail.Username == "localpart"
                ? (lang == Lang.En ? "the part of your address before @ (for taro@" + mail.Domains[0] + ": taro)" : "メールアドレスの@より前の部分(taro@" + mail.Domains[0] + " なら taro)")
                : (lang == Lang.En ? "your whole e-mail address (e.g. " + example + ")" : "メールアドレス全体(例: " + example + ")"),
        };
    }

    /// <summary>What the installer shows for our profile, as Mail:ProfileSigning has it: a signed profile names its signer
    /// and reads 「検証済み」/"Verified" when the device trusts that certificate; an unsigned one reads 「未検証」/"Unverified".</summary>
    private string ProfileTrust(Lang lang) => signer.SignerName is { } name
        ? lang == Lang.En
            ? $"The profile is signed with the certificate of {name}, so the installer shows {name} as the signer, and \"Verified\" when your device trusts that certificate. If it shows \"Unverified\" instead, do not install it and ask us."
            : $"プロファイルは {name} の証明書で署名されています。インストール画面には署名者として {name} が表示され、端末がその証明書を信頼していれば「検証済み」と表示されます。「未検証」と表示されたときはインストールせず、お問い合わせください。"
        : lang == Lang.En
            ? $"The profile is not signed, so the installer shows it as \"Unverified\". If you downloaded it from this site ({mail.DisplayName}), you can go ahead."
            : $"プロファイルは署名されていないため、インストール画面に「未検証」と表示されます。このサイト（{mail.DisplayName}）からダウンロードしたものであれば、そのまま進めて問題ありません。";
}
