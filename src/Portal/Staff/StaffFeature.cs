using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Portal.Providers;

namespace Portal.Staff;

public static class StaffFeature
{
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddSingleton<StaffStore>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/staff/login";
                o.AccessDeniedPath = "/staff/denied";
                o.Cookie.Name = "portal-staff";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                // APIs answer 401/403; only pages redirect to the login form.
                o.Events.OnRedirectToLogin = c => Answer(c.HttpContext, StatusCodes.Status401Unauthorized, () => c.Response.Redirect(c.RedirectUri));
                o.Events.OnRedirectToAccessDenied = c => Answer(c.HttpContext, StatusCodes.Status403Forbidden, () => c.Response.Redirect(c.RedirectUri));
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Editor, p => p.RequireRole(Editor, Admin))
            .AddPolicy(Admin, p => p.RequireRole(Admin));
        services.AddCascadingAuthenticationState();
        return services;
    }

    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/staff").RequireAuthorization(Editor);
        api.MapGet("/providers/{id:long}/history", async (long id, ProviderEditing editing, CancellationToken ct) =>
            Results.Ok(await editing.HistoryAsync(id, ct)));
        api.MapGet("/whoami", (ClaimsPrincipal user) => Results.Ok(new { name = user.Identity!.Name, role = user.FindFirstValue(ClaimTypes.Role) }));
        return routes;
    }

    public static ClaimsPrincipal Principal(StaffMember member) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, member.Id.ToString()), new Claim(ClaimTypes.Name, member.Name), new Claim(ClaimTypes.Role, member.Role)],
        CookieAuthenticationDefaults.AuthenticationScheme));

    private static Task Answer(HttpContext http, int status, Action redirect)
    {
        if (http.Request.Path.StartsWithSegments("/api")) http.Response.StatusCode = status;
        else redirect();
        return Task.CompletedTask;
    }
}

/// <summary>`Portal staff add NAME --role admin|editor`: the password is read from standard input, never from the command line.</summary>
public static class StaffCommands
{
    public static async Task<int> RunAsync(string[] words, string? role, StaffStore store, TextReader input, TextWriter output, TextWriter error)
    {
        if (words is not ["staff", "add", var name])
        {
            await error.WriteLineAsync("usage: Portal staff add NAME --role admin|editor   (password on standard input)");
            return 2;
        }
        role ??= StaffFeature.Editor;
        if (!Console.IsInputRedirected) await output.WriteAsync($"Password for {name} (at least 12 characters): ");
        var password = await input.ReadLineAsync() ?? "";
        try
        {
            var id = await store.AddAsync(name, role, password);
            await output.WriteLineAsync($"Added {role} '{name}' (id {id}).");
            return 0;
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync(e.Message.Split(" (Parameter")[0]);
            return 2;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == 19)
        {
            await error.WriteLineAsync($"A staff member named '{name}' already exists.");
            return 2;
        }
    }
}
