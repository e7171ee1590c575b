using System.Security.Cryptography;
using System.Text;
using Portal.Site;

namespace Portal.Content;

/// <summary>Reads content/{ja,en}/**/*.md into a snapshot. A broken file is logged and left out; the rest still loads.</summary>
public sealed class ContentLoader(ILogger<ContentLoader> logger, IEnumerable<IContentPlaceholders>? placeholders = null)
{
    public const string RepliesFolder = "replies";

    private readonly IContentPlaceholders[] _placeholders = placeholders?.ToArray() ?? [];

    /// <summary>
    /// The text with every known {{name}} replaced by its value as plain text (Markdown punctuation and HTML
    /// escaped, so a configured name can neither format nor inject); unknown names are left for a test to catch.
    /// </summary>
    public string Fill(Lang lang, string text)
    {
        if (!text.Contains("{{", StringComparison.Ordinal)) return text;
        foreach (var source in _placeholders)
            foreach (var (name, value) in source.Values(lang))
                text = text.Replace("{{" + name + "}}", Plain(value), StringComparison.Ordinal);
        return text;
    }

    private static string Plain(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '&' or '|' or '#' or '!') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    public ContentSnapshot Load(string contentRoot)
    {
        var documents = new List<ContentDocument>();
        var templates = new List<ContentTemplate>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var lang in Enum.GetValues<Lang>())
        {
            var folder = Path.Combine(contentRoot, lang.Code());
            if (!Directory.Exists(folder))
            {
                logger.LogWarning("Content folder {Folder} is missing", folder);
                continue;
            }
            // replies/ holds the staff's e-mail templates (plain text with their own placeholders), not pages: loaded
            // with the rest (same reload, same version, same error reporting), but as templates.
            var all = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            bool IsTemplate(string f) => Path.GetRelativePath(folder, f).Replace('\\', '/').StartsWith(RepliesFolder + "/", StringComparison.Ordinal);
            foreach (var file in all.Where(IsTemplate))
                if (LoadTemplate(lang, contentRoot, file, hash) is { } template) templates.Add(template);
            var files = all.Where(f => !IsTemplate(f));
            var seen = new Dictionary<(DocumentKind, string), string>();
            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(contentRoot, file).Replace('\\', '/');
                string text;
                try
                {
                    text = Fill(lang, File.ReadAllText(file, Encoding.UTF8));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
                {
                    logger.LogError("Content file {File} could not be read and is left out: {Reason}", relative, e.Message);
                    continue;
                }
                hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0" + text + "\0"));

                ContentDocument document;
                try
                {
                    document = Parse(lang, relative, text);
                }
                catch (ContentFormatException e)
                {
                    logger.LogError("Content file {File} is left out: {Reason}", relative, e.Message);
                    continue;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Whatever one file does to the parsers (Markdig's depth limit, YAML, a regex timeout), the rest of
                    // the site keeps serving, and a later reload is not blocked by it.
                    logger.LogError("Content file {File} is left out: it could not be parsed ({Error}: {Reason})", relative, e.GetType().Name, LogText.Cut(e.Message));
                    continue;
                }
                if (seen.TryGetValue((document.Kind, document.Slug), out var first))
                {
                    logger.LogError("Content file {File} is left out: its slug '{Slug}' is already used by {First}",
                        relative, document.Slug, first);
                    continue;
                }
                seen[(document.Kind, document.Slug)] = relative;
                documents.Add(document);
            }
        }
        var version = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        logger.LogInformation("Loaded {Count} content documents (version {Version})", documents.Count, version);
        return new ContentSnapshot(documents, version, templates);
    }

    /// <summary>One reply template: read raw (its placeholders belong to the reply builder), its front matter checked.</summary>
    private ContentTemplate? LoadTemplate(Lang lang, string contentRoot, string file, IncrementalHash hash)
    {
        var relative = Path.GetRelativePath(contentRoot, file).Replace('\\', '/');
        try
        {
            var text = File.ReadAllText(file, Encoding.UTF8);
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0" + text + "\0"));
            var (meta, body) = FrontMatterParser.Split(text);
            // Split has checked title, slug, order and updated.
            return new ContentTemplate(lang, meta.Slug!, meta.Title!.Trim(), meta.Order!.Value, body.Trim(), relative);
        }
        catch (Exception e) when (e is ContentFormatException or IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            logger.LogError("Reply template {File} is left out: {Reason}", relative, e.Message);
            return null;
        }
    }

    public static ContentDocument Parse(Lang lang, string relativePath, string text)
    {
        var (meta, body) = FrontMatterParser.Split(text);
        var kind = meta.Type switch
        {
            "question" => DocumentKind.Question,
            "page" => DocumentKind.Page,
            _ => relativePath.Contains("/qa/", StringComparison.Ordinal) ? DocumentKind.Question : DocumentKind.Page,
        };
        var rendered = MarkdownRenderer.Render(body, SiteText.TableLabel[lang]);
        var (html, plain, sections) = rendered;
        return new ContentDocument(lang, kind, meta.Slug!, meta.Title!.Trim(), meta.Order!.Value,
            FrontMatterParser.ParseUpdated(meta), meta.Summary?.Trim(),
            MetaDescription.Cut(meta.Description?.Trim() is { Length: > 0 } written ? written : MetaDescription.From(rendered.FirstParagraph, plain)),
            html, plain, sections, relativePath);
    }
}
