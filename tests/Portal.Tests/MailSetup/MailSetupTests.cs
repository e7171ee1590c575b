using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Portal.MailSetup;
using Portal.Tests.Support;

namespace Portal.Tests.MailSetup;

/// <summary>Autoconfig, Autodiscover, the Apple profile and the guides, read back the way mail programs and customers read them.</summary>
public sealed class MailSetupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> Ours = new()
    {
        ["Mail:Domains:0"] = "saiin.example.jp",
        ["Mail:Domains:1"] = "mail-2.example.jp",
        ["Mail:DisplayName"] = "Saiin Mail <&>",
        ["Mail:Submission:0:Host"] = "smtp.saiin.example.jp", ["Mail:Submission:0:Port"] = "587", ["Mail:Submission:0:Security"] = "starttls",
        ["Mail:Submission:1:Host"] = "smtp.saiin.example.jp", ["Mail:Submission:1:Port"] = "465", ["Mail:Submission:1:Security"] = "tls",
        ["Mail:Incoming:0:Protocol"] = "pop3", ["Mail:Incoming:0:Host"] = "pop.saiin.example.jp", ["Mail:Incoming:0:Port"] = "995", ["Mail:Incoming:0:Security"] = "tls",
        ["Mail:Incoming:1:Protocol"] = "imap", ["Mail:Incoming:1:Host"] = "imap.saiin.example.jp", ["Mail:Incoming:1:Port"] = "993", ["Mail:Incoming:1:Security"] = "tls",
    };

    private static PortalFactory Portal(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(Ours);
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        return new PortalFactory(settings: settings);
    }

    [Theory]
    [InlineData("/.well-known/autoconfig/mail/config-v1.1.xml")]
    [InlineData("/mail/config-v1.1.xml")]
    public async Task Autoconfig_Describes_The_Provider_With_Ssl_Before_Starttls(string path)
    {
        await using var factory = Portal();
        using var response = await factory.CreatePlainClient().GetAsync($"{path}?emailaddress=taro%40saiin.example.jp", Ct);
        var doc = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var provider = doc.Root!.Element("emailProvider")!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        // Development without Site:PublicUrl: the documentation link follows the request, so no shared cache keeps it
        // (PublicLinksTests: public once Site:PublicUrl is set).
        Assert.Contains("private", response.Headers.CacheControl!.ToString());
        Assert.Equal(("clientConfig", "1.1"), (doc.Root.Name.LocalName, doc.Root.Attribute("version")!.Value));
        Assert.Equal("saiin.example.jp", provider.Attribute("id")!.Value);
        Assert.Equal(["saiin.example.jp", "mail-2.example.jp"], provider.Elements("domain").Select(d => d.Value));
        Assert.Equal("Saiin Mail <&>", provider.Element("displayName")!.Value);
        Assert.NotEmpty(provider.Element("displayShortName")!.Value);
        Assert.Equal(["pop3", "imap"], provider.Elements("incomingServer").Select(s => s.Attribute("type")!.Value));
        var outgoing = provider.Elements("outgoingServer").ToList();
        Assert.All(outgoing, s => Assert.Equal("smtp", s.Attribute("type")!.Value));
        Assert.Equal([("465", "SSL"), ("587", "STARTTLS")], outgoing.Select(s => (s.Element("port")!.Value, s.Element("socketType")!.Value)));
        Assert.All(outgoing, s => Assert.Equal(("%EMAILADDRESS%", "password-cleartext"), (s.Element("username")!.Value, s.Element("authentication")!.Value)));
        Assert.EndsWith("/setup", provider.Elements().Last().Attribute("url")!.Value);
        Assert.Equal("documentation", provider.Elements().Last().Name.LocalName);
    }

    [Fact]
    public async Task Autoconfig_Uses_The_Local_Part_When_Configured()
    {
        await using var factory = Portal(new() { ["Mail:Username"] = "localpart" });
        var doc = XDocument.Parse(await factory.CreatePlainClient().GetStringAsync("/mail/config-v1.1.xml?emailaddress=taro@saiin.example.jp", Ct));

        Assert.All(doc.Descendants("username"), u => Assert.Equal("%EMAILLOCALPART%", u.Value));
    }

    [Theory]
    [InlineData("taro@other.example.jp", HttpStatusCode.NotFound, "unknown-domain")]
    [InlineData("not-an-address", HttpStatusCode.BadRequest, "address-invalid")]
    [InlineData("@saiin.example.jp", HttpStatusCode.BadRequest, "address-invalid")]
    [InlineData("a\"<x>@saiin.example.jp", HttpStatusCode.BadRequest, "address-invalid")]
    public async Task Autoconfig_Refuses_Unknown_Domains_And_Malformed_Addresses(string address, HttpStatusCode status, string code)
    {
        await using var factory = Portal();
        using var response = await factory.CreatePlainClient().GetAsync("/mail/config-v1.1.xml?emailaddress=" + Uri.EscapeDataString(address), Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/.well-known/autoconfig/mail/config-v1.1.xml")]
    [InlineData("/mail/config-v1.1.xml")]
    [InlineData("/mail/config-v1.1.xml?emailaddress=")]
    public async Task Autoconfig_Without_An_Address_Is_Answered_And_Thunderbird_For_Android_Reads_It(string url)
    {
        await using var factory = Portal(new() { ["Mail:Incoming:1:Security"] = "starttls", ["Mail:Incoming:1:Port"] = "143" });
        using var response = await factory.CreatePlainClient().GetAsync(url, Ct);
        var xml = await response.Content.ReadAsStringAsync(Ct);

        // Android asks without the address and fills in the one the user typed (ProviderAutoconfigUrlProvider.kt).
        var settings = AndroidAutoconfigParser.Parse(xml, "taro@saiin.example.jp");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("taro", xml);
        // Android reads IMAP only: the POP3 entry is skipped, the IMAP one is taken with STARTTLS on 143.
        var imap = Assert.Single(settings.Incoming);
        Assert.Equal(("imap.saiin.example.jp", 143, AndroidAutoconfigParser.Security.StartTls, "taro@saiin.example.jp"), (imap.Host, imap.Port, imap.Security, imap.Username));
        Assert.Equal(["password-cleartext"], imap.Authentication);
        Assert.Equal([(465, AndroidAutoconfigParser.Security.Tls), (587, AndroidAutoconfigParser.Security.StartTls)], settings.Outgoing.Select(s => (s.Port, s.Security)));
        Assert.All(settings.Outgoing, s => Assert.Equal(("smtp.saiin.example.jp", "taro@saiin.example.jp"), (s.Host, s.Username)));
    }

    [Fact]
    public async Task Thunderbird_For_Android_Takes_The_Local_Part_When_Configured()
    {
        await using var factory = Portal(new() { ["Mail:Username"] = "localpart" });
        var xml = await factory.CreatePlainClient().GetStringAsync("/.well-known/autoconfig/mail/config-v1.1.xml", Ct);

        var settings = AndroidAutoconfigParser.Parse(xml, "taro@saiin.example.jp");

        Assert.All(settings.Incoming.Concat(settings.Outgoing), s => Assert.Equal("taro", s.Username));
    }

    [Theory]
    [InlineData("<clientConfig version=\"1.1\"><emailProvider id=\"saiin.example.jp\"><domain>saiin.example.jp</domain><incomingServer type=\"pop3\"><hostname>pop.example.jp</hostname><port>995</port><socketType>SSL</socketType><username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></incomingServer><outgoingServer type=\"smtp\"><hostname>smtp.example.jp</hostname><port>465</port><socketType>SSL</socketType><username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></outgoingServer></emailProvider></clientConfig>", "No supported 'incomingServer'")]
    [InlineData("<clientConfig version=\"1.1\"><emailProvider id=\"saiin.example.jp\"><domain>saiin.example.jp</domain><incomingServer type=\"imap\"><hostname>imap.example.jp</hostname><port>993</port><socketType>TLS</socketType><username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication></incomingServer></emailProvider></clientConfig>", "Unknown 'socketType' value: 'TLS'")]
    [InlineData("<clientConfig version=\"1.1\"><emailProvider><domain>saiin.example.jp</domain></emailProvider></clientConfig>", "Missing 'emailProvider.id'")]
    public void The_Ported_Android_Parser_Refuses_What_Android_Refuses(string xml, string error)
    {
        var e = Assert.Throws<AndroidAutoconfigParser.ParserException>(() => AndroidAutoconfigParser.Parse(xml, "taro@saiin.example.jp"));
        Assert.Contains(error, e.Message);
    }

    private static string Request(string email, string schema = MailClientConfig.ResponseSchema) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <Autodiscover xmlns="{MailClientConfig.RequestSchema}">
          <Request><EMailAddress>{email}</EMailAddress><AcceptableResponseSchema>{schema}</AcceptableResponseSchema></Request>
        </Autodiscover>
        """;

    private static async Task<(HttpStatusCode Status, XDocument Doc)> AutodiscoverAsync(PortalFactory factory, string body, string path = "/autodiscover/autodiscover.xml")
    {
        using var response = await factory.CreatePlainClient().PostAsync(path, new StringContent(body, Encoding.UTF8, "text/xml"), Ct);
        return (response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)));
    }

    [Theory]
    [InlineData("/autodiscover/autodiscover.xml", "pop3")]
    [InlineData("/Autodiscover/Autodiscover.xml", "imap")]
    public async Task Autodiscover_Answers_Pop_Or_Imap_Then_Smtp_With_The_Right_Encryption(string path, string first)
    {
        var settings = first == "imap"
            ? new Dictionary<string, string?> { ["Mail:Incoming:0:Protocol"] = "imap", ["Mail:Incoming:0:Port"] = "993", ["Mail:Incoming:1:Protocol"] = "pop3", ["Mail:Incoming:1:Port"] = "995" }
            : null;
        await using var factory = Portal(settings);
        var (status, doc) = await AutodiscoverAsync(factory, Request("taro@saiin.example.jp"), path);
        XNamespace envelope = MailClientConfig.EnvelopeSchema, r = MailClientConfig.ResponseSchema;
        var account = doc.Root!.Element(r + "Response")!.Element(r + "Account")!;
        var protocols = account.Elements(r + "Protocol").ToList();
        XElement Smtp(string port) => protocols.Single(p => p.Element(r + "Type")!.Value == "SMTP" && p.Element(r + "Port")!.Value == port);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(envelope + "Autodiscover", doc.Root.Name);
        Assert.Equal(("email", "settings"), (account.Element(r + "AccountType")!.Value, account.Element(r + "Action")!.Value));
        Assert.Equal([first.ToUpperInvariant(), first == "imap" ? "POP3" : "IMAP", "SMTP", "SMTP"], protocols.Select(p => p.Element(r + "Type")!.Value));
        Assert.All(protocols, p => Assert.Equal(("taro@saiin.example.jp", "off"), (p.Element(r + "LoginName")!.Value, p.Element(r + "SPA")!.Value)));
        Assert.Equal("465", protocols[2].Element(r + "Port")!.Value);   // TLS from the first byte first
        Assert.Equal(("on", "SSL", "on"), (Smtp("465").Element(r + "SSL")!.Value, Smtp("465").Element(r + "Encryption")!.Value, Smtp("465").Element(r + "AuthRequired")!.Value));
        Assert.Equal("off", Smtp("587").Element(r + "SSL")!.Value);
        Assert.Equal(("TLS", "on"), (Smtp("587").Element(r + "Encryption")!.Value, Smtp("587").Element(r + "AuthRequired")!.Value));
        Assert.Equal("smtp.saiin.example.jp", Smtp("587").Element(r + "Server")!.Value);
    }

    [Fact]
    public async Task Exchangelib_Reads_Every_Entry_As_We_Mean_It_And_No_587_As_Tls_On_Connect()
    {
        // A STARTTLS incoming server too, so that more than SMTP is read both ways.
        await using var factory = Portal(new() { ["Mail:Incoming:1:Security"] = "starttls", ["Mail:Incoming:1:Port"] = "143" });
        using var response = await factory.CreatePlainClient().PostAsync("/autodiscover/autodiscover.xml",
            new StringContent(Request("taro@saiin.example.jp"), Encoding.UTF8, "text/xml"), Ct);
        var body = await response.Content.ReadAsByteArrayAsync(Ct);

        var read = await ExternalTools.ExchangelibAsync(body, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
        [
            ("POP3", 995, true), ("IMAP", 143, false), ("SMTP", 465, true), ("SMTP", 587, false),
        ], read.Select(p => (p.Type, p.Port, p.Ssl)));
        Assert.All(read, p => Assert.Equal(("taro@saiin.example.jp", true), (p.LoginName, p.AuthRequired)));
    }

    [Fact]
    public async Task Autodiscover_Refuses_An_External_Entity()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"xxe-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(secret, "TOP-SECRET", Ct);
        await using var factory = Portal();
        var body = $"""
            <?xml version="1.0"?>
            <!DOCTYPE a [ <!ENTITY x SYSTEM "file://{secret}"> ]>
            <Autodiscover xmlns="{MailClientConfig.RequestSchema}"><Request><EMailAddress>&x;@saiin.example.jp</EMailAddress>
            <AcceptableResponseSchema>{MailClientConfig.ResponseSchema}</AcceptableResponseSchema></Request></Autodiscover>
            """;

        var (status, doc) = await AutodiscoverAsync(factory, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("600", doc.Descendants().Single(e => e.Name.LocalName == "ErrorCode").Value);
        Assert.DoesNotContain("TOP-SECRET", doc.ToString());
    }

    [Fact]
    public async Task Autodiscover_Refuses_Entity_Expansion()
    {
        await using var factory = Portal();
        var body = $"""
            <?xml version="1.0"?>
            <!DOCTYPE a [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"> ]>
            <Autodiscover xmlns="{MailClientConfig.RequestSchema}"><Request><EMailAddress>&c;@saiin.example.jp</EMailAddress>
            <AcceptableResponseSchema>{MailClientConfig.ResponseSchema}</AcceptableResponseSchema></Request></Autodiscover>
            """;

        var (status, doc) = await AutodiscoverAsync(factory, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("DTDs are not accepted", doc.ToString());
    }

    [Theory]
    [InlineData("taro@other.example.jp", null, HttpStatusCode.NotFound, "600")]
    [InlineData("taro@saiin.example.jp", "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006", HttpStatusCode.OK, "601")]
    [InlineData("<broken", null, HttpStatusCode.BadRequest, "600")]
    [InlineData("not an address", null, HttpStatusCode.BadRequest, "600")]
    public async Task Autodiscover_Errors_Use_Its_Own_Error_Response(string email, string? schema, HttpStatusCode status, string code)
    {
        await using var factory = Portal();
        var body = email == "<broken" ? "<Autodiscover><Request>" : Request(SecurityElement(email), schema ?? MailClientConfig.ResponseSchema);

        var (got, doc) = await AutodiscoverAsync(factory, body);

        Assert.Equal(status, got);
        Assert.Equal(MailClientConfig.EnvelopeSchema, doc.Root!.Name.NamespaceName);
        Assert.Equal(code, doc.Descendants().Single(e => e.Name.LocalName == "ErrorCode").Value);
    }

    private static string SecurityElement(string text) => System.Security.SecurityElement.Escape(text);

    [Fact]
    public async Task Autodiscover_Refuses_A_Body_Over_16_KB()
    {
        await using var factory = Portal();
        var (status, doc) = await AutodiscoverAsync(factory, Request("taro@saiin.example.jp") + "<!--" + new string('x', 17_000) + "-->");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("16 KB", doc.ToString());
    }

    private static XElement? Value(XElement dict, string key) =>
        dict.Elements("key").FirstOrDefault(k => k.Value == key)?.ElementsAfterSelf().First();

    [Fact]
    public async Task The_Apple_Profile_Sets_Every_Key_Without_A_Password_And_Keeps_Its_Identifiers()
    {
        await using var factory = Portal();
        var client = factory.CreatePlainClient();
        using var response = await client.GetAsync("/setup/apple.mobileconfig?email=taro%40saiin.example.jp", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var again = await client.GetStringAsync("/setup/apple.mobileconfig?email=taro%40saiin.example.jp", Ct);
        var other = await client.GetStringAsync("/setup/apple.mobileconfig?email=hanako%40saiin.example.jp", Ct);
        var plist = XDocument.Load(XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
        var profile = plist.Root!.Element("dict")!;
        var mail = Value(profile, "PayloadContent")!.Element("dict")!;
        string S(XElement d, string key) => Value(d, key)!.Value;

        Assert.Equal("application/x-apple-aspen-config", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("Configuration", S(profile, "PayloadType"));
        Assert.Equal("com.apple.mail.managed", S(mail, "PayloadType"));
        Assert.Equal("EmailTypePOP", S(mail, "EmailAccountType"));
        Assert.Equal("taro@saiin.example.jp", S(mail, "EmailAddress"));
        Assert.Equal("Saiin Mail <&>", S(mail, "EmailAccountDescription"));
        Assert.Equal(("pop.saiin.example.jp", "995", "true", "taro@saiin.example.jp", "EmailAuthPassword"),
            (S(mail, "IncomingMailServerHostName"), S(mail, "IncomingMailServerPortNumber"), Value(mail, "IncomingMailServerUseSSL")!.Name.LocalName,
             S(mail, "IncomingMailServerUsername"), S(mail, "IncomingMailServerAuthentication")));
        Assert.Equal(("smtp.saiin.example.jp", "465", "true", "taro@saiin.example.jp", "EmailAuthPassword", "true"),
            (S(mail, "OutgoingMailServerHostName"), S(mail, "OutgoingMailServerPortNumber"), Value(mail, "OutgoingMailServerUseSSL")!.Name.LocalName,
             S(mail, "OutgoingMailServerUsername"), S(mail, "OutgoingMailServerAuthentication"), Value(mail, "OutgoingPasswordSameAsIncomingPassword")!.Name.LocalName));
        Assert.DoesNotContain(mail.Elements("key"), k => k.Value.Contains("Password", StringComparison.Ordinal) && !k.Value.EndsWith("Authentication", StringComparison.Ordinal) && k.Value != "OutgoingPasswordSameAsIncomingPassword");
        Assert.Equal(text, again);   // same address, same identifiers
        Assert.NotEqual(S(profile, "PayloadUUID"), Value(XDocument.Load(XmlReader.Create(new StringReader(other), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore })).Root!.Element("dict")!, "PayloadUUID")!.Value);
        Assert.Matches("^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$", S(profile, "PayloadUUID"));
    }

    /// <summary>Mail:ProfileSigning with a fresh self-signed certificate for CN=profiles.saiin.example.jp.</summary>
    private static async Task<Dictionary<string, string?>> SigningSettingsAsync()
    {
        var folder = Directory.CreateTempSubdirectory("profile-signing-").FullName;
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=profiles.saiin.example.jp", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await File.WriteAllTextAsync(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem(), Ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem(), Ct);
        return new() { ["Mail:ProfileSigning:CertificatePath"] = Path.Combine(folder, "cert.pem"), ["Mail:ProfileSigning:KeyPath"] = Path.Combine(folder, "key.pem") };
    }

    [Theory]
    [InlineData("/setup/iphone", false, "署名されていないため、インストール画面に「未検証」と表示されます")]
    [InlineData("/setup/mac", false, "署名されていないため、インストール画面に「未検証」と表示されます")]
    [InlineData("/en/setup/iphone", false, "The profile is not signed, so the installer shows it as &quot;Unverified&quot;")]
    [InlineData("/en/setup/mac", false, "The profile is not signed, so the installer shows it as &quot;Unverified&quot;")]
    [InlineData("/setup/iphone", true, "プロファイルは profiles.saiin.example.jp の証明書で署名されています。")]
    [InlineData("/setup/mac", true, "端末がその証明書を信頼していれば「検証済み」と表示されます")]
    [InlineData("/en/setup/iphone", true, "The profile is signed with the certificate of profiles.saiin.example.jp")]
    [InlineData("/en/setup/mac", true, "and &quot;Verified&quot; when your device trusts that certificate")]
    public async Task The_Apple_Guides_Say_What_The_Installer_Shows_For_Our_Profile(string path, bool signed, string says)
    {
        await using var factory = Portal(signed ? await SigningSettingsAsync() : null);

        var page = await factory.CreatePlainClient().GetStringAsync(path, Ct);

        Assert.Contains(says, page);
        if (signed) Assert.DoesNotContain("署名されていない", page);
        if (signed) Assert.DoesNotContain("is not signed", page);
        if (!signed) Assert.DoesNotContain("検証済み", page);
    }

    [Fact]
    public async Task With_A_Signing_Certificate_The_Profile_Is_Signed_With_Cms()
    {
        await using var factory = Portal(await SigningSettingsAsync());

        var bytes = await factory.CreatePlainClient().GetByteArrayAsync("/setup/apple.mobileconfig?email=taro%40saiin.example.jp", Ct);
        var cms = new System.Security.Cryptography.Pkcs.SignedCms();
        cms.Decode(bytes);
        cms.CheckSignature(verifySignatureOnly: true);

        Assert.Equal("CN=profiles.saiin.example.jp", cms.SignerInfos[0].Certificate!.Subject);
        Assert.Contains("com.apple.mail.managed", Encoding.UTF8.GetString(cms.ContentInfo.Content));
    }

    [Theory]
    [InlineData("taro@other.example.jp", HttpStatusCode.NotFound)]
    [InlineData("<script>@saiin.example.jp", HttpStatusCode.BadRequest)]
    public async Task The_Apple_Profile_Refuses_Unknown_Domains_And_Hostile_Addresses(string email, HttpStatusCode status)
    {
        await using var factory = Portal();
        using var response = await factory.CreatePlainClient().GetAsync("/setup/apple.mobileconfig?email=" + Uri.EscapeDataString(email), Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public void A_Hostile_Value_From_Configuration_Is_Escaped_In_Every_Document()
    {
        var mail = new MailOptions { DisplayName = "</displayName><evil/>", ShortName = "]]>&" };
        var address = new MailAddress("taro", "saiin.example.jp");

        foreach (var doc in new[] { MailClientConfig.Autoconfig(mail, "https://x/setup"), MailClientConfig.AutodiscoverResponse(mail, address), MailClientConfig.AppleProfile(mail, address) })
        {
            var text = Encoding.UTF8.GetString(MailSetupFeature.Encode(doc));
            Assert.DoesNotContain("<evil/>", text);
            var parsed = XDocument.Load(XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
            Assert.Empty(parsed.Descendants("evil"));
        }
    }

    [Fact]
    public async Task The_Setup_Endpoints_Are_Rate_Limited_Per_Client()
    {
        await using var factory = Portal();
        var client = factory.CreatePlainClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 61; i++)
            statuses.Add((await client.GetAsync("/mail/config-v1.1.xml?emailaddress=taro@saiin.example.jp", Ct)).StatusCode);

        Assert.All(statuses.Take(60), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[60]);
    }

    [Theory]
    [InlineData("/setup/outlook", "smtp.saiin.example.jp", "使用する暗号化接続の種類")]
    [InlineData("/setup/thunderbird", "465", "接続の保護")]
    [InlineData("/setup/iphone", "SSLを使用", "apple.mobileconfig")]
    [InlineData("/setup/mac", "TLS/SSLを使用", "apple.mobileconfig")]
    [InlineData("/setup/android", "セキュリティの種類", "imap.saiin.example.jp")]
    [InlineData("/en/setup/outlook", "Use the following type of encrypted connection", "smtp.saiin.example.jp")]
    [InlineData("/en/setup/thunderbird", "Connection security", "Normal password")]
    [InlineData("/en/setup/iphone", "Use SSL", "Unverified")]
    [InlineData("/en/setup/mac", "Automatically manage connection settings", "Use TLS/SSL")]
    [InlineData("/en/setup/android", "Security type", "Require signin")]
    public async Task Each_Guide_Names_The_Fields_And_Shows_Our_Values(string path, string field, string more)
    {
        await using var factory = Portal();
        var html = await factory.CreatePlainClient().GetStringAsync(path, Ct);

        Assert.Contains(field, html);
        Assert.Contains(more, html);
        Assert.Contains("smtp.saiin.example.jp", html);
        Assert.DoesNotContain("{{", html);
        Assert.DoesNotContain("mail.saiin.example.jp", html);   // the default host is replaced by the configured one
        Assert.Matches("<img [^>]*src=\"/img/setup/[a-z]+\\.(ja|en)\\.svg\"", html);
    }

    [Fact]
    public async Task A_Configured_Name_Reaches_A_Guide_As_Plain_Text()
    {
        await using var factory = Portal(new() { ["Mail:DisplayName"] = "<b>Saiin</b> *Mail* & [x](http://evil.example)" });
        var html = await factory.CreatePlainClient().GetStringAsync("/en/setup/iphone", Ct);

        Assert.Contains("&lt;b&gt;Saiin&lt;/b&gt; *Mail* &amp; [x](http://evil.example)", html);
        Assert.DoesNotContain("<b>Saiin</b>", html);
        Assert.DoesNotContain("href=\"http://evil.example\"", html);
    }

    [Fact]
    public async Task The_Setup_Page_Lists_The_Five_Guides_And_Our_Values()
    {
        await using var factory = Portal();
        var client = factory.CreatePlainClient();
        var ja = await client.GetStringAsync("/setup", Ct);
        var en = await client.GetStringAsync("/en/setup", Ct);

        foreach (var program in new[] { "outlook", "thunderbird", "iphone", "mac", "android" })
        {
            Assert.Contains($"href=\"/setup/{program}\"", ja);
            Assert.Contains($"href=\"/en/setup/{program}\"", en);
        }
        Assert.Contains("pop.saiin.example.jp", ja);
        Assert.Contains("465", en);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup/no-such-program", Ct)).StatusCode);
    }

    [Fact]
    public async Task Search_Finds_A_Guide_By_A_Field_Name()
    {
        await using var factory = Portal();
        var html = await factory.CreatePlainClient().GetStringAsync("/search?q=" + Uri.EscapeDataString("接続の保護"), Ct);

        Assert.Contains("href=\"/setup/thunderbird\"", html);
    }

    [Theory]
    [InlineData("Mail:Domains:0", "not a domain", "Mail:Domains")]
    [InlineData("Mail:Submission:0:Security", "ssl", "Mail:Submission:0:Security")]
    [InlineData("Mail:Submission:0:Port", "0", "Mail:Submission:0:Port")]
    [InlineData("Mail:Incoming:0:Protocol", "exchange", "Mail:Incoming:0:Protocol")]
    [InlineData("Mail:Username", "upn", "Mail:Username")]
    [InlineData("Mail:ProfileSigning:CertificatePath", "/etc/ssl/x.pem", "Mail:ProfileSigning")]
    public void An_Invalid_Mail_Setting_Stops_The_Start_Naming_The_Key(string key, string value, string named)
    {
        using var factory = new PortalFactory(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(named, error.ToString());
    }

    [Fact]
    public void Without_Configuration_The_Fictional_Defaults_Hold()
    {
        using var factory = new PortalFactory();
        var mail = factory.Services.GetRequiredService<MailOptions>();

        Assert.Equal(["saiin.example.jp"], mail.Domains);
        Assert.Equal([(465, "tls"), (587, "starttls")], mail.Submission.Select(s => (s.Port, s.Security)));
        Assert.Equal("email", mail.Username);
    }
}

/// <summary>The DNS records operators publish, on the staff page and as generated, loaded by a real zone-file parser.</summary>
public sealed class MailDnsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_Records_Cover_Submission_Incoming_And_The_Portal_Names_With_Our_Preference()
    {
        var records = MailDns.Records(new MailOptions(), "support.saiin.example.jp").Select(r => r.ToString()).ToList();

        Assert.Equal(
        [
            "_submissions._tcp.saiin.example.jp. 3600 IN SRV 0 1 465 mail.saiin.example.jp.",
            "_submission._tcp.saiin.example.jp. 3600 IN SRV 10 1 587 mail.saiin.example.jp.",
            "_imaps._tcp.saiin.example.jp. 3600 IN SRV 0 1 993 mail.saiin.example.jp.",
            "_pop3s._tcp.saiin.example.jp. 3600 IN SRV 10 1 995 mail.saiin.example.jp.",
            "autoconfig.saiin.example.jp. 3600 IN CNAME support.saiin.example.jp.",
            "autodiscover.saiin.example.jp. 3600 IN CNAME support.saiin.example.jp.",
        ], records);
    }

    [Fact]
    public async Task Dnspython_Loads_Each_Domains_Records_As_A_Zone_With_Tls_First_And_Imap_Before_Pop3()
    {
        // POP3 listed first and a STARTTLS IMAP too: the priorities follow preference, not the order of the settings.
        var mail = new MailOptions
        {
            Domains = ["saiin.example.jp", "mail-2.example.jp"],
            Incoming =
            [
                new() { Protocol = "pop3", Host = "pop.saiin.example.jp", Port = 995, Security = "tls" },
                new() { Protocol = "imap", Host = "imap.saiin.example.jp", Port = 143, Security = "starttls" },
                new() { Protocol = "imap", Host = "imap.saiin.example.jp", Port = 993, Security = "tls" },
            ],
        };
        var records = MailDns.Records(mail, "support.saiin.example.jp");

        foreach (var domain in mail.Domains)
        {
            var zone = string.Join("\n", records.Where(r => r.Name.EndsWith("." + domain + ".", StringComparison.Ordinal)).Select(r => r.ToString()));
            var read = await ExternalTools.ZoneAsync(domain, zone, Ct);
            int Priority(string name) => Assert.Single(read, r => r.Name == $"{name}._tcp.{domain}.").Priority;

            Assert.Equal(7, read.Count);   // 2 submission, 3 incoming, 2 CNAME
            Assert.True(Priority("_submissions") < Priority("_submission"), "465 before 587");
            Assert.True(Priority("_imaps") < Priority("_imap"), "IMAP with TLS before IMAP with STARTTLS");
            Assert.True(Priority("_imap") < Priority("_pop3s"), "IMAP before POP3");
            Assert.Equal(("CNAME", "support.saiin.example.jp."), Assert.Single(read, r => r.Name == $"autoconfig.{domain}.") is var c ? (c.Type, c.Target) : default);
            Assert.All(read.Where(r => r.Type == "SRV"), r => Assert.EndsWith(".saiin.example.jp.", r.Target));
        }
    }

    [Fact]
    public async Task Staff_See_The_Records_With_The_Public_Address_And_Never_The_Browsers_Host()
    {
        await using var configured = new PortalFactory(settings: new Dictionary<string, string?> { ["Site:PublicUrl"] = "https://support.saiin.example.jp" });
        await using var plain = new PortalFactory();
        var pages = new List<string>();
        foreach (var factory in new[] { configured, plain })
        {
            await factory.Services.GetRequiredService<Portal.Staff.StaffStore>().AddAsync("sato", "editor", "a long enough password", Ct);
            var staff = Portal.Tests.Staff.StaffClient.For(factory);
            Assert.Equal(HttpStatusCode.Redirect, (await factory.CreatePlainClient().GetAsync("/staff/mail-dns", Ct)).StatusCode);
            await staff.LogInAsync("sato", "a long enough password");
            pages.Add(await staff.Http.GetStringAsync("/staff/mail-dns", Ct));
        }

        Assert.Contains("_submissions._tcp.saiin.example.jp. 3600 IN SRV 0 1 465 mail.saiin.example.jp.", pages[0]);
        Assert.Contains("autodiscover.saiin.example.jp. 3600 IN CNAME support.saiin.example.jp.", pages[0]);
        // Without Site:PublicUrl: no CNAME at all (the test client's host is "localhost"), and the page says why.
        Assert.Contains("_submission._tcp.saiin.example.jp. 3600 IN SRV 10 1 587", pages[1]);
        Assert.DoesNotContain(" IN CNAME ", pages[1]);
        Assert.Contains("Site:PublicUrl が設定されていないため", pages[1]);
    }
}
