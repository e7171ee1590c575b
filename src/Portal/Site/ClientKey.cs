namespace Portal.Site;

/// <summary>The client a limit or a log line is about: its address, which UseForwardedHeaders has set from a known proxy.</summary>
public static class ClientKey
{
    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress is { } a
        ? (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToString()
        : "unknown";
}

/// <summary>
/// The visitor's address for the live page. Resolved when the page is created: during prerendering from
/// the page request, in the circuit from the request that opened it.
/// </summary>
public sealed class ClientAddress(IHttpContextAccessor accessor)
{
    public string Key { get; } = accessor.HttpContext is { } http ? ClientKey.Of(http) : "circuit";
}
