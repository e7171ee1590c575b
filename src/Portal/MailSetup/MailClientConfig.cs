using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Portal.MailSetup;

/// <summary>An e-mail address split as the configuration documents need it.</summary>
public sealed record MailAddress(string Local, string Domain)
{
    public override string ToString() => $"{Local}@{Domain}";
}

/// <summary>The documents mail programs read to set themselves up, built with XDocument so every value is escaped.</summary>
public static partial class MailClientConfig
{
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")]
    private static partial Regex LocalPart();

    /// <summary>A plain address (dot-atom local part, DNS domain, at most 254 characters), or null.</summary>
    public static MailAddress? Parse(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 254) return null;
        var at = text.LastIndexOf('@');
        if (at <= 0 || at > 64 || at == text.Length - 1) return null;
        var (local, domain) = (text[..at], text[(at + 1)..].TrimEnd('.').ToLowerInvariant());
        return LocalPart().IsMatch(local) && MailOptions.HostName().IsMatch(domain) ? new MailAddress(local, domain) : null;
    }

    // ---- Thunderbird autoconfig (clientConfig 1.1) ----

    public static XDocument Autoconfig(MailOptions mail, string documentationUrl)
    {
        var username = mail.Username == "localpart" ? "%EMAILLOCALPART%" : "%EMAILADDRESS%";
        var provider = new XElement("emailProvider", new XAttribute("id", mail.Domains[0]));
        foreach (var domain in mail.Domains) provider.Add(new XElement("domain", domain));
        provider.Add(new XElement("displayName", mail.DisplayName), new XElement("displayShortName", mail.ShortName));
        foreach (var s in mail.Incoming)
            provider.Add(new XElement("incomingServer", new XAttribute("type", s.Protocol),
                new XElement("hostname", s.Host), new XElement("port", s.Port),
                new XElement("socketType", s.Security == "tls" ? "SSL" : "STARTTLS"),
                new XElement("username", username), new XElement("authentication", "password-cleartext")));
        foreach (var s in OutgoingOrder(mail))
            provider.Add(new XElement("outgoingServer", new XAttribute("type", "smtp"),
                new XElement("hostname", s.Host), new XElement("port", s.Port),
                new XElement("socketType", s.Security == "tls" ? "SSL" : "STARTTLS"),
                new XElement("username", username), new XElement("authentication", "password-cleartext")));
        provider.Add(new XElement("documentation", new XAttribute("url", documentationUrl),
            new XElement("descr", new XAttribute("lang", "ja"), "メールソフトの設定"),
            new XElement("descr", new XAttribute("lang", "en"), "Setting up your mail program")));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("clientConfig", new XAttribute("version", "1.1"), provider));
    }

    /// <summary>TLS from the first byte before STARTTLS (RFC 8314), whatever order the list has.</summary>
    public static IEnumerable<ServerOptions> OutgoingOrder(MailOptions mail) => mail.Submission.OrderBy(s => s.Security == "tls" ? 0 : 1);

    // ---- Outlook Autodiscover (POX) ----

    public const string RequestSchema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
    public const string ResponseSchema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
    public const string EnvelopeSchema = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
    public const int MaxRequestBytes = 16 * 1024;

    /// <summary>The request's address and acceptable schema; DTDs are refused, so no entity is ever expanded.</summary>
    public static (string? Email, string? Schema) ReadAutodiscoverRequest(byte[] body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxRequestBytes, MaxCharactersFromEntities = 0,
        };
        using var reader = XmlReader.Create(new MemoryStream(body), settings);
        var doc = XDocument.Load(reader);
        XNamespace ns = RequestSchema;
        var request = doc.Root?.Name == ns + "Autodiscover" ? doc.Root.Element(ns + "Request") : null;
        if (request is null) throw new XmlException("not an Outlook Autodiscover request");
        return (request.Element(ns + "EMailAddress")?.Value, request.Element(ns + "AcceptableResponseSchema")?.Value);
    }

    public static XDocument AutodiscoverResponse(MailOptions mail, MailAddress address)
    {
        XNamespace envelope = EnvelopeSchema, r = ResponseSchema;
        var login = mail.LoginFor(address.ToString());
        var account = new XElement(r + "Account", new XElement(r + "AccountType", "email"), new XElement(r + "Action", "settings"));
        foreach (var s in mail.Incoming)
            account.Add(Protocol(r, s.Protocol.ToUpperInvariant(), s, login, smtp: false));
        foreach (var s in OutgoingOrder(mail))
            account.Add(Protocol(r, "SMTP", s, login, smtp: true));
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(envelope + "Autodiscover", new XElement(r + "Response", account)));
    }

    private static XElement Protocol(XNamespace r, string type, ServerOptions s, string login, bool smtp)
    {
        var p = new XElement(r + "Protocol", new XElement(r + "Type", type), new XElement(r + "Server", s.Host), new XElement(r + "Port", s.Port),
            new XElement(r + "LoginName", login), new XElement(r + "DomainRequired", "off"), new XElement(r + "SPA", "off"));
        // Every entry says the same to a reader that knows only <SSL> and to one that knows <Encryption>:
        // TLS from the first byte is SSL on + Encryption SSL; STARTTLS is SSL off + Encryption TLS. <SSL> must be written
        // out: "If unspecified, the default value is set to on" (learn.microsoft.com, exchange/client-developer/
        // web-service-reference/ssl-pox), and exchangelib reads it so (exchangelib/autodiscover/properties.py, Protocol:
        // ssl = OnOffField("SSL", default=True); it has no Encryption field), which made 587 read as TLS-on-connect.
        // Encryption TLS on 465 breaks Outlook's setup, so each pair is fixed per security, never mixed.
        if (s.Security == "tls") p.Add(new XElement(r + "SSL", "on"), new XElement(r + "Encryption", "SSL"));
        else p.Add(new XElement(r + "SSL", "off"), new XElement(r + "Encryption", "TLS"));
        if (smtp) p.Add(new XElement(r + "AuthRequired", "on"), new XElement(r + "UsePOPAuth", "on"));
        return p;
    }

    /// <summary>600 Invalid Request, 601 Provider not found (for a schema we do not answer).</summary>
    public static XDocument AutodiscoverError(int code, string message, DateTimeOffset now)
    {
        XNamespace envelope = EnvelopeSchema;
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(envelope + "Autodiscover", new XElement(envelope + "Response",
                new XElement(envelope + "Error", new XAttribute("Time", now.ToString("HH:mm:ss.fffffff")), new XAttribute("Id", "2477272013"),
                    new XElement(envelope + "ErrorCode", code), new XElement(envelope + "Message", message), new XElement(envelope + "DebugData")))));
    }

    // ---- Apple configuration profile ----

    /// <summary>The same address always gets the same identifiers, so installing again replaces the profile.</summary>
    public static Guid StableGuid(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name.ToLowerInvariant()));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);   // version 5 style: name-based
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);   // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static XDocument AppleProfile(MailOptions mail, MailAddress address)
    {
        var incoming = mail.Incoming[0];
        var outgoing = OutgoingOrder(mail).First();
        var login = mail.LoginFor(address.ToString());
        var reverse = string.Join('.', mail.Domains[0].Split('.').Reverse());
        var id = $"{reverse}.mail.{StableGuid(address.ToString()):N}";
        var payload = Dict(
            ("PayloadType", "com.apple.mail.managed"), ("PayloadVersion", 1), ("PayloadIdentifier", id + ".account"),
            ("PayloadUUID", StableGuid("account:" + address).ToString().ToUpperInvariant()), ("PayloadDisplayName", mail.DisplayName),
            ("EmailAccountType", incoming.Protocol == "pop3" ? "EmailTypePOP" : "EmailTypeIMAP"),
            ("EmailAccountDescription", mail.DisplayName), ("EmailAddress", address.ToString()),
            ("IncomingMailServerHostName", incoming.Host), ("IncomingMailServerPortNumber", incoming.Port),
            ("IncomingMailServerUseSSL", true), ("IncomingMailServerUsername", login), ("IncomingMailServerAuthentication", "EmailAuthPassword"),
            ("OutgoingMailServerHostName", outgoing.Host), ("OutgoingMailServerPortNumber", outgoing.Port),
            ("OutgoingMailServerUseSSL", true), ("OutgoingMailServerUsername", login), ("OutgoingMailServerAuthentication", "EmailAuthPassword"),
            ("OutgoingPasswordSameAsIncomingPassword", true));
        var profile = Dict(
            ("PayloadType", "Configuration"), ("PayloadVersion", 1), ("PayloadIdentifier", id),
            ("PayloadUUID", StableGuid("profile:" + address).ToString().ToUpperInvariant()),
            ("PayloadDisplayName", $"{mail.ShortName} ({address})"), ("PayloadDescription", mail.DisplayName),
            ("PayloadContent", new XElement("array", payload)));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XDocumentType("plist", "-//Apple//DTD PLIST 1.0//EN", "http://www.apple.com/DTDs/PropertyList-1.0.dtd", null),
            new XElement("plist", new XAttribute("version", "1.0"), profile));
    }

    private static XElement Dict(params (string Key, object Value)[] entries)
    {
        var dict = new XElement("dict");
        foreach (var (key, value) in entries)
        {
            dict.Add(new XElement("key", key));
            dict.Add(value switch
            {
                bool b => new XElement(b ? "true" : "false"),
                int i => new XElement("integer", i),
                XElement e => e,
                _ => new XElement("string", value.ToString()),
            });
        }
        return dict;
    }
}
