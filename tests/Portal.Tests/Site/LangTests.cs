using Portal.Site;

namespace Portal.Tests.Site;

public sealed class LangTests
{
    [Theory]
    [InlineData("/", Lang.Ja)]
    [InlineData("/qa", Lang.Ja)]
    [InlineData("/en", Lang.En)]
    [InlineData("/en/qa/which-port", Lang.En)]
    [InlineData("/english", Lang.Ja)]
    [InlineData(null, Lang.Ja)]
    public void The_Language_Comes_From_The_Path(string? path, Lang expected) =>
        Assert.Equal(expected, LangExtensions.FromPath(path));

    [Theory]
    [InlineData("/", "/en")]
    [InlineData("/en", "/")]
    [InlineData("/qa/which-port", "/en/qa/which-port")]
    [InlineData("/en/qa/which-port", "/qa/which-port")]
    [InlineData("/en/", "/")]
    public void Switching_Language_Keeps_The_Page(string path, string expected) =>
        Assert.Equal(expected, LangExtensions.SwitchPath(path));

    [Theory]
    [InlineData("/en//evil.example", "/")]
    [InlineData("/en/\\evil.example", "/")]
    [InlineData("/en/\t//evil.example", "/")]
    [InlineData("/en/\n//evil.example", "/")]
    [InlineData("/en/\u2028//evil.example", "/")]
    [InlineData("//evil.example", "/en")]
    [InlineData("/\\evil.example", "/en")]
    [InlineData("/qa/\\x", "/en")]
    [InlineData("/en/%2F%2Fevil", "/%2F%2Fevil")]
    [InlineData("/en/qa//x", "/qa//x")]
    public void A_Path_That_A_Browser_Would_Read_As_Another_Host_Switches_To_The_Other_Home(string path, string expected) =>
        Assert.Equal(expected, LangExtensions.SwitchPath(path));
}
