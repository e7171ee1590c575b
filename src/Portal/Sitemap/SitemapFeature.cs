using System.Text;
using System.Xml;
using System.Xml.Linq;
using Portal.Content;
using Portal.Providers;
using Portal.Site;

namespace Portal.Sitemap;

/// <summary>
/// /robots.txt and /sitemap.xml: what search engines may crawl, and every reading page in both languages.
/// robots.txt follows RFC 9309 (groups of user-agent and allow/disallow lines, longest match wins; "Sitemap:" is the
/// sitemaps.org extension). The sitemap follows the sitemaps.org 0.9 protocol with hreflang alternates as
/// &lt;xhtml:link rel="alternate"&gt; (Google's "Tell Google about localized versions", sitemap method). Addresses are
/// absolute, from Site:PublicUrl when set (sitemaps.org: "fully-qualified URL").
/// </summary>
public static class SitemapFeature
{
    /// <summary>
    /// Never crawled: what is not a page for anyone but staff (sign-in, editing), the API and the profile download. Pages
    /// that must stay out of the index (kept results, a line test's code page, search results, not found) are left
    /// crawlable on purpose: they say noindex themselves, and a crawler kept out by robots.txt never reads that and may
    /// still list the bare address (Google Search Central, "Block search indexing with noindex": "the page must not be
    /// blocked by a robots.txt file"). Each entry is a prefix, as robots.txt matches (RFC 9309 §2.2.2).
    /// </summary>
    public static readonly string[] Disallowed = ["/staff", "/api/", "/setup/apple.mobileconfig"];

    public static IEndpointRouteBuilder MapSitemap(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/robots.txt", (HttpContext http, PublicLinks links) =>
        {
            http.Response.Headers.CacheControl = links.Configured ? "public, max-age=3600" : "private, max-age=3600";
            return Results.Text(Robots(links), "text/plain; charset=utf-8", Encoding.UTF8);
        }).ExcludeFromDescription();
        routes.MapGet("/sitemap.xml", async (HttpContext http, PublicLinks links, ContentStore content, ProviderStore providers, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = links.Configured ? "public, max-age=3600" : "private, max-age=3600";
            var pages = Pages(content.Current, await providers.ListAsync(cancellationToken: ct));
            return Results.Text(Document(pages, links), "application/xml; charset=utf-8", Encoding.UTF8);
        }).ExcludeFromDescription();
        return routes;
    }

    public static string Robots(PublicLinks links)
    {
        var text = new StringBuilder("User-agent: *\n");
        foreach (var path in Disallowed) text.Append("Disallow: ").Append(path).Append('\n');
        text.Append("Allow: /\n\nSitemap: ").Append(links.Absolute("/sitemap.xml")).Append('\n');
        return text.ToString();
    }

    /// <summary>One reading page: its Japanese path (the English one is /en + it) and when it last changed, if known.</summary>
    public sealed record Page(string Path, DateOnly? Updated);

    public static IReadOnlyList<Page> Pages(ContentSnapshot content, IEnumerable<Provider> providers)
    {
        DateOnly? Updated(string slug) => content.Page(Lang.Ja, slug)?.Updated;
        var pages = new List<Page>
        {
            new("/", Updated("home")), new("/qa", Updated("notice")), new("/explanation", Updated("explanation")),
            new("/setup", null), new("/providers", null), new("/tester", null), new("/line-test", null), new("/status", null),
        };
        pages.AddRange(content.Questions(Lang.Ja).Select(q => new Page("/qa/" + q.Slug, q.Updated)));
        pages.AddRange(content.Documents.Where(d => d.Lang == Lang.Ja && d.Kind == DocumentKind.Page && d.Slug.StartsWith("setup-", StringComparison.Ordinal))
            .OrderBy(d => d.Order).Select(d => new Page("/setup/" + d.Slug["setup-".Length..], d.Updated)));
        pages.AddRange(providers.Select(p => new Page($"/providers/{p.Id}",
            DateOnly.TryParse(p.UpdatedAt.Length >= 10 ? p.UpdatedAt[..10] : "", out var d) ? d : null)));
        return pages;
    }

    public static string Document(IEnumerable<Page> pages, PublicLinks links)
    {
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9", xhtml = "http://www.w3.org/1999/xhtml";
        var set = new XElement(sm + "urlset", new XAttribute(XNamespace.Xmlns + "xhtml", xhtml));
        foreach (var page in pages)
        {
            var (ja, en) = (links.Absolute(page.Path), links.Absolute(Lang.En.Url(page.Path)));
            foreach (var loc in new[] { ja, en })
            {
                var url = new XElement(sm + "url", new XElement(sm + "loc", loc));
                if (page.Updated is { } updated) url.Add(new XElement(sm + "lastmod", updated.ToString("yyyy-MM-dd")));
                url.Add(new XElement(xhtml + "link", new XAttribute("rel", "alternate"), new XAttribute("hreflang", "ja"), new XAttribute("href", ja)),
                    new XElement(xhtml + "link", new XAttribute("rel", "alternate"), new XAttribute("hreflang", "en"), new XAttribute("href", en)));
                set.Add(url);
            }
        }
        using var writer = new Utf8StringWriter();
        using (var xml = XmlWriter.Create(writer, new XmlWriterSettings { Indent = true }))
            new XDocument(new XDeclaration("1.0", "utf-8", null), set).Save(xml);
        return writer.ToString();
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
