using Portal.Content;

namespace Portal.Tests.Content;

public sealed class FrontMatterTests
{
    [Fact]
    public void Valid_Front_Matter_Gives_Title_Slug_Order_Date_And_Body()
    {
        var (meta, body) = FrontMatterParser.Split("---\ntitle: 質問です\nslug: my-question\norder: 3\nupdated: 2026-11-28\n---\n本文\n");

        Assert.Equal("質問です", meta.Title);
        Assert.Equal("my-question", meta.Slug);
        Assert.Equal(3, meta.Order);
        Assert.Equal(new DateOnly(2026, 11, 28), FrontMatterParser.ParseUpdated(meta));
        Assert.Equal("本文\n", body);
    }

    [Fact]
    public void Windows_Line_Endings_And_Byte_Order_Mark_Are_Accepted()
    {
        var (meta, body) = FrontMatterParser.Split("\uFEFF---\r\ntitle: T\r\nslug: s\r\norder: 1\r\nupdated: 2026-01-02\r\n---\r\nText\r\n");
        Assert.Equal("s", meta.Slug);
        Assert.Equal("Text\n", body);
    }

    [Theory]
    [InlineData("title: T\n", "does not start")]
    [InlineData("---\ntitle: T\nslug: s\norder: 1\nupdated: 2026-01-01\n", "no closing")]
    [InlineData("---\ntitle: [unclosed\nslug: s\n---\n", "not valid YAML")]
    [InlineData("---\ntitle: T\nslug: s\n---\n", "lacks order, updated")]
    [InlineData("---\ntitle: T\nslug: Bad Slug\norder: 1\nupdated: 2026-01-01\n---\n", "slug 'Bad Slug'")]
    [InlineData("---\ntitle: T\nslug: s\norder: 1\nupdated: 28/11/2026\n---\n", "'updated' must be a date")]
    [InlineData("---\ntitle: T\nslug: s\norder: one\nupdated: 2026-01-01\n---\n", "not valid YAML")]
    [InlineData("---\ntitle: T\nslug: s\norder: 1\nupdated: 2026-01-01\ntype: blog\n---\n", "'type' must be")]
    [InlineData("---\ntitel: T\nslug: s\norder: 1\nupdated: 2026-01-01\n---\n", "not valid YAML")]
    public void Broken_Front_Matter_Is_Rejected_With_A_Reason(string text, string reason)
    {
        var error = Assert.Throws<ContentFormatException>(() => FrontMatterParser.Split(text));
        Assert.Contains(reason, error.Message);
    }
}
