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
            // One X-Forwarded-For entry per listed hop, never an unlimited walk back through client-written entries.
            o.ForwardLimit = Math.Max(1, proxies.Value.KnownProxies.Length + proxies.Value.KnownNetworks.Length);
            foreach (var p in proxies.Value.KnownProxies) if (IPAddress.TryParse(p.Trim(), out var a)) o.KnownProxies.Add(a);
            foreach (var n in proxies.Value.KnownNetworks) if (System.Net.IPNetwork.TryParse(n.Trim(), out var net)) o.KnownIPNetworks.Add(net);
        });
        return services;
    }

    /// <summary>
    /// Forwarded headers only when a proxy is listed. With both lists empty the framework's middleware does not
    /// check the source at all: ForwardedHeadersMiddleware.ApplyForwarders has
    /// <c>var checkKnownIps = _options.KnownIPNetworks.Count > 0 || _options.KnownProxies.Count > 0;</c>
    /// (dotnet/aspnetcore, src/Middleware/HttpOverrides/src/ForwardedHeadersMiddleware.cs), so clearing both lists
    /// means "believe everyone". Here, empty lists mean the middleware is not in the pipeline at all.
    /// </summary>
    public static WebApplication UseProxyTrust(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value;
        if (AnyListed(proxies)) app.UseForwardedHeaders();
        return app;
    }

    public static bool AnyListed(ProxyOptions proxies) =>
        proxies.KnownProxies.Any(p => !string.IsNullOrWhiteSpace(p)) || proxies.KnownNetworks.Any(n => !string.IsNullOrWhiteSpace(n));
}
