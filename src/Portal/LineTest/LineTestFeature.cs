using Microsoft.Extensions.Options;
using Portal.Site;

namespace Portal.LineTest;

public static class LineTestFeature
{
    public static IServiceCollection AddLineTest(this IServiceCollection services)
    {
        // Development (dotnet run on a newcomer's machine) has no firewall publishing 25/587/465 onto the listeners, so the
        // commands shown use the listeners' own ports (2525/2587/2465); Production keeps the public ones. The listeners
        // still stand for 25, 587 and 465, so the verdict speaks of those. Registered before the binding, so
        // LineTest:CommandsUseListenerPorts set in configuration wins in either environment.
        services.AddOptions<LineTestOptions>().Configure<IHostEnvironment>((o, env) => o.CommandsUseListenerPorts = env.IsDevelopment());
        services.BindSection<LineTestOptions>(LineTestOptions.Section)
            .Check(o => o.Problems())
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LineTestOptions>>().Value);
        services.AddSingleton<LineTestStore>();
        services.AddSingleton<ArrivalSignal>();
        services.AddSingleton<IReverseDns, SystemReverseDns>();
        services.AddSingleton<LineIdentifier>();
        services.AddSingleton<LineListeners>();
        services.AddHostedService(sp => sp.GetRequiredService<LineListeners>());
        services.AddHostedService<PurgeExpired>();
        services.AddSingleton<LineTests>();
        return services;
    }

    /// <summary>Removes expired line tests and their arrivals once a minute.</summary>
    private sealed class PurgeExpired(LineTestStore store, TimeProvider clock, ILogger<PurgeExpired> logger)
        : PeriodicPurge(TimeSpan.FromMinutes(1), clock, logger)
    {
        protected override string What => "expired line tests";
        protected override Task<int> PurgeAsync(CancellationToken cancellationToken) => store.PurgeExpiredAsync(cancellationToken);
    }
}
