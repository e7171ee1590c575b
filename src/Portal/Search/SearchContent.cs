using Portal.Content;
using Portal.Site;

namespace Portal.Search;

/// <summary>What of content/ search finds: each question, and each section of the pages and guides (with its anchor).</summary>
public static class SearchContent
{
    public static IEnumerable<SearchDocument> From(ContentSnapshot snapshot)
    {
        foreach (var doc in snapshot.Documents)
        {
            var lang = doc.Lang;
            if (doc.Kind == DocumentKind.Question)
            {
                yield return new SearchDocument(lang, doc.Title, lang.Url("/qa") + "#" + doc.Slug, doc.PlainText, SearchText.Questions[lang]);
                continue;
            }
            var (page, weight) = doc.Slug switch
            {
                // The notice is shown at the top of the Q&A page.
                "notice" => ("/qa", 0.9),
                "home" => ("/", 0.9),
                _ when doc.Slug.StartsWith("setup-", StringComparison.Ordinal) => ("/setup/" + doc.Slug["setup-".Length..], 1.0),
                _ => ("/" + doc.Slug, 0.9),
            };
            var url = lang.Url(page);
            if (doc.Sections.Count == 0)
            {
                yield return new SearchDocument(lang, doc.Title, url, doc.PlainText, doc.Title, weight);
                continue;
            }
            // The text before the first section is found under the page's own title.
            var intro = doc.PlainText.IndexOf(doc.Sections[0].Title, StringComparison.Ordinal) is var end and > 0 ? doc.PlainText[..end] : doc.Summary ?? "";
            if (intro.Trim().Length > 0)
                yield return new SearchDocument(lang, doc.Title, url, intro.Trim(), doc.Title, weight);
            foreach (var s in doc.Sections)
                yield return new SearchDocument(lang, s.Title, url + "#" + s.Id, s.PlainText, doc.Title, weight);
        }
    }
}
