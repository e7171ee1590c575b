using System.Net;
using System.Net.Sockets;

namespace Portal.Tester;

/// <summary>
/// Decides whether an address is a public unicast one the tester may connect to. Everything else
/// (loopback, private, shared, link-local, multicast, documentation, benchmarking, reserved, and IPv6
/// forms that carry such an IPv4 address) is refused, so the tester cannot be turned on internal networks.
/// </summary>
public static class AddressPolicy
{
    private static readonly (IPNetwork Net, string Why)[] V4Blocked =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "this-network"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (carrier-grade NAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay anycast"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
    ];

    private static readonly (IPNetwork Net, string Why)[] V6Blocked =
    [
        (IPNetwork.Parse("64:ff9b::/96"), "NAT64"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "NAT64 (local use)"),
        (IPNetwork.Parse("100::/64"), "discard-only"),
        (IPNetwork.Parse("2001::/32"), "Teredo"),
        (IPNetwork.Parse("2001:2::/48"), "benchmarking"),
        (IPNetwork.Parse("2001:10::/28"), "ORCHID"),
        (IPNetwork.Parse("2001:20::/28"), "ORCHIDv2"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation"),
        (IPNetwork.Parse("3fff::/20"), "documentation"),
        (IPNetwork.Parse("fc00::/7"), "unique local (ULA)"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Null when the address is public; otherwise why it is refused (e.g. "loopback").</summary>
    public static string? WhyNotPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            if (address.Equals(IPAddress.Broadcast)) return "broadcast";
            foreach (var (net, why) in V4Blocked)
                if (net.Contains(address)) return why;
            return null;
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return "not an IP address";

        if (address.IsIPv4MappedToIPv6)
            return Embedded("IPv4-mapped", address.MapToIPv4());
        var bytes = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Any)) return "unspecified";
        if (address.Equals(IPAddress.IPv6Loopback)) return "loopback";
        // ::a.b.c.d (IPv4-compatible, deprecated): judge by the IPv4 address it carries, and refuse anyway.
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            return "IPv4-compatible IPv6";
        if (SixToFour.Contains(address))
            return Embedded("6to4", new IPAddress(bytes.AsSpan(2, 4))) ?? null;
        foreach (var (net, why) in V6Blocked)
            if (net.Contains(address)) return why;
        if (!GlobalUnicastV6.Contains(address)) return "reserved";
        return null;
    }

    private static string? Embedded(string form, IPAddress v4) =>
        WhyNotPublic(v4) is { } why ? $"{form} form of a {why} address" : null;
}
