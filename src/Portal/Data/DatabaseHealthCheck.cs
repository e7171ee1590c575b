using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Data;

/// <summary>Readiness of the database: it opens, has a schema version, and would accept a write.</summary>
public sealed class DatabaseHealthCheck(Db db, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var opened = false;
        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var version = await Migrator.VersionAsync(connection, null);
            opened = true;
            // Ready means a write would be accepted too: a read-only database serves pages but fails every sign-in.
            await db.CheckWritableAsync(connection, cancellationToken);
            return HealthCheckResult.Healthy($"{(db.Provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite")} schema version {version}, writable");
        }
        catch (Exception e) when (opened && Db.CannotWrite(e))
        {
            logger.LogError(e, "Health check: the database cannot be written");
            return HealthCheckResult.Unhealthy("the database cannot be written");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Health check: the database cannot be opened");
            return HealthCheckResult.Unhealthy("the database cannot be opened");
        }
    }
}
