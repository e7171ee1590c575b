using Microsoft.Extensions.Options;
using Portal.Site;

namespace Portal.Tester;

public static class TesterFeature
{
    public static IServiceCollection AddTester(this IServiceCollection services)
    {
        services.BindSection<TesterOptions>(TesterOptions.Section)
            .Check(o => o.Problems())
            .ValidateOnStart();
        // The old switch opened every private network; refuse to start rather than guess what was meant.
        services.AddOptions<TesterOptions>().Validate<IConfiguration>(
            (_, config) => config["Tester:AllowPrivateTargets"] is null,
            "Tester:AllowPrivateTargets is no longer read: list the networks that may be tested in Tester:AllowedPrivateNetworks (CIDR, e.g. 10.0.0.0/8)");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TesterOptions>>().Value);
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<SmtpProbe>();
        services.AddSingleton<PortTester>();
        services.AddSingleton<ProbeCapacity>();
        services.AddSingleton<TesterRateLimiter>();
        services.AddSingleton<TesterRuns>();
        return services;
    }
}
