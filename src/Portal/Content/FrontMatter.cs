using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Portal.Content;

/// <summary>The YAML block between the leading "---" lines of a content file.</summary>
public sealed class FrontMatter
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public int? Order { get; set; }
    public string? Updated { get; set; }
    public string? Type { get; set; }
    public string? Summary { get; set; }

    /// <summary>The page's &lt;meta name="description"&gt;; without it the first paragraph, cut cleanly.</summary>
    public string? Description { get; set; }
}

public sealed class ContentFormatException(string message) : Exception(message);

public static partial class FrontMatterParser
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithCaseInsensitivePropertyMatching()
        .Build();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    /// <summary>Splits a file into front matter and Markdown body; throws ContentFormatException with a reason.</summary>
    public static (FrontMatter Meta, string Body) Split(string text)
    {
        text = text.TrimStart('\uFEFF').Replace("\r\n", "\n");
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
            throw new ContentFormatException("the file does not start with a '---' front matter line");
        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0)
            throw new ContentFormatException("the front matter has no closing '---' line");
        var yaml = text[4..(end + 1)];
        var bodyStart = text.IndexOf('\n', end + 4);
        var body = bodyStart < 0 ? "" : text[(bodyStart + 1)..];

        FrontMatter? meta;
        try
        {
            meta = Yaml.Deserialize<FrontMatter>(yaml);
        }
        catch (YamlException e)
        {
            throw new ContentFormatException($"the front matter is not valid YAML ({e.Start}: {e.InnerException?.Message ?? e.Message})");
        }
        if (meta is null)
            throw new ContentFormatException("the front matter is empty");
        Validate(meta);
        return (meta, body);
    }

    public static DateOnly ParseUpdated(FrontMatter meta) =>
        DateOnly.ParseExact(meta.Updated!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Validate(FrontMatter meta)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(meta.Title)) missing.Add("title");
        if (string.IsNullOrWhiteSpace(meta.Slug)) missing.Add("slug");
        if (meta.Order is null) missing.Add("order");
        if (string.IsNullOrWhiteSpace(meta.Updated)) missing.Add("updated");
        if (missing.Count > 0)
            throw new ContentFormatException($"the front matter lacks {string.Join(", ", missing)}");
        if (!SlugPattern().IsMatch(meta.Slug!))
            throw new ContentFormatException($"the slug '{meta.Slug}' may hold only a-z, 0-9 and single hyphens");
        if (!DateOnly.TryParseExact(meta.Updated, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new ContentFormatException($"'updated' must be a date like 2026-11-28, not '{meta.Updated}'");
        if (meta.Type is not (null or "page" or "question"))
            throw new ContentFormatException($"'type' must be page or question, not '{meta.Type}'");
    }
}
