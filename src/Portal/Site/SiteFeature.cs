using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;

namespace Portal.Site;

/// <summary>Static files from the top-level wwwroot/, the Razor components' services, and the /healthz endpoints (each feature adds its check).</summary>
public static class SiteFeature
{
    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Japanese text as UTF-8, not as numeric character references three times its size, in pages and in JSON.
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder =
            System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        // One clock for every feature, so tests can move it.
        services.TryAddSingleton(TimeProvider.System);
        // Each feature adds its own readiness check (tagged ReadyTag): content, database.
        services.AddHealthChecks();
        services.AddProxyTrust();
        // Form tokens travel only over HTTPS when the page came over HTTPS (the framework's default never marks them Secure).
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddProblemDetails();
        services.AddHttpContextAccessor();
        services.AddScoped<ClientAddress>();
        services.BindSection<ContactOptions>(ContactOptions.Section).Check(o => o.Problems()).ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ContactOptions>>().Value);
        services.BindSection<PublicUrlOptions>(PublicUrlOptions.Section)
            .Check((sp, o) => o.Problems(sp.GetRequiredService<IHostEnvironment>().IsProduction()))
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PublicUrlOptions>>().Value);
        services.AddSingleton<PublicLinks>();
        return services;
    }

    public static WebApplication UseSiteFiles(this WebApplication app)
    {
        var root = SiteRoot.Resolve(app.Configuration, app.Environment);
        var files = new PhysicalFileProvider(Path.Combine(root, "wwwroot"));
        // MapStaticAssets serves the fingerprinted _framework files from the web root: put the site's wwwroot
        // (the publish folder's, holding _framework) in front, or a published app started elsewhere answers an empty 200.
        app.Environment.WebRootPath = files.Root;
        app.Environment.WebRootFileProvider = new CompositeFileProvider(files, app.Environment.WebRootFileProvider);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }

    /// <summary>The tag of the checks /healthz/ready runs; each feature registers its own.</summary>
    public const string ReadyTag = "ready";

    public static WebApplication MapSite(this WebApplication app)
    {
        // live: the process answers. ready (and /healthz): content and database work.
        app.MapHealthChecks("/healthz/live", Health(_ => false));
        app.MapHealthChecks("/healthz/ready", Health(c => c.Tags.Contains(ReadyTag)));
        app.MapHealthChecks("/healthz", Health(c => c.Tags.Contains(ReadyTag)));
        // Unknown API paths answer in the API's language, not with the HTML 404 page.
        app.Map("/api/{**rest}", () => ApiProblem.Of(StatusCodes.Status404NotFound, "not-found", "Not found",
            "There is no such API endpoint.")).ExcludeFromDescription();
        app.MapStaticAssets();
        return app;
    }

    // Anonymous output: status and a short description, never exception text or file paths (those go to the log).
    private static HealthCheckOptions Health(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = (context, report) =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsJsonAsync(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
            });
        },
    };
}
