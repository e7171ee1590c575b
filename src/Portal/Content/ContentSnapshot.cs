using System.Collections.Frozen;
using Portal.Site;

namespace Portal.Content;

/// <summary>Everything loaded from content/ at one moment; replaced whole when a file changes.</summary>
public sealed class ContentSnapshot
{
    private readonly FrozenDictionary<(Lang, string), ContentDocument> _pages;
    private readonly FrozenDictionary<(Lang, string), ContentDocument> _questions;

    private readonly IReadOnlyList<ContentTemplate> _templates;

    public ContentSnapshot(IEnumerable<ContentDocument> documents, string version, IEnumerable<ContentTemplate>? templates = null)
    {
        var all = documents.ToList();
        _templates = (templates ?? []).OrderBy(t => t.Order).ThenBy(t => t.Slug, StringComparer.Ordinal).ToList();
        _pages = all.Where(d => d.Kind == DocumentKind.Page).ToFrozenDictionary(d => (d.Lang, d.Slug));
        _questions = all.Where(d => d.Kind == DocumentKind.Question).ToFrozenDictionary(d => (d.Lang, d.Slug));
        Version = version;
        ETag = $"\"{version}-{BuildId}\"";
        Documents = all;
    }

    /// <summary>A short hash of every loaded file; part of each reading page's ETag.</summary>
    public string Version { get; }

    /// <summary>The ETag of every reading page rendered from this snapshot by this build.</summary>
    public string ETag { get; }

    private static readonly string BuildId =
        typeof(ContentSnapshot).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8];

    public IReadOnlyList<ContentDocument> Documents { get; }

    public ContentDocument? Page(Lang lang, string slug) => _pages.GetValueOrDefault((lang, slug));

    public ContentDocument? Question(Lang lang, string slug) => _questions.GetValueOrDefault((lang, slug));

    public IReadOnlyList<ContentDocument> Questions(Lang lang) =>
        _questions.Values.Where(q => q.Lang == lang).OrderBy(q => q.Order).ThenBy(q => q.Slug, StringComparer.Ordinal).ToList();

    /// <summary>The staff's e-mail templates (content/{lang}/replies/*.md) in their order: plain text, placeholders unfilled.</summary>
    public IReadOnlyList<ContentTemplate> Templates(Lang lang) => _templates.Where(t => t.Lang == lang).ToList();
}

/// <summary>A reply template as loaded: front matter (title, slug, order) and its plain-text body, with the file it came from.</summary>
public sealed record ContentTemplate(Lang Lang, string Slug, string Title, int Order, string Body, string SourceFile);
