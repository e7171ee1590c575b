using Microsoft.Extensions.Options;
using Portal.Content;
using Portal.Site;
using Portal.Tests.Support;

namespace Portal.Tests.Content;

public sealed class ContentStoreTests
{
    private static ContentStore StoreOn(string root, LogCapture logs) =>
        new(Options.Create(new ContentOptions { Root = root }), new ContentLoader(logs.For<ContentLoader>()), logs.For<ContentStore>());

    [Fact]
    public async Task A_Changed_File_Is_Served_Without_A_Restart()
    {
        using var folder = new TempFolder();
        folder.Write("ja/qa/q.md", TestContent.Page("q", "古い題"));
        using var store = StoreOn(folder.Path, new LogCapture());
        var changed = new TaskCompletionSource<ContentSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Changed += s => changed.TrySetResult(s);
        Assert.Equal("古い題", store.Current.Question(Lang.Ja, "q")!.Title);

        folder.Write("ja/qa/q.md", TestContent.Page("q", "新しい題"));

        var next = await changed.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.Equal("新しい題", next.Question(Lang.Ja, "q")!.Title);
        Assert.Same(next, store.Current);
    }

    [Fact]
    public async Task A_New_File_Appears_And_A_Deleted_One_Disappears()
    {
        using var folder = new TempFolder();
        var old = folder.Write("en/qa/old.md", TestContent.Page("old", "Old"));
        using var store = StoreOn(folder.Path, new LogCapture());

        folder.Write("en/qa/new.md", TestContent.Page("new", "New"));
        File.Delete(old);

        await Eventually(() => store.Current.Question(Lang.En, "new") is not null && store.Current.Question(Lang.En, "old") is null);
    }

    [Fact]
    public async Task Breaking_A_File_Leaves_It_Out_And_Keeps_The_Others()
    {
        using var folder = new TempFolder();
        folder.Write("ja/qa/a.md", TestContent.Page("a", "A"));
        var b = folder.Write("ja/qa/b.md", TestContent.Page("b", "B"));
        var logs = new LogCapture();
        using var store = StoreOn(folder.Path, logs);

        File.WriteAllText(b, "no front matter at all");

        await Eventually(() => store.Current.Question(Lang.Ja, "b") is null);
        Assert.NotNull(store.Current.Question(Lang.Ja, "a"));
        Assert.Contains(logs.Errors, e => e.Contains("ja/qa/b.md"));
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 15 s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
