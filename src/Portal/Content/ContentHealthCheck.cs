using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Content;

/// <summary>Readiness of the content: at least one document is loaded.</summary>
public sealed class ContentHealthCheck(ContentStore store, ILogger<ContentHealthCheck> logger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var count = store.Current.Documents.Count;
        if (count == 0) logger.LogError("Health check: no content loaded from {Root}", store.Root);
        return Task.FromResult(count > 0
            ? HealthCheckResult.Healthy($"{count} content documents, version {store.Current.Version}")
            : HealthCheckResult.Unhealthy("no content loaded"));
    }
}
