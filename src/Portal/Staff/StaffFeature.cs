using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Portal.Site;

namespace Portal.Staff;

public static class StaffFeature
{
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddSingleton<StaffStore>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<StaffSessions>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/staff/login";
                o.AccessDeniedPath = "/staff/denied";
                o.Cookie.Name = ApiDocument.StaffCookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // A session ends 8 hours after sign-in, however active it is.
                o.ExpireTimeSpan = StaffSessions.Lifetime;
                o.SlidingExpiration = false;
                o.Events.OnValidatePrincipal = StaffSessions.ValidateAsync;
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
        // Staff endpoints are not part of the public API description.
        var api = routes.MapGroup("/api/staff").RequireAuthorization(Editor).ExcludeFromDescription();
        api.MapGet("/whoami", (ClaimsPrincipal user) => Results.Ok(new { name = user.Identity!.Name, role = user.FindFirstValue(ClaimTypes.Role) }));
        return routes;
    }

    private static Task Answer(HttpContext http, int status, Action redirect)
    {
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            redirect();
            return Task.CompletedTask;
        }
        // APIs answer in their one shape, problem+json, like every other API error.
        return (status == StatusCodes.Status401Unauthorized
                ? ApiProblem.Of(status, "unauthorized", "Unauthorized", "Sign in as staff first.")
                : ApiProblem.Of(status, "forbidden", "Forbidden", "This needs another staff role.")).ExecuteAsync(http);
    }
}

