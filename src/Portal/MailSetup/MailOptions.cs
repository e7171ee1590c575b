using System.Text.RegularExpressions;

namespace Portal.MailSetup;

/// <summary>Our own mail service as mail programs must be set up for it (Mail:*). Defaults are fictional.</summary>
public sealed partial class MailOptions
{
    public const string Section = "Mail";

    public string[] Domains { get; set; } = ["saiin.example.jp"];

    public string DisplayName { get; set; } = "西院ネットワークス メール";

    public string ShortName { get; set; } = "西院ネットワークス";

    /// <summary>Outgoing servers in the order programs should try them: 465 (TLS from the first byte), then 587 (STARTTLS).</summary>
    public List<ServerOptions> Submission { get; set; } =
    [
        new() { Host = "mail.saiin.example.jp", Port = 465, Security = "tls" },
        new() { Host = "mail.saiin.example.jp", Port = 587, Security = "starttls" },
    ];

    public List<ServerOptions> Incoming { get; set; } =
    [
        new() { Protocol = "imap", Host = "mail.saiin.example.jp", Port = 993, Security = "tls" },
        new() { Protocol = "pop3", Host = "mail.saiin.example.jp", Port = 995, Security = "tls" },
    ];

    /// <summary>email (the whole address) or localpart (the part before @).</summary>
    public string Username { get; set; } = "email";

    /// <summary>Optional: sign the Apple profile with this PEM certificate and key.</summary>
    public ProfileSigningOptions ProfileSigning { get; set; } = new();

    public ServerOptions? Tls => Submission.FirstOrDefault(s => s.Security == "tls");

    public ServerOptions? StartTls => Submission.FirstOrDefault(s => s.Security == "starttls");

    public ServerOptions? Imap => Incoming.FirstOrDefault(s => s.Protocol == "imap");

    public ServerOptions? Pop3 => Incoming.FirstOrDefault(s => s.Protocol == "pop3");

    public bool OwnsDomain(string domain) => Domains.Any(d => string.Equals(d, domain, StringComparison.OrdinalIgnoreCase));

    /// <summary>The login name for an address, as Mail:Username says.</summary>
    public string LoginFor(string address) => Username == "localpart" ? address[..address.IndexOf('@')] : address;

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", RegexOptions.IgnoreCase)]
    public static partial Regex HostName();

    public IEnumerable<string> Problems()
    {
        if (Domains.Length == 0) yield return "Mail:Domains must list at least one mail domain, e.g. saiin.example.jp";
        foreach (var d in Domains.Where(d => !HostName().IsMatch(d ?? "")))
            yield return $"Mail:Domains has '{d}', which is not a domain such as saiin.example.jp";
        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Length > 100) yield return "Mail:DisplayName must be 1-100 characters";
        if (string.IsNullOrWhiteSpace(ShortName) || ShortName.Length > 40) yield return "Mail:ShortName must be 1-40 characters";
        if (Submission.Count == 0) yield return "Mail:Submission must list at least one outgoing server";
        if (Incoming.Count == 0) yield return "Mail:Incoming must list at least one incoming server";
        for (var i = 0; i < Submission.Count; i++)
        {
            foreach (var p in Submission[i].Problems($"Mail:Submission:{i}")) yield return p;
            if (Submission[i].Security is not ("tls" or "starttls")) yield return $"Mail:Submission:{i}:Security must be tls or starttls, not '{Submission[i].Security}'";
        }
        for (var i = 0; i < Incoming.Count; i++)
        {
            foreach (var p in Incoming[i].Problems($"Mail:Incoming:{i}")) yield return p;
            if (Incoming[i].Protocol is not ("imap" or "pop3")) yield return $"Mail:Incoming:{i}:Protocol must be imap or pop3, not '{Incoming[i].Protocol}'";
            if (Incoming[i].Security is not ("tls" or "starttls")) yield return $"Mail:Incoming:{i}:Security must be tls or starttls, not '{Incoming[i].Security}'";
        }
        if (Username is not ("email" or "localpart")) yield return $"Mail:Username must be email or localpart, not '{Username}'";
        if (string.IsNullOrEmpty(ProfileSigning.CertificatePath) != string.IsNullOrEmpty(ProfileSigning.KeyPath))
            yield return "Mail:ProfileSigning needs both CertificatePath and KeyPath (PEM), or neither";
    }
}

public sealed class ServerOptions
{
    /// <summary>imap or pop3 (incoming only).</summary>
    public string Protocol { get; set; } = "";

    public string Host { get; set; } = "";

    public int Port { get; set; }

    /// <summary>tls (from the first byte) or starttls.</summary>
    public string Security { get; set; } = "";

    public IEnumerable<string> Problems(string key)
    {
        if (!MailOptions.HostName().IsMatch(Host ?? "")) yield return $"{key}:Host must be a host name such as mail.saiin.example.jp, not '{Host}'";
        if (Port is < 1 or > 65535) yield return $"{key}:Port must be 1-65535, not {Port}";
    }
}

public sealed class ProfileSigningOptions
{
    public string CertificatePath { get; set; } = "";

    public string KeyPath { get; set; } = "";
}
