using Portal.Content;
using Portal.Site;
using Portal.Tests.Support;

namespace Portal.Tests.Content;

public sealed class ContentLoaderTests
{
    private readonly LogCapture _logs = new();

    [Fact]
    public void The_Site_Content_Loads_Without_Errors_In_Both_Languages()
    {
        var snapshot = new ContentLoader(_logs.For<ContentLoader>()).Load(TestContent.ContentRoot);

        Assert.Empty(_logs.Errors);
        foreach (var lang in Enum.GetValues<Lang>())
        {
            Assert.NotNull(snapshot.Page(lang, "home"));
            Assert.NotNull(snapshot.Page(lang, "notice"));
            Assert.True(snapshot.Page(lang, "explanation")!.Sections.Count >= 5);
            Assert.True(snapshot.Questions(lang).Count >= 2);
        }
        // Both languages carry the same questions, so a permalink switches language cleanly.
        Assert.Equal(snapshot.Questions(Lang.Ja).Select(q => q.Slug), snapshot.Questions(Lang.En).Select(q => q.Slug));
    }

    [Fact]
    public void Questions_Are_Ordered_By_Their_Order_Field()
    {
        using var folder = new TempFolder();
        folder.Write("ja/qa/b.md", TestContent.Page("second", "二番目", order: 2));
        folder.Write("ja/qa/a.md", TestContent.Page("third", "三番目", order: 3));
        folder.Write("ja/qa/c.md", TestContent.Page("first", "一番目", order: 1));

        var snapshot = new ContentLoader(_logs.For<ContentLoader>()).Load(folder.Path);

        Assert.Equal(["first", "second", "third"], snapshot.Questions(Lang.Ja).Select(q => q.Slug));
    }

    [Fact]
    public void A_Broken_File_Is_Logged_With_Its_Name_And_Left_Out_While_The_Rest_Loads()
    {
        using var folder = new TempFolder();
        folder.Write("ja/qa/good.md", TestContent.Page("good", "良い質問"));
        folder.Write("ja/qa/broken.md", "---\ntitle: [oops\n---\n本文");

        var snapshot = new ContentLoader(_logs.For<ContentLoader>()).Load(folder.Path);

        Assert.Equal(["good"], snapshot.Questions(Lang.Ja).Select(q => q.Slug));
        var error = Assert.Single(_logs.Errors);
        Assert.Contains("ja/qa/broken.md", error);
    }

    [Fact]
    public void A_Duplicate_Slug_Is_Logged_With_Both_Files_And_The_Second_Is_Left_Out()
    {
        using var folder = new TempFolder();
        folder.Write("en/qa/01-first.md", TestContent.Page("same", "First"));
        folder.Write("en/qa/02-second.md", TestContent.Page("same", "Second"));

        var snapshot = new ContentLoader(_logs.For<ContentLoader>()).Load(folder.Path);

        Assert.Equal("First", snapshot.Question(Lang.En, "same")!.Title);
        var error = Assert.Single(_logs.Errors);
        Assert.Contains("en/qa/02-second.md", error);
        Assert.Contains("en/qa/01-first.md", error);
    }

    [Fact]
    public void The_Same_Slug_In_Two_Languages_Is_Not_A_Duplicate()
    {
        using var folder = new TempFolder();
        folder.Write("ja/qa/q.md", TestContent.Page("same", "日本語"));
        folder.Write("en/qa/q.md", TestContent.Page("same", "English"));

        var snapshot = new ContentLoader(_logs.For<ContentLoader>()).Load(folder.Path);

        Assert.Empty(_logs.Errors);
        Assert.Equal("日本語", snapshot.Question(Lang.Ja, "same")!.Title);
        Assert.Equal("English", snapshot.Question(Lang.En, "same")!.Title);
    }

    [Fact]
    public void The_Version_Changes_When_A_File_Changes()
    {
        using var folder = new TempFolder();
        folder.Write("ja/home.md", TestContent.Page("home", "A"));
        var loader = new ContentLoader(_logs.For<ContentLoader>());
        var before = loader.Load(folder.Path).Version;
        Assert.Equal(before, loader.Load(folder.Path).Version);

        folder.Write("ja/home.md", TestContent.Page("home", "B"));

        Assert.NotEqual(before, loader.Load(folder.Path).Version);
    }

    [Fact]
    public void A_File_Of_Fifty_Thousand_Nested_Quotes_Is_Left_Out_By_Name_And_The_Rest_Loads()
    {
        using var folder = new TempFolder();
        folder.Write("ja/qa/good.md", TestContent.Page("good", "良い質問"));
        folder.Write("ja/qa/deep.md", TestContent.Page("deep", "深い引用", order: 2, body: new string('>', 50_000) + " too deep"));
        folder.Write("ja/qa/after.md", TestContent.Page("after", "後の質問", order: 3));

        var snapshot = new ContentLoader(_logs.For<ContentLoader>()).Load(folder.Path);

        Assert.Equal(["good", "after"], snapshot.Questions(Lang.Ja).Select(q => q.Slug));
        var error = Assert.Single(_logs.Errors);
        Assert.Contains("ja/qa/deep.md", error);
        Assert.InRange(error.Length, 20, 600);
    }

    [Fact]
    public void Nesting_Past_The_Limit_Throws_In_Markdig_Instead_Of_Overflowing_The_Stack()
    {
        var ok = MarkdownRenderer.Render(new string('>', MarkdownRenderer.MaxNestingDepth - 4) + " fine");
        Assert.Contains("fine", ok.Html);
        Assert.ThrowsAny<Exception>(() => MarkdownRenderer.Render(new string('>', 50_000) + " deep"));
    }

    [Fact]
    public void A_Five_Megabyte_File_Loads_Or_Is_Left_Out_Without_Stopping_The_Rest()
    {
        using var folder = new TempFolder();
        folder.Write("en/qa/good.md", TestContent.Page("good", "Good question"));
        var words = string.Join("\n\n", Enumerable.Range(0, 5 * 1024 * 1024 / 60).Select(i => $"Paragraph {i} with **bold** and a [link](https://example.jp/{i})."));
        folder.Write("en/qa/huge.md", TestContent.Page("huge", "Huge", order: 2, body: words));

        var snapshot = new ContentLoader(_logs.For<ContentLoader>()).Load(folder.Path);

        Assert.Contains("good", snapshot.Questions(Lang.En).Select(q => q.Slug));
        // Either it loads, or it is left out by name: never an exception out of Load.
        if (!snapshot.Questions(Lang.En).Any(q => q.Slug == "huge")) Assert.Contains(_logs.Errors, e => e.Contains("en/qa/huge.md"));
    }

    [Fact]
    public void Reply_Templates_Load_With_The_Content_And_A_Broken_One_Is_Left_Out_By_Name()
    {
        using var folder = new TempFolder();
        folder.Write("ja/qa/good.md", TestContent.Page("good", "良い質問"));
        folder.Write("ja/replies/2-second.md", "---\ntitle: 二通目\nslug: second\norder: 2\nupdated: 2026-11-28\n---\n本文 {{questions}}\n");
        folder.Write("ja/replies/1-first.md", "---\ntitle: 一通目\nslug: first\norder: 1\nupdated: 2026-11-28\n---\n最初の本文\n");
        folder.Write("ja/replies/3-broken.md", "---\ntitle: [broken\n---\n");
        folder.Write("ja/replies/4-no-order.md", "---\ntitle: 順番なし\nslug: no-order\nupdated: 2026-11-28\n---\n本文\n");

        var snapshot = new ContentLoader(_logs.For<ContentLoader>()).Load(folder.Path);

        Assert.True(snapshot.Templates(Lang.Ja).Count == 2, string.Join("\n", _logs.Errors));
        Assert.Equal(["first", "second"], snapshot.Templates(Lang.Ja).Select(t => t.Slug));
        Assert.Equal("本文 {{questions}}", snapshot.Templates(Lang.Ja)[1].Body);
        Assert.Empty(snapshot.Templates(Lang.En));
        Assert.Equal(["good"], snapshot.Questions(Lang.Ja).Select(q => q.Slug));
        Assert.Contains(_logs.Errors, e => e.Contains("ja/replies/3-broken.md"));
        Assert.Contains(_logs.Errors, e => e.Contains("ja/replies/4-no-order.md"));
    }
}
