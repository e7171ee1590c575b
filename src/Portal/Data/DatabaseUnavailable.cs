using System.Net;
using Portal.Site;

namespace Portal.Data;

/// <summary>
/// A request that fails because the database cannot be written or reached gets 503 with Retry-After: problem+json from
/// the APIs, a short page in the reader's language elsewhere. Anything else keeps going to the error page as a 500.
/// Nothing is lost: the failed write was never committed, and the visitor is told to try again.
/// </summary>
public static class DatabaseUnavailable
{
    public const int RetryAfterSeconds = 30;

    public static readonly Text Message = new(
        "ただいまデータベースに書き込めないため、この操作を受け付けられません。しばらくしてからもう一度お試しください。",
        "The database cannot be written at the moment, so this could not be done. Please try again in a little while.");

    public static IApplicationBuilder UseDatabaseUnavailable(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (Db.CannotWrite(e) && !context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseUnavailable).FullName!)
                .LogError(e, "The database cannot be written: {Method} {Path} answered 503", context.Request.Method, LogText.Cut(context.Request.Path.Value));
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            ApiProblem.RetryAfter(context, TimeSpan.FromSeconds(RetryAfterSeconds));
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await ApiProblem.Of(503, "database-unavailable", "Database unavailable", Message.En).ExecuteAsync(context);
                return;
            }
            var lang = LangExtensions.FromPath(context.Request.Path);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync($"""
                <!DOCTYPE html>
                <html lang="{lang.Code()}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>503</title><link rel="stylesheet" href="/css/site.css"></head><body><main class="prose"><h1>503</h1><p>{WebUtility.HtmlEncode(Message[lang])}</p>
                <p><a href="{lang.Url("/")}">{WebUtility.HtmlEncode(SiteText.Home[lang])}</a></p></main></body></html>
                """);
        }
    });
}
