using System.Collections.Frozen;
using Portal.Site;

namespace Portal.Content;

/// <summary>Everything loaded from content/ at one moment; replaced whole when a file changes.</summary>
public sealed class ContentSnapshot
{
    private readonly FrozenDictionary<(Lang, string), ContentDocument> _pages;
    private readonly FrozenDictionary<(Lang, string), ContentDocument> _questions;

    public ContentSnapshot(IEnumerable<ContentDocument> documents, string version)
    {
        var all = documents.ToList();
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
}
