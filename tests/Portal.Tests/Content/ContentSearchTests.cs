using Portal.Content;
using Portal.Site;
using Portal.Tests.Support;

namespace Portal.Tests.Content;

public sealed class ContentSearchTests
{
    private static readonly ContentSnapshot Site = new ContentLoader(new LogCapture().For<ContentLoader>()).Load(TestContent.ContentRoot);

    private static List<string> Urls(Lang lang, string query) => Site.Search.Find(lang, query).Select(h => h.Url).ToList();

    [Fact]
    public void Submission_In_Katakana_Finds_The_Port_Question_And_The_Explanation()
    {
        var urls = Urls(Lang.Ja, "サブミッション");
        Assert.Contains("/qa#which-port", urls);
        Assert.Contains("/qa#is-587-ssl", urls);
        Assert.Contains("/explanation#op25b", urls);
    }

    [Fact]
    public void Port_Number_Finds_The_Questions_About_587()
    {
        var urls = Urls(Lang.Ja, "587");
        Assert.Contains("/qa#is-587-ssl", urls);
        Assert.Contains("/qa#which-port", urls);
        Assert.Contains("/qa#will-587-be-blocked", urls);
        Assert.DoesNotContain("/explanation#spam-via-provider", urls);
    }

    [Fact]
    public void Virus_Finds_Why_Providers_Block_And_The_Bots_Scene()
    {
        var urls = Urls(Lang.Ja, "ウイルス");
        Assert.Contains("/qa#why-op25b", urls);
        Assert.Contains("/explanation#bots", urls);
        Assert.DoesNotContain("/qa#which-port", urls);
    }

    [Theory]
    [InlineData("ういるす")]   // hiragana finds katakana
    [InlineData("５８７")]     // full-width digits
    [InlineData("ｳｲﾙｽ")]      // half-width katakana
    public void Japanese_Spelling_Variants_Are_Folded(string query)
    {
        Assert.NotEmpty(Urls(Lang.Ja, query));
    }

    [Fact]
    public void Every_Term_Must_Occur()
    {
        Assert.Contains("/qa#which-port", Urls(Lang.Ja, "587　STARTTLS"));
        Assert.Empty(Urls(Lang.Ja, "587 存在しない言葉"));
    }

    [Fact]
    public void English_Search_Finds_English_Entries_With_English_Urls()
    {
        var hits = Site.Search.Find(Lang.En, "Submission");
        Assert.Contains(hits, h => h.Url == "/en/qa#which-port");
        Assert.All(hits, h => Assert.StartsWith("/en/", h.Url));
    }

    [Fact]
    public void A_Title_Match_Ranks_First()
    {
        Assert.Equal("/qa#is-587-ssl", Urls(Lang.Ja, "SMTP over SSL")[0]);
    }

    [Theory]
    [InlineData(null, SearchProblem.Empty)]
    [InlineData("   ", SearchProblem.Empty)]
    [InlineData("587", SearchProblem.None)]
    public void Empty_Queries_Are_A_Problem(string? query, SearchProblem expected) =>
        Assert.Equal(expected, ContentSearch.Check(query));

    [Fact]
    public void An_Over_Long_Query_Is_A_Problem_And_Finds_Nothing()
    {
        var query = new string('あ', ContentSearch.MaxQueryLength + 1);
        Assert.Equal(SearchProblem.TooLong, ContentSearch.Check(query));
        Assert.Empty(Site.Search.Find(Lang.Ja, query));
    }

    [Fact]
    public void Snippets_Show_The_Text_Around_The_Match()
    {
        var hit = Site.Search.Find(Lang.Ja, "ウイルス").First(h => h.Url == "/qa#why-op25b");
        Assert.Contains("ウイルス", hit.Snippet);
    }
}

public sealed class HighlightTests
{
    [Fact]
    public void Every_Query_Word_Is_Marked_In_The_Snippet()
    {
        var parts = ContentSearch.Highlight("587番はSTARTTLS、465番はSSL/TLS", "starttls 465");
        Assert.Equal([("587番は", false), ("STARTTLS", true), ("、", false), ("465", true), ("番はSSL/TLS", false)], parts);
    }

    [Fact]
    public void A_Snippet_Without_The_Word_Is_One_Plain_Part()
    {
        Assert.Equal([("abc", false)], ContentSearch.Highlight("abc", "x"));
    }
}
