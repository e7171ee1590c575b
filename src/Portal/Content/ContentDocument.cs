using Portal.Site;

namespace Portal.Content;

public enum DocumentKind { Page, Question }

/// <summary>One Markdown file after parsing: its front matter, rendered HTML and plain text.</summary>
public sealed record ContentDocument(
    Lang Lang,
    DocumentKind Kind,
    string Slug,
    string Title,
    int Order,
    DateOnly Updated,
    string? Summary,
    string Description,
    string Html,
    string PlainText,
    IReadOnlyList<Section> Sections,
    string SourceFile);

/// <summary>A level-2 heading of a page with its anchor, used for the table of contents and search.</summary>
public sealed record Section(string Id, string Title, string PlainText);
