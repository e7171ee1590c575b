using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Portal.Site;

/// <summary>
/// Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. Empty by default: trust no
/// one, so a visitor cannot pick their own address (rate limits) or claim HTTPS.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. ["10.0.0.5"].</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. ["172.18.0.0/16"].</summary>
    public string[] KnownNetworks { get; set; } = [];
}

public static class ProxyTrust
{
    public static IServiceCollection AddProxyTrust(this IServiceCollection services)
    {
        services.BindSection<ProxyOptions>(ProxyOptions.Section)
            .Check(o => o.KnownProxies.Where(p => !IPAddress.TryParse(p?.Trim(), out _))
                    .Select(p => $"ForwardedHeaders:KnownProxies has '{p}', which is not an IP address")
                .Concat(OptionsBinding.Networks("ForwardedHeaders:KnownNetworks", o.KnownNetworks)))
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only what the operator lists is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            o.ForwardLimit = null;   // walk back through every listed proxy, stopping at the first unknown one
            foreach (var p in proxies.Value.KnownProxies) if (IPAddress.TryParse(p.Trim(), out var a)) o.KnownProxies.Add(a);
            foreach (var n in proxies.Value.KnownNetworks) if (System.Net.IPNetwork.TryParse(n.Trim(), out var net)) o.KnownIPNetworks.Add(net);
        });
        return services;
    }
}
