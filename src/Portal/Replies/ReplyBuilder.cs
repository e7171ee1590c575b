using System.Text;
using Portal.Content;
using Portal.Site;

namespace Portal.Replies;

/// <summary>A reply template: content/{lang}/replies/*.md, front matter (title, slug, order) and a plain-text body.</summary>
public sealed record ReplyTemplate(Lang Lang, string Slug, string Title, int Order, string Body);

/// <summary>What staff chose in the builder.</summary>
public sealed record ReplyChoice(Lang Lang, string Template, IReadOnlyList<string> Questions, string? TesterHost, IReadOnlyList<int> TesterPorts,
    bool LineTest, string? Ticket, string? Setup);

/// <summary>The assembled e-mail body, with every link in it and what staff should look at before sending.</summary>
public sealed record ReplyDraft(string Body, IReadOnlyList<string> Links, IReadOnlyList<Text> Warnings);

/// <summary>
/// Reads the templates and fills their placeholders with absolute links (Site:PublicUrl). A paragraph whose
/// placeholder has nothing to show (no tester link chosen) is left out whole.
/// </summary>
public sealed class ReplyBuilder(ContentStore content, PublicLinks links)
{
    /// <summary>Longer links may be broken by e-mail line wrapping (RFC 5322's 78, less a margin).</summary>
    public const int MaxLinkLength = 76;
    public static readonly string[] Placeholders = ["questions", "tester_link", "line_test_link", "setup_link"];
    public static readonly string[] Guides = ["outlook", "thunderbird", "iphone", "mac", "android"];

    /// <summary>The templates of the current content snapshot (loaded, checked and reloaded with the rest of content/).</summary>
    public IReadOnlyList<ReplyTemplate> Templates(Lang lang) =>
        content.Current.Templates(lang).Select(t => new ReplyTemplate(t.Lang, t.Slug, t.Title, t.Order, t.Body)).ToList();

    /// <param name="pageBase">The builder page's own address, used when Site:PublicUrl is not set (Development).</param>
    public ReplyDraft Build(ReplyChoice choice, string pageBase)
    {
        var lang = choice.Lang;
        string Absolute(string path) => links.Absolute(path, pageBase);
        var templates = Templates(lang);
        var template = templates.FirstOrDefault(t => t.Slug == choice.Template) ?? templates.FirstOrDefault();
        if (template is null) return new ReplyDraft("", [], [ReplyText.NoTemplates]);
        var warnings = new List<Text>();
        var ticket = choice.Ticket?.Trim() is { Length: > 0 } t ? t : null;
        if (!SupportTicket.IsValid(ticket))
        {
            warnings.Add(ReplyText.BadTicket);
            ticket = null;
        }
        var ticketQuery = ticket is null ? "" : "ticket=" + Uri.EscapeDataString(ticket);

        var snapshot = content.Current;
        var quoted = choice.Questions
            .Select(slug => snapshot.Question(lang, slug))
            .OfType<ContentDocument>()
            .Select(q => (q.Title, Link: Absolute(lang.Url("/qa/" + q.Slug))))
            .ToList();
        var questions = quoted.Select(q => $"{(lang == Lang.Ja ? "・" : "- ")}{q.Title}\n{q.Link}").ToList();
        string? tester = null;
        if (!string.IsNullOrWhiteSpace(choice.TesterHost) && choice.TesterPorts.Count > 0)
            tester = Absolute(lang.Url("/tester") + "?host=" + Uri.EscapeDataString(choice.TesterHost.Trim()) + "&ports="
                + string.Join(",", choice.TesterPorts.Order()) + (ticketQuery.Length > 0 ? "&" + ticketQuery : ""));
        var lineTest = choice.LineTest ? Absolute(lang.Url("/line-test") + (ticketQuery.Length > 0 ? "?" + ticketQuery : "")) : null;
        var setup = choice.Setup switch
        {
            null or "" => null,
            "index" => Absolute(lang.Url("/setup")),
            var g when Guides.Contains(g) => Absolute(lang.Url("/setup/" + g)),
            _ => null,
        };
        var values = new Dictionary<string, string?>
        {
            ["questions"] = questions.Count > 0 ? string.Join("\n", questions) : null,
            ["tester_link"] = tester,
            ["line_test_link"] = lineTest,
            ["setup_link"] = setup,
        };

        var paragraphs = new List<string>();
        foreach (var paragraph in template.Body.Replace("\r\n", "\n").Split("\n\n"))
        {
            var text = paragraph;
            var empty = false;
            foreach (var (name, value) in values)
            {
                if (!text.Contains("{{" + name + "}}", StringComparison.Ordinal)) continue;
                if (value is null) { empty = true; break; }
                text = text.Replace("{{" + name + "}}", value, StringComparison.Ordinal);
            }
            if (!empty) paragraphs.Add(text.Trim());
        }
        // A link staff chose that this template has no place for would silently go missing: say so.
        foreach (var (name, value) in values)
            if (value is not null && !template.Body.Contains("{{" + name + "}}", StringComparison.Ordinal))
                warnings.Add(ReplyText.NoPlaceFor.With(ReplyText.PlaceholderName(name).Ja, ReplyText.PlaceholderName(name).En));
        var all = new[] { tester, lineTest, setup }.Concat(quoted.Select(q => q.Link)).OfType<string>().ToList();
        foreach (var link in all.Where(l => l.Length > MaxLinkLength))
            warnings.Add(ReplyText.LongLink.With(link.Length, MaxLinkLength, link));
        return new ReplyDraft(string.Join("\n\n", paragraphs) + "\n", all, warnings);
    }
}
