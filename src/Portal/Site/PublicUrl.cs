namespace Portal.Site;

/// <summary>
/// The address customers reach the portal at (Site:PublicUrl, e.g. https://support.saiin.example.jp): the base of
/// every link that leaves the site (result permalinks, reply e-mails). Required in Production, where the request's
/// own host may be a proxy's; elsewhere the request's base stands in.
/// </summary>
public sealed class PublicUrlOptions
{
    public const string Section = "Site";

    public string PublicUrl { get; set; } = "";

    public IEnumerable<string> Problems(bool production)
    {
        if (PublicUrl.Length == 0)
        {
            if (production) yield return "Site:PublicUrl is required in Production: the address customers use, such as https://support.saiin.example.jp";
            yield break;
        }
        if (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            yield return $"Site:PublicUrl must be an http(s) address such as https://support.saiin.example.jp, not '{PublicUrl}'";
    }
}

/// <summary>
/// Absolute links: from Site:PublicUrl, else from the current request (Development, tests). Never the request's Host
/// when Site:PublicUrl is set: the Host header is the client's to write, and a link built from it can be cached,
/// mailed or put into DNS.
/// </summary>
public sealed class PublicLinks(PublicUrlOptions options, IHttpContextAccessor accessor)
{
    /// <summary>True when links come from Site:PublicUrl; false when they follow the request (no public address set).</summary>
    public bool Configured => options.PublicUrl.Length > 0;

    /// <summary>The site's base address without a trailing slash ("https://support.saiin.example.jp").</summary>
    public string Base => Absolute("");

    /// <summary>The host name customers reach the portal at: Site:PublicUrl's, else <paramref name="requestHost"/>.</summary>
    public string HostName(string requestHost) => ConfiguredHost ?? requestHost;

    /// <summary>The host of Site:PublicUrl, or null when none is set.</summary>
    public string? ConfiguredHost => Configured ? new Uri(options.PublicUrl).Host : null;

    public string Absolute(string path) =>
        Absolute(path, accessor.HttpContext?.Request is { } r ? $"{r.Scheme}://{r.Host}{r.PathBase}" : "http://localhost");

    /// <summary>As <see cref="Absolute(string)"/>, where there is no request (a Blazor circuit): the page's own base stands in.</summary>
    public string Absolute(string path, string pageBase) =>
        (options.PublicUrl.Length > 0 ? options.PublicUrl : pageBase).TrimEnd('/') + path;
}
