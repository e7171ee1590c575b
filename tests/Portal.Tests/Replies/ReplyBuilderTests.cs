using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Content;
using Portal.Replies;
using Portal.Site;
using Portal.Staff;
using Portal.Tests.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Replies;

public sealed class ReplyBuilderTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly LogCapture _logs = new();
    private readonly ContentStore _store;
    private readonly ReplyBuilder _builder;

    public ReplyBuilderTests()
    {
        _store = new ContentStore(Options.Create(new ContentOptions { Root = TestContent.ContentRoot }), new ContentLoader(_logs.For<ContentLoader>()), _logs.For<ContentStore>());
        _builder = new ReplyBuilder(_store, new PublicLinks(new PublicUrlOptions { PublicUrl = "https://support.saiin.example.jp" }, new HttpContextAccessor()));
    }

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public void There_Are_Three_Templates_Per_Language_Using_Only_Known_Placeholders(string code)
    {
        var lang = code == "en" ? Lang.En : Lang.Ja;
        var templates = _builder.Templates(lang);
        Assert.Equal(["first-reply-cannot-send", "run-line-test", "provider-blocks-25"], templates.Select(t => t.Slug));
        foreach (var t in templates)
        {
            var names = System.Text.RegularExpressions.Regex.Matches(t.Body, @"\{\{([a-z_]+)\}\}").Select(m => m.Groups[1].Value);
            Assert.All(names, n => Assert.Contains(n, ReplyBuilder.Placeholders));
        }
        // Templates are not pages: nothing under replies/ reaches the site.
        Assert.DoesNotContain(_store.Current.Documents, d => d.SourceFile.Contains("/replies/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Japanese_First_Reply_Quotes_The_Questions_And_Gives_Absolute_Links_With_The_Ticket()
    {
        var draft = _builder.Build(new ReplyChoice(Lang.Ja, "first-reply-cannot-send", ["which-port", "why-op25b"], "smtp.saiin.example.jp", [587, 465],
            LineTest: false, Ticket: "T-123", Setup: "outlook"), "http://ignored.invalid/");

        Assert.StartsWith("お問い合わせありがとうございます。", draft.Body);
        Assert.Contains("・メールソフトの送信ポートは何番にすればよいですか？\nhttps://support.saiin.example.jp/qa/which-port", draft.Body);
        Assert.Contains("https://support.saiin.example.jp/qa/why-op25b", draft.Body);
        Assert.Contains("https://support.saiin.example.jp/setup/outlook", draft.Body);
        Assert.Contains("https://support.saiin.example.jp/tester?host=smtp.saiin.example.jp&ports=465,587&ticket=T-123", draft.Body);
        Assert.DoesNotContain("{{", draft.Body);
        Assert.DoesNotContain("ignored.invalid", draft.Body);
        // Tester links with a ticket are long: the builder says so (the only warning here).
        Assert.All(draft.Warnings, w => Assert.Contains("/tester?", w.En));
    }

    [Fact]
    public void An_English_Line_Test_Request_Leaves_Out_What_Was_Not_Chosen()
    {
        var draft = _builder.Build(new ReplyChoice(Lang.En, "run-line-test", [], null, [], LineTest: true, Ticket: "#42", Setup: null), "http://localhost/");

        Assert.StartsWith("Thank you for contacting Saiin Networks support.", draft.Body);
        Assert.Contains("https://support.saiin.example.jp/en/line-test?ticket=%2342", draft.Body);
        Assert.Empty(draft.Warnings);
        // No question chosen: the paragraph that would list them is gone, not left with a bare heading.
        Assert.DoesNotContain("These pages may help too", draft.Body);
        Assert.DoesNotContain("{{", draft.Body);
    }

    [Fact]
    public void A_Link_Too_Long_For_E_Mail_Gets_A_Warning_And_A_Bad_Ticket_Is_Left_Out()
    {
        var draft = _builder.Build(new ReplyChoice(Lang.Ja, "first-reply-cannot-send", [], "a-very-long-relay-name.mail.saiin.example.jp", [25, 587, 465],
            LineTest: false, Ticket: "<b>bad ticket</b>", Setup: null), "http://localhost/");

        Assert.Contains(draft.Warnings, w => w.Ja.Contains("お問い合わせ番号", StringComparison.Ordinal));
        Assert.DoesNotContain("ticket=", draft.Body);
        var link = Assert.Single(draft.Links, l => l.Contains("/tester?", StringComparison.Ordinal));
        Assert.True(link.Length > ReplyBuilder.MaxLinkLength);
        Assert.Contains(draft.Warnings, w => w.En.Contains(link, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_Builder_Page_Is_For_Staff_And_Shows_A_Draft()
    {
        await using var factory = new PortalFactory();
        await factory.Services.GetRequiredService<StaffStore>().AddAsync("sato", "editor", "correct horse battery", Ct);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreatePlainClient().GetAsync("/staff/reply", Ct)).StatusCode);

        var staff = StaffClient.For(factory);
        await staff.LogInAsync("sato", "correct horse battery");
        var html = await staff.Http.GetStringAsync("/staff/reply", Ct);

        Assert.Contains("id=\"reply-body\"", html);
        Assert.Contains("お問い合わせありがとうございます。", html);
        Assert.Contains("/qa/which-port", html);
    }
}
