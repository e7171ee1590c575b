using System.Text.RegularExpressions;
using System.Xml;

namespace Portal.Tests.MailSetup;

/// <summary>
/// Thunderbird for Android's reading of an autoconfig document, ported rule for rule from thunderbird/thunderbird-android
/// at a59bd679859d369c9a39be147e536b825ffd0a6b:
/// feature/autodiscovery/autoconfig/src/main/kotlin/app/k9mail/autodiscovery/autoconfig/RealAutoconfigParser.kt
/// (ClientConfigParser) and core/common/src/commonMain/kotlin/net/thunderbird/core/common/net/HostNameUtils.kt
/// (isLegalHostName; the IP-address branch is left out, we never serve an address). Android reads only
/// <c>incomingServer type="imap"</c> and <c>outgoingServer type="smtp"</c>, skipping the rest; it needs an
/// <c>emailProvider id</c> that is a host name, one valid <c>domain</c>, and for each server a host name, a port
/// 0–65535, a username, a known authentication and a socketType of SSL or STARTTLS. It replaces %EMAILDOMAIN%,
/// %EMAILLOCALPART% and %EMAILADDRESS% with the address the user typed.
/// </summary>
public static partial class AndroidAutoconfigParser
{
    public enum Security { Tls, StartTls }

    public sealed record Server(string Host, int Port, Security Security, IReadOnlyList<string> Authentication, string Username);

    public sealed record Settings(IReadOnlyList<Server> Incoming, IReadOnlyList<Server> Outgoing);

    public sealed class ParserException(string message) : Exception(message);

    // HostNameUtils: LDH_LABEL and HOST_PATTERN, ignoring case, at most 255 characters.
    [GeneratedRegex(@"^(([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex HostPattern();

    private static bool IsValidHostname(string text) => text.Trim() is { Length: <= 255 } h && HostPattern().IsMatch(h);

    public static Settings Parse(string xml, string email)
    {
        var at = email.LastIndexOf('@');
        var (localPart, domain) = (email[..at], email[(at + 1)..].ToLowerInvariant());
        string Replace(string s) => s.Replace("%EMAILDOMAIN%", domain).Replace("%EMAILLOCALPART%", localPart).Replace("%EMAILADDRESS%", email);

        // XmlPullParser without namespaces or DTD processing: element names as written.
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreWhitespace = true });
        try
        {
            reader.MoveToContent();
            if (reader.Name != "clientConfig") throw new ParserException("Missing 'clientConfig' element");
            var root = System.Xml.Linq.XElement.Load(reader);
            var provider = root.Elements().FirstOrDefault(e => e.Name.LocalName == "emailProvider") ?? throw new ParserException("Missing 'emailProvider' element");
            var id = provider.Attribute("id")?.Value ?? throw new ParserException("Missing 'emailProvider.id' attribute");
            if (!IsValidHostname(id)) throw new ParserException("Invalid 'emailProvider.id' attribute");

            var domainFound = false;
            List<Server> incoming = [], outgoing = [];
            foreach (var e in provider.Elements())
            {
                switch (e.Name.LocalName)
                {
                    case "domain":
                        domainFound |= IsValidHostname(Replace(Text(e)));
                        break;
                    case "incomingServer" when e.Attribute("type")?.Value == "imap":
                        incoming.Add(ReadServer(e, Replace));
                        break;
                    case "outgoingServer" when e.Attribute("type")?.Value == "smtp":
                        outgoing.Add(ReadServer(e, Replace));
                        break;
                }
            }
            if (!domainFound) throw new ParserException("Valid 'domain' element required");
            if (incoming.Count == 0) throw new ParserException("No supported 'incomingServer' element found");
            if (outgoing.Count == 0) throw new ParserException("No supported 'outgoingServer' element found");
            return new Settings(incoming, outgoing);
        }
        catch (XmlException e) { throw new ParserException("Error parsing Autoconfig XML: " + e.Message); }
    }

    private static Server ReadServer(System.Xml.Linq.XElement server, Func<string, string> replace)
    {
        string? host = null, username = null;
        int? port = null;
        Security? security = null;
        List<string> authentication = [];
        foreach (var e in server.Elements())
        {
            switch (e.Name.LocalName)
            {
                case "hostname":
                    var h = replace(Text(e));
                    host = IsValidHostname(h) ? h : throw new ParserException($"Invalid 'hostname' value: '{Text(e)}'");
                    break;
                case "port":
                    port = int.TryParse(Text(e), out var p) && p is >= 0 and <= 65535 ? p : throw new ParserException($"Invalid 'port' value: '{Text(e)}'");
                    break;
                case "username":
                    username = replace(Text(e));
                    break;
                case "authentication":
                    if (Text(e) is "OAuth2" or "password-cleartext" or "password-encrypted") authentication.Add(Text(e));
                    break;
                case "socketType":
                    security = Text(e) switch
                    {
                        "SSL" => Security.Tls,
                        "STARTTLS" => Security.StartTls,
                        var other => throw new ParserException($"Unknown 'socketType' value: '{other}'"),
                    };
                    break;
            }
        }
        return new Server(
            host ?? throw new ParserException("Missing 'hostname' element"),
            port ?? throw new ParserException("Missing 'port' element"),
            security ?? throw new ParserException("Missing 'socketType' element"),
            authentication.Count > 0 ? authentication : throw new ParserException("No usable 'authentication' element found"),
            username ?? throw new ParserException("Missing 'username' element"));
    }

    // readText(): only text inside; a child element is an error.
    private static string Text(System.Xml.Linq.XElement e) =>
        e.HasElements ? throw new ParserException($"Expected text, but got START_TAG in '{e.Name.LocalName}'") : e.Value;
}
