using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Portal.Site;
using Portal.Content;

namespace Portal.MailSetup;

/// <summary>Mail-program setup: guides with our settings filled in, Thunderbird autoconfig, Outlook Autodiscover, Apple profile.</summary>
public static class MailSetupFeature
{
    public static IServiceCollection AddMailSetup(this IServiceCollection services)
    {
        services.BindSection<MailOptions>(MailOptions.Section).Check(o => o.Problems()).ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value);
        services.AddSingleton<MailSetupLimiter>();
        services.AddSingleton<ProfileSigner>();
        services.AddSingleton<IContentPlaceholders, MailPlaceholders>();
        return services;
    }

    public static IEndpointRouteBuilder MapMailSetup(this IEndpointRouteBuilder routes)
    {
        // Routing ignores case, so /Autodiscover/Autodiscover.xml (Outlook's spelling) lands here too.
        routes.MapGet("/.well-known/autoconfig/mail/config-v1.1.xml", Autoconfig).ExcludeFromDescription();
        routes.MapGet("/mail/config-v1.1.xml", Autoconfig).ExcludeFromDescription();
        routes.MapPost("/autodiscover/autodiscover.xml", AutodiscoverAsync).ExcludeFromDescription().DisableAntiforgery();
        routes.MapGet("/setup/apple.mobileconfig", AppleProfile).ExcludeFromDescription();
        return routes;
    }

    private static IResult Autoconfig(HttpContext http, MailOptions mail, MailSetupLimiter limiter, PublicLinks links, string? emailaddress)
    {
        if (limiter.Refuse(http) is { } limited) return limited;
        // The address is optional: Thunderbird for Android never sends it (thunderbird-android a59bd67,
        // feature/autodiscovery/service/.../RealAutoDiscoveryRegistry.kt: includeEmailAddress = false, read by
        // ProviderAutoconfigUrlProvider.kt), nor does desktop Thunderbird with
        // mailnews.auto_config.fetchFromISP.sendEmailAddress false. The document never contains the address anyway:
        // the client fills in %EMAILADDRESS% / %EMAILLOCALPART% itself. One that is sent must be ours.
        if (!string.IsNullOrWhiteSpace(emailaddress))
        {
            if (MailClientConfig.Parse(emailaddress) is not { } address)
                return Problem(400, "address-invalid", "emailaddress, when given, must be an e-mail address such as taro@saiin.example.jp");
            if (!mail.OwnsDomain(address.Domain))
                return Problem(404, "unknown-domain", $"This portal does not configure mail for {address.Domain}");
        }
        // Shared caches may keep it only when its documentation link is the configured address, not the request's Host.
        http.Response.Headers.CacheControl = links.Configured ? "public, max-age=3600" : "private, max-age=3600";
        return Xml(MailClientConfig.Autoconfig(mail, links.Absolute("/setup")), "application/xml");
    }

    private static async Task<IResult> AutodiscoverAsync(HttpContext http, MailOptions mail, MailSetupLimiter limiter, TimeProvider clock)
    {
        if (limiter.Refuse(http) is { } limited) return limited;
        http.Response.Headers.CacheControl = "private, max-age=3600";
        IResult Error(int status, int code, string message) =>
            Xml(MailClientConfig.AutodiscoverError(code, message, clock.GetUtcNow()), "application/xml", status);

        // At most 16 KB: read one byte more to tell "exactly 16 KB" from "too big".
        var buffer = new byte[MailClientConfig.MaxRequestBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted)) > 0) length += read;
        if (length > MailClientConfig.MaxRequestBytes) return Error(413, 600, "Invalid Request: the request is larger than 16 KB");

        string? email, schema;
        try { (email, schema) = MailClientConfig.ReadAutodiscoverRequest(buffer[..length]); }
        catch (XmlException) { return Error(400, 600, "Invalid Request: not a well-formed Outlook Autodiscover request (DTDs are not accepted)"); }
        if (schema != MailClientConfig.ResponseSchema) return Error(200, 601, "Provider is not available: only " + MailClientConfig.ResponseSchema + " is answered");
        if (MailClientConfig.Parse(email) is not { } address) return Error(400, 600, "Invalid Request: EMailAddress is not an e-mail address");
        if (!mail.OwnsDomain(address.Domain)) return Error(404, 600, "Invalid Request: this portal does not configure mail for that domain");
        return Xml(MailClientConfig.AutodiscoverResponse(mail, address), "application/xml");
    }

    private static IResult AppleProfile(HttpContext http, MailOptions mail, MailSetupLimiter limiter, ProfileSigner signer, string? email)
    {
        if (limiter.Refuse(http) is { } limited) return limited;
        if (MailClientConfig.Parse(email) is not { } address)
            return Problem(400, "address-invalid", "email must be an e-mail address such as taro@saiin.example.jp");
        if (!mail.OwnsDomain(address.Domain))
            return Problem(404, "unknown-domain", $"This portal does not configure mail for {address.Domain}");
        // Per address, so never kept by a shared cache.
        http.Response.Headers.CacheControl = "no-store";
        var bytes = signer.Sign(Encode(MailClientConfig.AppleProfile(mail, address)));
        return Results.File(bytes, "application/x-apple-aspen-config", $"{mail.Domains[0]}.mobileconfig");
    }

    public static byte[] Encode(XDocument doc)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true }))
            doc.Save(writer);
        return stream.ToArray();
    }

    private static IResult Xml(XDocument doc, string type, int status = 200) =>
        Results.Content(System.Text.Encoding.UTF8.GetString(Encode(doc)), type + "; charset=utf-8", System.Text.Encoding.UTF8, status);

    private static IResult Problem(int status, string code, string detail) =>
        ApiProblem.Of(status, code, "Mail setup", detail);
}
