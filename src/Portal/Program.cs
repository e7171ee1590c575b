using Portal.Content;
using Portal.Data;
using Portal.LineTest;
using Portal.MailSetup;
using Portal.Monitor;
using Portal.Providers;
using Portal.Replies;
using Portal.SavedResults;
using Portal.Search;
using Portal.Site;
using Portal.Sitemap;
using Portal.Staff;
using Portal.Tester;

// Operator commands (`db backup PATH`, `db check`, `staff add NAME --role admin`, ...) start with a known
// command word; anything else (--urls, key=value) is configuration for the web server.
var (words, configuration) = CommandLine.Split(args);
var builder = WebApplication.CreateBuilder(configuration);

// Blazor's own scripts come from static web assets; enable them outside Development too,
// so an unpublished build run as Production still serves _framework/blazor.web.js.
builder.WebHost.UseStaticWebAssets();

// Site: Razor components, proxy trust, security headers, health checks.
builder.Services.AddSite();

// Data: the SQLite database, its migrations and the data folder with the data-protection keys.
builder.Services.AddData();

// Content: Markdown from content/, cached in memory and in the output cache.
builder.Services.AddContent();

// Tester: live SMTP port probes, their page and their JSON API.
builder.Services.AddTester();

// Saved results: every finished test kept behind an unguessable ID (/r/{id}), for customers and staff.
builder.Services.AddSavedResults();

// Line test: SMTP-speaking listeners that see the customer's own line arrive, and its live page.
builder.Services.AddLineTest();

// Mail setup: guides with our settings, autoconfig, Autodiscover and the Apple profile.
builder.Services.AddMailSetup();

// Providers: the OP25B registry, its pages and its API.
builder.Services.AddProviders();

// Search: a Lucene index of the pages, guides and providers, its page, suggestions and the searches that found nothing.
builder.Services.AddSearch();

// Replies: the staff's reply builder (templates in content/{ja,en}/replies).
builder.Services.AddReplies();

// Monitor: our own relays checked on a schedule, /status with 90-day bars, and the notice while a port is down.
builder.Services.AddMonitor();

// Staff: accounts, cookie login, editing the registry.
builder.Services.AddStaff();

// OpenAPI: /openapi/v1.json describes the public API.
builder.Services.AddOpenApi(o => o.AddDocumentTransformer<ApiDocument>());

var app = builder.Build();

if (words.Length > 0)
{
    // No web server for a command: open the database as configured, migrate it, run, exit.
    await app.Services.GetRequiredService<Migrator>().MigrateAsync();
    return words[0] == "staff"
        ? await StaffCommands.RunAsync(words, app.Configuration["role"], app.Services.GetRequiredService<StaffStore>(), Console.In, Console.Out, Console.Error)
        : await DbCommands.RunAsync(words, app.Services.GetRequiredService<Db>(), Console.Out, Console.Error);
}

// The real client address and scheme from a listed proxy, before anything looks at them (nobody's when none is listed).
app.UseProxyTrust();
app.UseHeadAsGet();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseSecurityHeaders();
// A Host header no URL can be built from gets a 400 here, not a 500 from deep in a page.
app.UseHostCheck();
// A database that cannot be written answers 503 (problem+json from the APIs), not a 500.
app.UseDatabaseUnavailable();

// Static files first: the 404 page's catch-all route would otherwise claim them.
app.UseSiteFiles();
app.UseRouting();
app.UseRequestSizeLimits();
app.UseContentETags();
app.UseAuthentication();
app.UseAuthorization();
app.UseOutputCache();
app.UseAntiforgery();

app.MapOpenApi();
app.MapTesterApi();
app.MapSavedResultsApi();
app.MapLineTestApi();
app.MapMailSetup();
app.MapProvidersApi();
app.MapSearchApi();
app.MapMonitorApi();
app.MapStaffApi();
app.MapSite();
app.MapSitemap();
// The pages. Our own policy carries frame-ancestors; Blazor would otherwise add a second Content-Security-Policy header.
app.MapRazorComponents<Portal.Components.App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

await app.RunAsync();
return 0;

public partial class Program;
