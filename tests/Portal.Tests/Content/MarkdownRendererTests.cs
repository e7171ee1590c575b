using Portal.Content;

namespace Portal.Tests.Content;

public sealed class MarkdownRendererTests
{
    [Fact]
    public void Explicit_Heading_Ids_Become_Anchors_And_Sections()
    {
        var (html, _, sections) = MarkdownRenderer.Render("## 最初の見出し {#first}\n本文A\n\n## Second `code`\n本文B\n");

        Assert.Contains("<h2 id=\"first\">最初の見出し</h2>", html);
        Assert.Equal(["first", "second-code"], sections.Select(s => s.Id));
        Assert.Equal("最初の見出し", sections[0].Title);
        Assert.Equal("本文A", sections[0].PlainText);
        Assert.Equal("Second code", sections[1].Title);
    }

    [Fact]
    public void Pipe_Tables_Render_As_Html_Tables()
    {
        var (html, _, _) = MarkdownRenderer.Render("| a | b |\n| --- | --- |\n| 587 | STARTTLS |\n");
        Assert.Contains("<table>", html);
        Assert.Contains("<td>587</td>", html);
    }

    [Fact]
    public void Figures_Keep_The_Image_Text_Alternative_And_The_Caption()
    {
        var (html, _, _) = MarkdownRenderer.Render("^^^\n![図の説明](/img/x.svg)\n^^^ 図1 キャプション\n");
        Assert.Contains("<figure>", html);
        Assert.Contains("alt=\"図の説明\"", html);
        Assert.Contains("<figcaption>図1 キャプション</figcaption>", html);
    }
}
