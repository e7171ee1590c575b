using Portal.Site;
using Portal.Content;

namespace Portal.MailSetup;

/// <summary>Our mail settings as {{placeholders}} for the setup guides in content/{ja,en}/setup/.</summary>
public sealed class MailPlaceholders(MailOptions mail) : IContentPlaceholders
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
            ["username"] = mail.Username == "localpart"
                ? (lang == Lang.En ? "the part of your address before @ (for taro@" + mail.Domains[0] + ": taro)" : "メールアドレスの@より前の部分(taro@" + mail.Domains[0] + " なら taro)")
                : (lang == Lang.En ? "your whole e-mail address (e.g. " + example + ")" : "メールアドレス全体(例: " + example + ")"),
        };
    }
}
