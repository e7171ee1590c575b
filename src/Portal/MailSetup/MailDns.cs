namespace Portal.MailSetup;

/// <summary>One DNS record an operator should publish, in zone-file form.</summary>
public sealed record DnsRecord(string Name, string Type, string Value, string Why)
{
    public override string ToString() => $"{Name} 3600 IN {Type} {Value}";
}

/// <summary>The DNS records that let mail programs find our servers and this portal, generated from Mail:*.</summary>
public static class MailDns
{
    public static IReadOnlyList<DnsRecord> Records(MailOptions mail, string portalHost)
    {
        var records = new List<DnsRecord>();
        foreach (var domain in mail.Domains)
        {
            // RFC 8314 / RFC 6186: TLS from the first byte is _submissions, STARTTLS is _submission.
            foreach (var s in MailClientConfig.OutgoingOrder(mail))
                records.Add(new($"_{(s.Security == "tls" ? "submissions" : "submission")}._tcp.{domain}.", "SRV", $"0 1 {s.Port} {s.Host}.",
                    s.Security == "tls" ? "RFC 8314: submission with TLS from the first byte" : "RFC 6186: submission with STARTTLS"));
            foreach (var s in mail.Incoming)
                records.Add(new($"_{s.Protocol}{(s.Security == "tls" ? "s" : "")}._tcp.{domain}.", "SRV", $"0 1 {s.Port} {s.Host}.",
                    $"RFC 6186{(s.Security == "tls" ? "/8314" : "")}: {s.Protocol.ToUpperInvariant()}"));
            records.Add(new($"autoconfig.{domain}.", "CNAME", $"{portalHost}.", "Thunderbird reads https://autoconfig.DOMAIN/mail/config-v1.1.xml"));
            records.Add(new($"autodiscover.{domain}.", "CNAME", $"{portalHost}.", "Outlook posts to https://autodiscover.DOMAIN/autodiscover/autodiscover.xml"));
        }
        return records;
    }
}
