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

/// <summary>Absolute links: from Site:PublicUrl, else from the current request (Development, tests).</summary>
public sealed class PublicLinks(PublicUrlOptions options, IHttpContextAccessor accessor)
{
    public string Absolute(string path) =>
        Absolute(path, accessor.HttpContext?.Request is { } r ? $"{r.Scheme}://{r.Host}{r.PathBase}" : "http://localhost");

    /// <summary>As <see cref="Absolute(string)"/>, where there is no request (a Blazor circuit): the page's own base stands in.</summary>
    public string Absolute(string path, string pageBase) =>
        (options.PublicUrl.Length > 0 ? options.PublicUrl : pageBase).TrimEnd('/') + path;
}
