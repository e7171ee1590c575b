using Microsoft.Extensions.Options;

namespace Portal.Tester;

public static class TesterFeature
{
    public static IServiceCollection AddTester(this IServiceCollection services)
    {
        services.AddOptions<TesterOptions>()
            .BindConfiguration(TesterOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.AllowedPorts.Length > 0 && o.AllowedPorts.All(p => p is > 0 and < 65536), "Tester:AllowedPorts must list ports 1-65535")
            .Validate(o => o.GreetingTimeout < o.TestTimeout, "Tester:GreetingTimeout must be shorter than Tester:TestTimeout")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TesterOptions>>().Value);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<SmtpProbe>();
        services.AddSingleton<PortTester>();
        services.AddSingleton<ProbeCapacity>();
        services.AddSingleton<TesterRateLimiter>();
        services.AddHttpContextAccessor();
        // Japanese messages readable in the JSON, not as \uXXXX escapes.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder =
            System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<ClientAddress>();
        return services;
    }
}

/// <summary>
/// The visitor's address for the live page. Resolved when the page is created: during prerendering from
/// the page request, in the circuit from the request that opened it.
/// </summary>
public sealed class ClientAddress(IHttpContextAccessor accessor)
{
    public string Key { get; } = accessor.HttpContext is { } http ? ClientKey.Of(http) : "circuit";
}
