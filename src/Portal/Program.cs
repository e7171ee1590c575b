using Portal.Content;
using Portal.Providers;
using Portal.Site;
using Portal.Tester;

var builder = WebApplication.CreateBuilder(args);

// Blazor's own scripts come from static web assets; enable them outside Development too,
// so an unpublished build run as Production still serves _framework/blazor.web.js.
builder.WebHost.UseStaticWebAssets();

// Site: Razor components, health check.
builder.Services.AddSite();

// Content: Markdown from content/, cached in memory and in the output cache.
builder.Services.AddContent();

// Tester: live SMTP port probes, their page and their JSON API.
builder.Services.AddTester();

// Providers: the OP25B registry in SQLite, its pages and its API.
builder.Services.AddProviders();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

// Static files first: the 404 page's catch-all route would otherwise claim them.
app.UseSiteFiles();
app.UseRouting();
app.UseContentETags();
app.UseOutputCache();
app.UseAntiforgery();

app.MapTesterApi();
app.MapProvidersApi();
app.MapSite();

app.Run();

public partial class Program;
