using System.Net;
using Portal.LineTest;

namespace Portal.Tests.LineTest;

/// <summary>The line-test connection caps count an IPv6 client per /64, so one line cannot take every slot by rotating addresses.</summary>
public sealed class ConnectionCapsTests
{
    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void An_Ipv6_Client_Is_Its_Slash_64_And_An_Ipv4_Client_Its_Address(string address, string client) =>
        Assert.Equal(client, ConnectionCaps.ClientOf(IPAddress.Parse(address)));

    [Fact]
    public void Many_Addresses_Of_One_Slash_64_Share_One_Per_Client_Cap()
    {
        var caps = new ConnectionCaps(max: 500, perClient: 10);
        var entered = Enumerable.Range(1, 500).Count(i => caps.TryEnter(IPAddress.Parse($"2001:db8:aa:bb::{i:x}")));

        Assert.Equal(10, entered);
        Assert.True(caps.TryEnter(IPAddress.Parse("2001:db8:aa:bc::1")), "the next /64 is another client");
        Assert.True(caps.TryEnter(IPAddress.Parse("192.0.2.1")));
        Assert.Equal(12, caps.Open);
    }

    [Fact]
    public void Leaving_Gives_The_Slot_Back_To_The_Slash_64()
    {
        var caps = new ConnectionCaps(max: 500, perClient: 2);
        var a = IPAddress.Parse("2001:db8::1");
        var b = IPAddress.Parse("2001:db8::2");
        Assert.True(caps.TryEnter(a));
        Assert.True(caps.TryEnter(b));
        Assert.False(caps.TryEnter(IPAddress.Parse("2001:db8::3")));

        caps.Exit(a);

        Assert.True(caps.TryEnter(IPAddress.Parse("2001:db8::4")));
        Assert.Equal(2, caps.Open);
    }
}
