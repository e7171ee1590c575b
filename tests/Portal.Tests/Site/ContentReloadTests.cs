using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>The running site over a throw-away copy of content/, edited while it serves.</summary>
public sealed class ContentReloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Editing_A_Question_Evicts_The_Cached_Page_And_Changes_The_ETag()
    {
        using var content = TestContent.CopyOfContent();
        await using var factory = new PortalFactory(content.Path);
        var client = factory.CreatePlainClient();
        var before = await client.GetAsync("/qa", Ct);
        var cached = await client.GetAsync("/qa", Ct);
        Assert.True(cached.Headers.Age.HasValue);

        var file = Path.Combine(content.Path, "ja", "qa", "03-which-port.md");
        File.WriteAllText(file, File.ReadAllText(file).Replace("メールソフトの送信ポートは何番にすればよいですか？", "送信ポートは何番ですか（改訂）"));

        await Eventually(async () => (await client.GetStringAsync("/qa", Ct)).Contains("送信ポートは何番ですか（改訂）"));
        var after = await client.GetAsync("/qa", Ct);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/qa");
        request.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_Broken_File_Is_Logged_And_The_Rest_Of_The_Site_Keeps_Serving()
    {
        using var content = TestContent.CopyOfContent();
        File.WriteAllText(Path.Combine(content.Path, "ja", "qa", "02-why-op25b.md"), "---\ntitle: [broken\n---\n");
        File.WriteAllText(Path.Combine(content.Path, "ja", "qa", "99-dup.md"), TestContent.Page("which-port", "重複"));
        await using var factory = new PortalFactory(content.Path);
        var client = factory.CreatePlainClient();

        var html = await client.GetStringAsync("/qa", Ct);

        Assert.DoesNotContain("id=\"why-op25b\"", html);
        Assert.Contains("id=\"which-port\"", html);
        Assert.DoesNotContain("重複", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/qa/why-op25b", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/en/qa/why-op25b", Ct)).StatusCode);
        Assert.Contains(factory.Logs.Errors, e => e.Contains("ja/qa/02-why-op25b.md"));
        Assert.Contains(factory.Logs.Errors, e => e.Contains("ja/qa/99-dup.md") && e.Contains("which-port"));
    }

    [Fact]
    public async Task A_Deeply_Nested_File_At_Start_Is_Left_Out_By_Name_And_A_Later_Edit_Still_Reloads()
    {
        using var content = TestContent.CopyOfContent();
        File.WriteAllText(Path.Combine(content.Path, "ja", "qa", "98-deep.md"), TestContent.Page("deep", "深すぎる引用", order: 98, body: new string('>', 50_000) + " x"));
        await using var factory = new PortalFactory(content.Path);
        var client = factory.CreatePlainClient();

        var html = await client.GetStringAsync("/qa", Ct);
        Assert.Contains("id=\"which-port\"", html);
        Assert.DoesNotContain("深すぎる引用", html);
        Assert.Contains(factory.Logs.Errors, e => e.Contains("ja/qa/98-deep.md"));
        using (var ready = await client.GetAsync("/healthz/ready", Ct)) Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // The bad file stays, another file changes: the reload goes through.
        var file = Path.Combine(content.Path, "ja", "qa", "03-which-port.md");
        File.WriteAllText(file, File.ReadAllText(file).Replace("メールソフトの送信ポートは何番にすればよいですか？", "送信ポートは何番ですか（再読込）"));
        await Eventually(async () => (await client.GetStringAsync("/qa", Ct)).Contains("送信ポートは何番ですか（再読込）"));
    }

    [Fact]
    public async Task A_Reply_Template_Is_Reloaded_With_The_Content_And_Changes_Its_Version()
    {
        using var content = TestContent.CopyOfContent();
        await using var factory = new PortalFactory(content.Path);
        var builder = factory.Services.GetRequiredService<Portal.Replies.ReplyBuilder>();
        var store = factory.Services.GetRequiredService<Portal.Content.ContentStore>();
        var before = store.Current.Version;
        Assert.Equal(3, builder.Templates(Portal.Site.Lang.Ja).Count);

        var file = Path.Combine(content.Path, "ja", "replies", "1-first-reply-cannot-send.md");
        File.WriteAllText(file, File.ReadAllText(file).Replace("title: 「送れない」への最初の返信", "title: 「送れない」への最初の返信（改訂）"));

        await Eventually(() => Task.FromResult(builder.Templates(Portal.Site.Lang.Ja).Any(t => t.Title == "「送れない」への最初の返信（改訂）")));
        Assert.NotEqual(before, store.Current.Version);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 15 s");
            await Task.Delay(100, Ct);
        }
    }
}
