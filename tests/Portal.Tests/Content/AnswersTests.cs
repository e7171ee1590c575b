using System.Net;
using Portal.Tests.Support;

namespace Portal.Tests.Content;

/// <summary>The answers customers were missing, and the stale statements that had to go.</summary>
public sealed partial class AnswersTests
{
    // Code spans, link targets, anchors, placeholders, tags and 「quoted screen text」 may hold half-width punctuation.
    [System.Text.RegularExpressions.GeneratedRegex(@"`[^`]*`|\]\([^)]*\)|\{#[^}]*\}|\{\{[^}]*\}\}|「[^」]*」|<[^>]+>|https?://\S+")]
    private static partial System.Text.RegularExpressions.Regex Protected();

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}][*_]*[(?!:]|[(][^()]*[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}][^()]*[)]")]
    private static partial System.Text.RegularExpressions.Regex HalfWidthInJapanese();

    [Fact]
    public void Japanese_Text_Uses_Full_Width_Punctuation()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(TestContent.ContentRoot, "ja"), "*.md", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.StartsWith("slug:") && !x.line.StartsWith("updated:") && !x.line.StartsWith("order:"))
            .Where(x => HalfWidthInJapanese().IsMatch(Protected().Replace(x.line, " ")))
            .Select(x => $"{Path.GetRelativePath(TestContent.ContentRoot, x.f)}:{x.i + 1}: {x.line}")
            .ToList();
        Assert.True(offenders.Count == 0, "run python3 tools/ja_punctuation.py on these:\n" + string.Join("\n", offenders));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly string[] NewQuestions =
    [
        "webmail-and-receiving", "mobile-and-wifi", "when-587-fails", "ip25b", "our-port-25",
        "error-0x800ccc0e", "error-0x8004210b", "error-535", "error-530-starttls", "error-wrong-version-number", "smtp-auth",
    ];

    [Fact]
    public async Task Every_New_Question_Has_Its_Anchor_And_Permalink_In_Both_Languages()
    {
        await using var factory = new PortalFactory();
        var client = factory.CreatePlainClient();
        var ja = await client.GetStringAsync("/qa", Ct);
        var en = await client.GetStringAsync("/en/qa", Ct);

        foreach (var slug in NewQuestions)
        {
            Assert.Contains($"id=\"{slug}\"", ja);
            Assert.Contains($"id=\"{slug}\"", en);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/qa/{slug}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/en/qa/{slug}", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task The_Stale_Statements_Are_Gone()
    {
        await using var factory = new PortalFactory();
        var client = factory.CreatePlainClient();
        var ja = await client.GetStringAsync("/qa", Ct) + await client.GetStringAsync("/explanation", Ct);
        var en = await client.GetStringAsync("/en/qa", Ct) + await client.GetStringAsync("/en/explanation", Ct);

        Assert.DoesNotContain("導入するプロバイダが増えています", ja);
        Assert.DoesNotContain("More and more internet providers", en);
        Assert.DoesNotContain("587番を狙っても迷惑メールは届きません", ja);
        Assert.Contains("パスワードが盗まれると", ja);
        Assert.Contains("stolen password", en);
        Assert.DoesNotContain("「SSL/TLS」を選ばないよう", ja);
        Assert.Contains("RFC 5321", ja);
        Assert.Contains("RFC 5321", en);
        Assert.DoesNotContain("(RFC 6409: メールソフトからの送信は587番、中継は25番)", ja);
    }

    [Fact]
    public async Task The_Notice_Heads_The_Registry_As_Today_And_Keeps_The_2005_List_As_History()
    {
        await using var factory = new PortalFactory();
        var client = factory.CreatePlainClient();
        var ja = await client.GetStringAsync("/qa", Ct);
        var en = await client.GetStringAsync("/en/qa", Ct);

        Assert.Contains("2005年当時にOP25Bを導入していた主なプロバイダ", ja);
        Assert.Contains("id=\"providers-now\"", ja);
        Assert.Contains("Major providers applying OP25B in 2005", en);
        Assert.Contains("id=\"providers-now\"", en);
        // The registry list follows the "today" heading, not the 2005 one.
        Assert.True(ja.IndexOf("id=\"providers-now\"", StringComparison.Ordinal) < ja.IndexOf("class=\"provider", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Knowing_Whether_My_Provider_Blocks_25_Leads_To_The_Registry_And_The_Line_Test()
    {
        await using var factory = new PortalFactory();
        var html = await factory.CreatePlainClient().GetStringAsync("/qa/my-provider", Ct);

        Assert.Contains("href=\"/line-test\"", html);
        Assert.Contains("href=\"/providers\"", html);
    }
}
