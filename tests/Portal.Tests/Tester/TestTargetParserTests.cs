using Portal.Tester;

namespace Portal.Tests.Tester;

public sealed class TestTargetParserTests
{
    private static readonly TesterOptions Options = new();

    [Theory]
    [InlineData("2130706433")]
    [InlineData("0x7f.1")]
    [InlineData("0177.0.0.1")]
    [InlineData("127.1")]
    [InlineData("127.0.0.1")]
    public void Obfuscated_Loopback_Literals_Are_Read_As_127_0_0_1(string host)
    {
        var (target, refusal) = TestTargetParser.Parse(host, null, Options);
        Assert.Null(refusal);
        Assert.Equal("127.0.0.1", target!.Literal!.ToString());
    }

    [Fact]
    public void An_Ipv6_Literal_In_Brackets_Is_Accepted()
    {
        var (target, _) = TestTargetParser.Parse("[::1]", "587", Options);
        Assert.Equal("::1", target!.Literal!.ToString());
    }

    [Fact]
    public void An_Internationalised_Name_Is_Shown_Both_Ways()
    {
        var (target, refusal) = TestTargetParser.Parse("メール.example.jp", "587", Options);
        Assert.Null(refusal);
        Assert.Equal("メール.example.jp", target!.Host);
        Assert.Equal("xn--4dkua4c.example.jp", target.AsciiHost);
    }

    [Fact]
    public void A_Name_Is_Lower_Cased_And_Its_Trailing_Dot_Dropped()
    {
        var (target, _) = TestTargetParser.Parse(" SMTP.Example.JP. ", "25", Options);
        Assert.Equal("smtp.example.jp", target!.AsciiHost);
        Assert.Null(target.Literal);
    }

    [Theory]
    [InlineData("", "host-missing")]
    [InlineData(null, "host-missing")]
    [InlineData("bad_name.example", "host-invalid")]
    [InlineData("-bad.example", "host-invalid")]
    [InlineData("exa mple.jp", "host-invalid")]
    [InlineData("http://smtp.example.jp", "host-invalid")]
    [InlineData("smtp.example.jp:25", "host-invalid")]
    [InlineData("1.2.3.999", "host-invalid")]
    [InlineData("fe80::1%eth0", "host-invalid")]
    public void Malformed_Hosts_Are_Refused(string? host, string code) =>
        Assert.Equal(code, TestTargetParser.Parse(host, null, Options).Refusal!.Code);

    [Fact]
    public void A_Host_Over_253_Characters_Is_Refused()
    {
        var host = string.Join('.', Enumerable.Repeat(new string('a', 60), 5));
        Assert.Equal("host-too-long", TestTargetParser.Parse(host, null, Options).Refusal!.Code);
    }

    [Fact]
    public void A_Label_Over_63_Characters_Is_Refused() =>
        Assert.Equal("host-invalid", TestTargetParser.Parse(new string('a', 64) + ".jp", null, Options).Refusal!.Code);

    [Theory]
    [InlineData("22")]
    [InlineData("80")]
    [InlineData("25,3306")]
    [InlineData("abc")]
    [InlineData("-25")]
    public void Ports_That_Are_Not_Allowed_Are_Refused(string ports)
    {
        var refusal = TestTargetParser.Parse("smtp.example.jp", ports, Options).Refusal!;
        Assert.Equal("port-not-allowed", refusal.Code);
        Assert.Contains("25, 465, 587", refusal.Message.En);
    }

    [Fact]
    public void Without_Ports_Every_Allowed_Port_Is_Tested_And_Duplicates_Go()
    {
        Assert.Equal([25, 465, 587], TestTargetParser.Parse("smtp.example.jp", null, Options).Target!.Ports);
        Assert.Equal([587, 25], TestTargetParser.Parse("smtp.example.jp", "587,25,587", Options).Target!.Ports);
    }
}
