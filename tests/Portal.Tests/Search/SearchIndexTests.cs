using Portal.Content;
using Portal.Search;
using Portal.Site;
using Portal.Tests.Support;

namespace Portal.Tests.Search;

/// <summary>The index over the real content and synonyms, without the database.</summary>
public sealed class SearchIndexTests
{
    private static readonly LogCapture Logs = new();
    private static readonly SearchIndex Index = Build();

    private static SearchIndex Build()
    {
        var snapshot = new ContentLoader(Logs.For<ContentLoader>()).Load(TestContent.ContentRoot);
        var synonyms = Enum.GetValues<Lang>().ToDictionary(l => l, l =>
        {
            using var reader = new StreamReader(Path.Combine(TestContent.ContentRoot, l.Code(), SearchService.SynonymsFile));
            return SearchSynonyms.Parse(reader, l.Code(), Logs.For<SearchIndexTests>());
        });
        return SearchIndex.Build(SearchContent.From(snapshot).ToList(), synonyms, 1);
    }

    private static List<string> Urls(Lang lang, string query) => Index.Find(lang, query).Select(h => h.Url).ToList();

    [Fact]
    public void Submission_In_Katakana_Finds_The_Port_Question_And_The_Explanation()
    {
        var urls = Urls(Lang.Ja, "サブミッション");
        Assert.Contains("/qa#which-port", urls);
        Assert.Contains("/explanation#op25b", urls);
    }

    [Fact]
    public void Port_Number_Finds_The_Questions_About_587()
    {
        var urls = Urls(Lang.Ja, "587");
        Assert.Contains("/qa#is-587-ssl", urls);
        Assert.Contains("/qa#which-port", urls);
        Assert.Contains("/qa#will-587-be-blocked", urls);
    }

    [Theory]
    [InlineData("ういるす")]   // hiragana finds katakana
    [InlineData("ｳｲﾙｽ")]      // half-width katakana
    [InlineData("ウィルス")]   // small kana
    [InlineData("ＵＩＲＵＳＵ")] // nothing to fold to: must find nothing, below
    public void Japanese_Spelling_Variants_Are_Folded(string query)
    {
        if (query == "ＵＩＲＵＳＵ") { Assert.Empty(Urls(Lang.Ja, query)); return; }
        Assert.Contains("/qa#why-op25b", Urls(Lang.Ja, query));
    }

    [Fact]
    public void Full_Width_Digits_And_Letters_Fold_To_Half_Width()
    {
        Assert.Equal(Urls(Lang.Ja, "587"), Urls(Lang.Ja, "５８７"));
        Assert.Equal(Urls(Lang.Ja, "STARTTLS"), Urls(Lang.Ja, "ｓｔａｒｔｔｌｓ"));
    }

    [Fact]
    public void A_Long_Vowel_At_The_End_Of_A_Word_Is_Spelt_Either_Way()
    {
        Assert.Equal(Urls(Lang.Ja, "プロバイダー"), Urls(Lang.Ja, "プロバイダ"));
        Assert.NotEmpty(Urls(Lang.Ja, "プロバイダ"));
        Assert.Equal(Urls(Lang.Ja, "サーバー"), Urls(Lang.Ja, "サーバ"));
    }

    [Theory]
    [InlineData("遮断", "/qa#why-op25b")]
    [InlineData("設定", "/qa#which-port")]
    [InlineData("鍵", null)]
    public void One_And_Two_Character_Queries_Work(string query, string? expected)
    {
        var urls = Urls(Lang.Ja, query);
        if (expected is null) { Assert.Empty(urls); return; }
        Assert.Contains(expected, urls);
    }

    [Fact]
    public void A_Single_Kanji_Finds_Text_That_Has_It_Inside_A_Longer_Word()
    {
        // 「証」 alone: only in the single-character fields (証明書, 認証).
        Assert.Contains("/qa#error-535", Urls(Lang.Ja, "証"));
    }

    [Fact]
    public void Every_Word_Must_Occur()
    {
        Assert.Contains("/qa#which-port", Urls(Lang.Ja, "587　STARTTLS"));
        Assert.Empty(Urls(Lang.Ja, "587 存在しない言葉"));
        Assert.Empty(Urls(Lang.Ja, "量子コンピューター"));
    }

    [Fact]
    public void Synonyms_Find_The_Text_That_Says_It_Another_Way()
    {
        // The text says 「送信できません」, customers type 「送れない」.
        Assert.NotEmpty(Urls(Lang.Ja, "送れない"));
        Assert.Contains("/qa#why-op25b", Urls(Lang.Ja, "スパム"));
        Assert.Contains(Urls(Lang.Ja, "アウトルック"), u => u.StartsWith("/setup/outlook", StringComparison.Ordinal));
        Assert.Contains(Urls(Lang.En, "junk mail"), u => u.Contains("spam", StringComparison.Ordinal) || u.Contains("why-op25b", StringComparison.Ordinal));
    }

    [Fact]
    public void English_Words_Are_Stemmed()
    {
        Assert.Contains("/en/qa#which-port", Urls(Lang.En, "sending ports"));
    }

    [Fact]
    public void English_Search_Finds_English_Entries_With_English_Urls()
    {
        var hits = Index.Find(Lang.En, "Submission");
        Assert.Contains(hits, h => h.Url == "/en/qa#which-port");
        Assert.All(hits, h => Assert.StartsWith("/en", h.Url));
        Assert.All(Index.Find(Lang.Ja, "Submission"), h => Assert.False(h.Url.StartsWith("/en", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_Title_Match_Ranks_First()
    {
        Assert.Equal("/qa#is-587-ssl", Urls(Lang.Ja, "SMTP over SSL")[0]);
        Assert.Equal("/qa#ip25b", Urls(Lang.Ja, "IP25B")[0]);
    }

    [Fact]
    public void Bigrams_Side_By_Side_Rank_Above_The_Same_Bigrams_Apart()
    {
        var docs = new List<SearchDocument>
        {
            new(Lang.Ja, "A", "/apart", "送信の設定と、できない理由。", "x"),
            new(Lang.Ja, "B", "/together", "送信できない理由と設定。", "x"),
        };
        var index = SearchIndex.Build(docs, new Dictionary<Lang, SearchSynonyms>(), 1);
        Assert.Equal("/together", index.Find(Lang.Ja, "送信できない")[0].Url);
    }

    [Theory]
    [InlineData(null, SearchProblem.Empty)]
    [InlineData("   ", SearchProblem.Empty)]
    [InlineData("587", SearchProblem.None)]
    public void Empty_Queries_Are_A_Problem(string? query, SearchProblem expected) =>
        Assert.Equal(expected, SearchIndex.Check(query));

    [Fact]
    public void An_Over_Long_Query_Is_A_Problem_And_Finds_Nothing()
    {
        var query = new string('あ', SearchIndex.MaxQueryLength + 1);
        Assert.Equal(SearchProblem.TooLong, SearchIndex.Check(query));
        Assert.Empty(Index.Find(Lang.Ja, query));
    }

    [Fact]
    public void Snippets_Mark_The_Words_Found_In_The_Text_Around_Them()
    {
        var hit = Index.Find(Lang.Ja, "ウイルス").First(h => h.Url == "/qa#why-op25b");
        Assert.Contains(hit.Snippet, p => p.Match && p.Text.Contains("ウイルス", StringComparison.Ordinal));
        Assert.Contains("ウイルス", hit.SnippetText);
        var english = Index.Find(Lang.En, "starttls").First();
        Assert.Contains(english.Snippet, p => p.Match && p.Text.Equals("STARTTLS", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Hits_Say_Which_Page_They_Are_On()
    {
        var hit = Index.Find(Lang.Ja, "ボット").First(h => h.Url == "/explanation#bots");
        Assert.Contains("図解", hit.Where);
    }

    [Fact]
    public void Query_Syntax_Is_Just_Text()
    {
        foreach (var q in new[] { "\"", "*", "title:587", "(", "OR", "AND NOT", "\\", "~", "?", "+-!" })
            _ = Index.Find(Lang.Ja, q);
    }
}
