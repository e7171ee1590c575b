namespace Portal.MailSetup;

/// <summary>One DNS record an operator should publish, in zone-file form.</summary>
public sealed record DnsRecord(string Name, string Type, string Value, string Why)
{
    public override string ToString() => $"{Name} 3600 IN {Type} {Value}";
}

/// <summary>The DNS records that let mail programs find our servers and this portal, generated from Mail:*.</summary>
public static class MailDns
{
    /// <summary>
    /// SRV records per mail domain with priorities that say our preference (lower is preferred, RFC 2782): TLS from the
    /// first byte before STARTTLS (RFC 8314 §5.1: _submissions before _submission; §5.4 likewise for IMAP and POP),
    /// and IMAP before POP3 (RFC 6186 §3.4: a client that finds both uses the priorities across the two services, so
    /// they must differ to say which). The CNAMEs for autoconfig. and autodiscover. point to <paramref name="portalHost"/>,
    /// the host of Site:PublicUrl; without it (null) they are left out rather than guessed from a browser's address.
    /// </summary>
    public static IReadOnlyList<DnsRecord> Records(MailOptions mail, string? portalHost)
    {
        var records = new List<DnsRecord>();
        var outgoing = MailClientConfig.OutgoingOrder(mail).ToList();
        var incoming = mail.Incoming.OrderBy(s => s.Protocol == "imap" ? 0 : 1).ThenBy(s => s.Security == "tls" ? 0 : 1).ToList();
        foreach (var domain in mail.Domains)
        {
            foreach (var (s, i) in outgoing.Select((s, i) => (s, i)))
                records.Add(new($"_{(s.Security == "tls" ? "submissions" : "submission")}._tcp.{domain}.", "SRV", $"{i * 10} 1 {s.Port} {s.Host}.",
                    s.Security == "tls" ? "RFC 8314: submission with TLS from the first byte" : "RFC 6186: submission with STARTTLS"));
            foreach (var (s, i) in incoming.Select((s, i) => (s, i)))
                records.Add(new($"_{s.Protocol}{(s.Security == "tls" ? "s" : "")}._tcp.{domain}.", "SRV", $"{i * 10} 1 {s.Port} {s.Host}.",
                    $"RFC 6186{(s.Security == "tls" ? "/8314" : "")}: {s.Protocol.ToUpperInvariant()}"));
            if (portalHost is null) continue;
            records.Add(new($"autoconfig.{domain}.", "CNAME", $"{portalHost}.", "Thunderbird reads https://autoconfig.DOMAIN/mail/config-v1.1.xml"));
            records.Add(new($"autodiscover.{domain}.", "CNAME", $"{portalHost}.", "Outlook posts to https://autodiscover.DOMAIN/autodiscover/autodiscover.xml"));
        }
        return records;
    }
}
