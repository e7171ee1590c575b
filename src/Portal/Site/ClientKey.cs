namespace Portal.Site;

/// <summary>The client a limit or a log line is about: its address, which UseForwardedHeaders has set from a known proxy.</summary>
public static class ClientKey
{
    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress is { } a
        ? (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToString()
        : "unknown";
}
