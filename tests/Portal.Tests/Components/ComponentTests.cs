using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Components;
using Portal.Components.Layout;
using Portal.Components.Pages;
using Portal.Content;
using Portal.Site;
using Portal.Tests.Support;

namespace Portal.Tests.Components;

public sealed class ComponentTests : BunitContext
{
    private readonly ContentStore _store;

    public ComponentTests()
    {
        var logs = new LogCapture();
        _store = new ContentStore(Options.Create(new ContentOptions { Root = TestContent.ContentRoot }),
            new ContentLoader(logs.For<ContentLoader>()), logs.For<ContentStore>());
        Services.AddSingleton(_store);
        Services.AddSingleton(TestDatabase.SeededStore());
        Services.AddSingleton(new Portal.Site.ContactOptions());
        Services.AddSingleton(new Portal.Site.PublicLinks(new Portal.Site.PublicUrlOptions { PublicUrl = "https://support.saiin.example.jp" }, new Microsoft.AspNetCore.Http.HttpContextAccessor()));
        var search = new Portal.Search.SearchService(_store, [], Options.Create(new ContentOptions { Root = TestContent.ContentRoot }), logs.For<Portal.Search.SearchService>());
        search.RebuildAsync(CancellationToken.None).GetAwaiter().GetResult();
        Services.AddSingleton(search);
        // Not written to: the page counts misses only for a real request.
        Services.AddSingleton(new Portal.Search.SearchMisses(TestDatabase.New(), TimeProvider.System));
    }

    protected override void Dispose(bool disposing)
    {
        _store.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public void A_Question_Block_Carries_Its_Anchor_And_A_Permalink_In_Its_Language()
    {
        var question = _store.Current.Question(Lang.En, "which-port")!;

        var block = Render<QuestionBlock>(p => p.Add(q => q.Question, question).AddCascadingValue(Lang.En));

        Assert.Equal("which-port", block.Find("section.question").Id);
        Assert.Equal("/en/qa/which-port", block.Find("a.permalink").GetAttribute("href"));
        Assert.Contains("Which outgoing port", block.Find("h2").TextContent);
        Assert.Contains(question.Updated.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), block.Find("time").GetAttribute("datetime"));
        Assert.NotNull(block.Find(".answer table"));
    }

    [Fact]
    public void The_Qa_Page_Lists_Every_Question_In_Order_In_Its_Table_Of_Contents()
    {
        var page = Render<Qa>(p => p.AddCascadingValue(Lang.Ja));

        var toc = page.FindAll("nav.toc li a").Select(a => a.GetAttribute("href") ?? "").ToList();
        var sections = page.FindAll("section.question").Select(s => "/qa#" + s.Id).ToList();
        Assert.Equal(sections, toc);
        Assert.Equal("/qa#is-587-ssl", toc[0]);
        Assert.Contains("OP25B導入プロバイダー", page.Find("h1").TextContent);
    }

    [Fact]
    public void The_Explanation_Page_Lists_Its_Sections_And_Shows_The_Diagrams()
    {
        var page = Render<Explanation>(p => p.AddCascadingValue(Lang.En));

        var toc = page.FindAll("nav.toc a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/en/explanation#bots", toc);
        Assert.Contains("/en/explanation#op25b", toc);
        Assert.Equal(5, page.FindAll("figure img[alt]").Count);
        Assert.All(page.FindAll("figure img"), img => Assert.EndsWith(".en.svg", img.GetAttribute("src")));
    }

    [Fact]
    public void The_Search_Page_Shows_Hits_For_The_Query_In_The_Address()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/search?q=" + Uri.EscapeDataString("サブミッション"));

        var page = Render<Portal.Search.Components.SearchPage>(p => p.AddCascadingValue(Lang.Ja));

        Assert.Contains("サブミッション", page.Find("[role=status]").TextContent);
        Assert.Contains(page.FindAll("ol.results a"), a => a.GetAttribute("href") == "/qa#which-port");
        Assert.Equal("サブミッション", page.Find("input#q").GetAttribute("value"));
    }

    [Fact]
    public void The_Search_Page_Explains_An_Over_Long_Query()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/en/search?q=" + new string('a', 150));

        var page = Render<Portal.Search.Components.SearchPage>(p => p.AddCascadingValue(Lang.En));

        Assert.Contains("100 characters or fewer", page.Find("[role=alert]").TextContent);
        Assert.Empty(page.FindAll("ol.results"));
    }

    [Fact]
    public void The_Layout_Offers_The_Other_Language_And_Searches_In_The_Current_One()
    {
        var layout = Render<MainLayout>(p => p.AddCascadingValue(Lang.En).Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "body"))));

        Assert.Equal("日本語", layout.Find("a.lang-switch").TextContent);
        Assert.Equal("ja", layout.Find("a.lang-switch").GetAttribute("hreflang"));
        Assert.Equal("/en/search", layout.Find("form.search").GetAttribute("action"));
        Assert.Equal("/en/qa", layout.FindAll("nav a")[1].GetAttribute("href"));
    }
}
