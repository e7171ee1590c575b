using System.Net;
using Portal.Tester;

namespace Portal.Tests.Tester;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")] [InlineData("127.255.255.254")] [InlineData("0.0.0.0")] [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")] [InlineData("172.16.0.1")] [InlineData("172.31.255.255")] [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")] [InlineData("100.127.255.255")] [InlineData("169.254.169.254")]
    [InlineData("224.0.0.1")] [InlineData("239.255.255.250")] [InlineData("255.255.255.255")] [InlineData("240.0.0.1")]
    [InlineData("192.0.2.10")] [InlineData("198.51.100.7")] [InlineData("203.0.113.9")] [InlineData("198.18.0.1")] [InlineData("198.19.255.1")]
    [InlineData("192.0.0.8")]
    [InlineData("::")] [InlineData("::1")] [InlineData("fe80::1")] [InlineData("fc00::1")] [InlineData("fd12:3456::1")]
    [InlineData("fec0::1")] [InlineData("ff02::1")] [InlineData("2001:db8::1")] [InlineData("3fff::1")] [InlineData("2001:2::1")]
    [InlineData("64:ff9b::7f00:1")] [InlineData("64:ff9b::808:808")] [InlineData("64:ff9b:1::1")] [InlineData("2001::1")]
    [InlineData("::ffff:127.0.0.1")] [InlineData("::ffff:10.1.2.3")] [InlineData("::ffff:169.254.169.254")]
    [InlineData("::127.0.0.1")] [InlineData("::8.8.8.8")] [InlineData("2002:7f00:1::1")] [InlineData("2002:c0a8:101::1")]
    [InlineData("100::1")] [InlineData("4000::1")]
    public void Non_Public_Addresses_Are_Refused(string address) =>
        Assert.NotNull(AddressPolicy.WhyNotPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")] [InlineData("1.1.1.1")] [InlineData("172.32.0.1")] [InlineData("100.128.0.1")] [InlineData("192.169.0.1")]
    [InlineData("2404:6800:4004:80a::200e")] [InlineData("::ffff:8.8.8.8")] [InlineData("2002:808:808::1")]
    public void Public_Addresses_Are_Allowed(string address) =>
        Assert.Null(AddressPolicy.WhyNotPublic(IPAddress.Parse(address)));

    [Fact]
    public void The_Reason_Names_The_Kind_Of_Address()
    {
        Assert.Equal("loopback", AddressPolicy.WhyNotPublic(IPAddress.Loopback));
        Assert.Equal("private", AddressPolicy.WhyNotPublic(IPAddress.Parse("192.168.0.1")));
        Assert.Contains("IPv4-mapped", AddressPolicy.WhyNotPublic(IPAddress.Parse("::ffff:10.0.0.1")));
    }
}
