namespace Portal.Site;

/// <summary>Text for &lt;meta name="description"&gt;: one short passage, cut cleanly at a sentence or word end.</summary>
public static class MetaDescription
{
    /// <summary>Search engines show roughly 120 Japanese characters or 160 Latin ones; longer text is cut off mid-word.</summary>
    public const int MaxLength = 150;

    /// <summary>Below this a first paragraph ("Set one of these:") says too little on its own.</summary>
    public const int MinLength = 40;

    /// <summary>The first paragraph, or the page's whole text from its start when that paragraph is too short.</summary>
    public static string From(string firstParagraph, string plainText) =>
        firstParagraph.Length >= MinLength || plainText.Length <= firstParagraph.Length ? firstParagraph : plainText;

    /// <summary>The text whole when it is short enough; else up to the last sentence end (。．.!?！？) within the limit,
    /// else the last space, else the limit, with "…" when something was left out.</summary>
    public static string Cut(string text)
    {
        text = string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= MaxLength) return text;
        var head = text[..MaxLength];
        var sentence = head.LastIndexOfAny(['。', '．', '！', '？', '!', '?']);
        var period = head.LastIndexOf(". ", StringComparison.Ordinal);
        var end = Math.Max(sentence, period);
        if (end >= MaxLength / 3) return head[..(end + 1)];
        var space = head.LastIndexOf(' ');
        return (space >= MaxLength / 2 ? head[..space] : head).TrimEnd() + "…";
    }
}
