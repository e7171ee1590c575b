using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Portal.Content;

namespace Portal.Site;

/// <summary>Static files from the top-level wwwroot/, Razor components and the /healthz probe.</summary>
public static class SiteFeature
{
    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Japanese text as UTF-8, not as numeric character references three times its size.
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddHealthChecks().AddCheck<ContentHealthCheck>("content").AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static WebApplication UseSiteFiles(this WebApplication app)
    {
        var root = SiteRoot.Resolve(app.Configuration, app.Environment);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(root, "wwwroot")),
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }

    public static WebApplication MapSite(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
                });
            },
        });
        app.MapStaticAssets();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        return app;
    }

    private sealed class DatabaseHealthCheck(Portal.Data.Db db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var connection = await db.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA user_version";
                var version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
                return HealthCheckResult.Healthy($"SQLite schema version {version}");
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                return HealthCheckResult.Unhealthy($"the database cannot be opened: {e.Message}");
            }
        }
    }

    private sealed class ContentHealthCheck(ContentStore store) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var count = store.Current.Documents.Count;
            return Task.FromResult(count > 0
                ? HealthCheckResult.Healthy($"{count} content documents, version {store.Current.Version}")
                : HealthCheckResult.Unhealthy($"no content loaded from {store.Root}"));
        }
    }
}
