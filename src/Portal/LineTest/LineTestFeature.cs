using Microsoft.Extensions.Options;
using Portal.Site;

namespace Portal.LineTest;

public static class LineTestFeature
{
    public static IServiceCollection AddLineTest(this IServiceCollection services)
    {
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
    private sealed class PurgeExpired(LineTestStore store, TimeProvider clock, ILogger<PurgeExpired> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
            do
            {
                try
                {
                    if (await store.PurgeExpiredAsync(stoppingToken) is var n and > 0) logger.LogInformation("Deleted {Count} expired line tests", n);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not delete expired line tests");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
    }
}
