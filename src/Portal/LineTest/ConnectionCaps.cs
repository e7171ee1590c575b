using System.Net;

namespace Portal.LineTest;

/// <summary>
/// The two caps on open line-test connections: all of them, and per client. An IPv4 client is its address; an IPv6
/// client is its /64, because one customer line is given a whole /64 (or more) and can pick any address in it
/// (RFC 4291 §2.5.1 interface identifiers are 64 bits; RFC 8981 rotates them), so counting exact IPv6 addresses
/// would let one line take every slot.
/// </summary>
public sealed class ConnectionCaps(int max, int perClient)
{
    private readonly Dictionary<string, int> _byClient = [];
    private readonly Lock _lock = new();

    public int Open { get; private set; }

    /// <summary>The client an address counts as: the IPv4 address itself, or the IPv6 /64 it lies in ("2001:db8:1:2::/64").</summary>
    public static string ClientOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public bool TryEnter(IPAddress address)
    {
        var client = ClientOf(address);
        lock (_lock)
        {
            var mine = _byClient.GetValueOrDefault(client);
            if (Open >= max || mine >= perClient) return false;
            _byClient[client] = mine + 1;
            Open++;
            return true;
        }
    }

    public void Exit(IPAddress address)
    {
        var client = ClientOf(address);
        lock (_lock)
        {
            Open--;
            if (--_byClient[client] == 0) _byClient.Remove(client);
        }
    }
}
