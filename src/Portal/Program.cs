using Portal.Content;
using Portal.Data;
using Portal.Providers;
using Portal.Site;
using Portal.Staff;
using Portal.Tester;

// Operator commands come first (`-- db backup PATH`, `-- db check`, `-- staff add NAME --role admin`);
// options such as --urls and --role follow them.
var words = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var builder = WebApplication.CreateBuilder(args[words.Length..]);

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

// Staff: accounts, cookie login, editing the registry.
builder.Services.AddStaff();

var app = builder.Build();

if (words.Length > 0)
{
    // No web server for a command: open the database as configured, migrate it, run, exit.
    await app.Services.GetRequiredService<Migrator>().MigrateAsync();
    return words[0] == "staff"
        ? await StaffCommands.RunAsync(words, app.Configuration["role"], app.Services.GetRequiredService<StaffStore>(), Console.In, Console.Out, Console.Error)
        : await DbCommands.RunAsync(words, app.Services.GetRequiredService<Db>(), Console.Out, Console.Error);
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

// Static files first: the 404 page's catch-all route would otherwise claim them.
app.UseSiteFiles();
app.UseRouting();
app.UseContentETags();
app.UseAuthentication();
app.UseAuthorization();
app.UseOutputCache();
app.UseAntiforgery();

app.MapTesterApi();
app.MapProvidersApi();
app.MapStaffApi();
app.MapSite();

await app.RunAsync();
return 0;

public partial class Program;
