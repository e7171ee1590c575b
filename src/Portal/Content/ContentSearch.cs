using System.Text;
using Portal.Site;

namespace Portal.Content;

public sealed record SearchHit(string Title, string Url, string Snippet, string Where);

public enum SearchProblem { None, Empty, TooLong }

/// <summary>
/// Substring search that suits Japanese (no spaces between words): text and query are folded
/// with NFKC, lower case and hiragana→katakana, and every space-separated term must occur.
/// </summary>
public sealed class ContentSearch
{
    public const int MaxQueryLength = 100;

    private readonly List<Entry> _entries;

    public ContentSearch(IEnumerable<ContentDocument> documents)
    {
        _entries = [];
        foreach (var doc in documents)
        {
            if (doc.Kind == DocumentKind.Question)
            {
                _entries.Add(new Entry(doc.Lang, doc.Title, doc.Lang.Url("/qa") + "#" + doc.Slug, doc.PlainText, "qa", doc.Order, 0));
            }
            else if (doc.Slug.StartsWith("setup-", StringComparison.Ordinal))
            {
                // A mail-program guide is found as a whole, by its title and text with our settings filled in.
                _entries.Add(new Entry(doc.Lang, doc.Title, doc.Lang.Url("/setup/" + doc.Slug["setup-".Length..]), doc.PlainText, "setup", doc.Order, 0));
            }
            else if (doc.Slug is "explanation" or "notice")
            {
                var page = doc.Slug == "notice" ? "/qa" : "/" + doc.Slug;
                if (doc.Sections.Count == 0)
                    _entries.Add(new Entry(doc.Lang, doc.Title, doc.Lang.Url(page), doc.PlainText, doc.Slug, doc.Order, 0));
                for (var i = 0; i < doc.Sections.Count; i++)
                {
                    var s = doc.Sections[i];
                    _entries.Add(new Entry(doc.Lang, s.Title, doc.Lang.Url(page) + "#" + s.Id, s.PlainText, doc.Slug, doc.Order, i));
                }
            }
        }
    }

    public static SearchProblem Check(string? query) =>
        string.IsNullOrWhiteSpace(query) ? SearchProblem.Empty
        : query.Length > MaxQueryLength ? SearchProblem.TooLong
        : SearchProblem.None;

    public IReadOnlyList<SearchHit> Find(Lang lang, string query)
    {
        if (Check(query) != SearchProblem.None) return [];
        var terms = Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
        return _entries
            .Where(e => e.Lang == lang)
            .Select(e => (Entry: e, Score: Score(e, terms)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Entry.Where).ThenBy(x => x.Entry.Order).ThenBy(x => x.Entry.Index)
            .Select(x => new SearchHit(x.Entry.Title, x.Entry.Url, Snippet(x.Entry.Text, x.Entry.FoldedText, terms[0]), x.Entry.Where))
            .ToList();
    }

    private static int Score(Entry e, string[] terms)
    {
        var score = 0;
        foreach (var term in terms)
        {
            var inTitle = Count(e.FoldedTitle, term);
            var inText = Count(e.FoldedText, term);
            if (inTitle + inText == 0) return 0;
            score += inTitle * 5 + inText;
        }
        return score;
    }

    private static int Count(string haystack, string needle)
    {
        var n = 0;
        for (var i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + needle.Length, StringComparison.Ordinal))
            n++;
        return n;
    }

    // Folding keeps one char per source char for the text, so positions map back for snippets.
    private static string Snippet(string text, string folded, string term)
    {
        const int radius = 40;
        var at = folded.IndexOf(term, StringComparison.Ordinal);
        if (at < 0 || folded.Length != text.Length)
            return text.Length <= radius * 2 ? text : text[..(radius * 2)] + "…";
        var start = Math.Max(0, at - radius);
        var end = Math.Min(text.Length, at + term.Length + radius);
        return (start > 0 ? "…" : "") + text[start..end] + (end < text.Length ? "…" : "");
    }

    /// <summary>Splits a snippet into plain and matching parts so the page can mark the query words.</summary>
    public static IReadOnlyList<(string Text, bool Match)> Highlight(string snippet, string query)
    {
        var terms = query.Normalize(NormalizationForm.FormKC).Split(' ', '\u3000', StringSplitOptions.RemoveEmptyEntries);
        var parts = new List<(string, bool)>();
        var start = 0;
        while (start < snippet.Length)
        {
            var (at, length) = terms
                .Select(t => (At: snippet.IndexOf(t, start, StringComparison.OrdinalIgnoreCase), t.Length))
                .Where(x => x.At >= 0)
                .OrderBy(x => x.At).ThenByDescending(x => x.Length)
                .FirstOrDefault((-1, 0));
            if (at < 0) break;
            if (at > start) parts.Add((snippet[start..at], false));
            parts.Add((snippet.Substring(at, length), true));
            start = at + length;
        }
        if (start < snippet.Length) parts.Add((snippet[start..], false));
        return parts;
    }

    private static string Fold(string text) => TextFolding.Fold(text);

    private sealed class Entry(Lang lang, string title, string url, string text, string where, int order, int index)
    {
        public Lang Lang { get; } = lang;
        public string Title { get; } = title;
        public string Url { get; } = url;
        public string Text { get; } = text;
        public string Where { get; } = where;
        public int Order { get; } = order;
        public int Index { get; } = index;
        public string FoldedTitle { get; } = Fold(title);
        public string FoldedText { get; } = Fold(text);
    }
}
