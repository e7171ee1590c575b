using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Portal.Content;

/// <summary>Renders site Markdown: tables, explicit {#id} anchors, automatic heading ids and figures.</summary>
public static partial class MarkdownRenderer
{
    [System.Text.RegularExpressions.GeneratedRegex("<table(?:\\s[^>]*)?>")]
    private static partial System.Text.RegularExpressions.Regex TableOpen();

    /// <summary>
    /// Our pages nest a few levels (a list in a quote); Markdig's own default is 128 (MarkdownPipelineBuilder.MaximumNestingDepth,
    /// Markdig 1.x), and past the limit it throws rather than recursing into a stack overflow. A file that hits it is left out.
    /// </summary>
    public const int MaxNestingDepth = 32;

    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder { MaximumNestingDepth = MaxNestingDepth }
        .UsePipeTables()
        .UseGenericAttributes()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseFigures()
        .UseEmphasisExtras()
        // Japanese puts no spaces around **bold**; CommonMark's rules need them next to punctuation.
        .UseCjkFriendlyEmphasis()
        .Build();

    public static RenderedMarkdown Render(string markdown, string tableLabel = "Table")
    {
        var document = Markdown.Parse(markdown, Pipeline);
        // A wide table scrolls inside a region that the keyboard can reach and a screen reader can name.
        var html = TableOpen().Replace(document.ToHtml(Pipeline),
                $"<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{System.Net.WebUtility.HtmlEncode(tableLabel)}\">$0")
            .Replace("</table>", "</table></div>", StringComparison.Ordinal);
        var plain = ToPlain(markdown);
        return new RenderedMarkdown(html, plain, SectionsOf(document, markdown), FirstParagraph(document, markdown));
    }

    /// <summary>The first top-level paragraph of the parsed document (not a heading, list, table or figure) as plain text, or "".</summary>
    private static string FirstParagraph(MarkdownDocument document, string markdown)
    {
        var first = document.OfType<ParagraphBlock>().FirstOrDefault(p => InlineText(p.Inline).Length > 0);
        return first is null ? "" : ToPlain(markdown[first.Span.Start..(first.Span.End + 1)]);
    }

    // The plain-text renderer still writes the tags of figures (^^^); search and snippets want only the words.
    public static string ToPlain(string markdown) =>
        Collapse(Tags().Replace(Markdown.ToPlainText(markdown, Pipeline), " "));

    [System.Text.RegularExpressions.GeneratedRegex(@"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")]
    private static partial System.Text.RegularExpressions.Regex Tags();

    private static List<Section> SectionsOf(MarkdownDocument document, string markdown)
    {
        var headings = document.Descendants<HeadingBlock>().Where(h => h.Level == 2).ToList();
        var sections = new List<Section>();
        for (var i = 0; i < headings.Count; i++)
        {
            var heading = headings[i];
            var id = heading.GetAttributes().Id;
            if (string.IsNullOrEmpty(id)) continue;
            var start = heading.Span.End + 1;
            var end = i + 1 < headings.Count ? headings[i + 1].Span.Start : markdown.Length;
            var body = start < end ? markdown[start..end] : "";
            sections.Add(new Section(id, InlineText(heading.Inline), ToPlain(body)));
        }
        return sections;
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null) return "";
        var text = new System.Text.StringBuilder();
        foreach (var node in inline.Descendants<Inline>())
        {
            if (node is LiteralInline literal) text.Append(literal.Content.ToString());
            else if (node is CodeInline code) text.Append(code.Content);
        }
        return text.ToString().Trim();
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A Markdown body rendered once: its HTML, plain text, level-2 sections and first paragraph (for descriptions).</summary>
public sealed record RenderedMarkdown(string Html, string PlainText, IReadOnlyList<Section> Sections, string FirstParagraph)
{
    public void Deconstruct(out string html, out string plainText, out IReadOnlyList<Section> sections) =>
        (html, plainText, sections) = (Html, PlainText, Sections);
}
