namespace Portal.Site;

/// <summary>
/// A request whose Host header cannot name this site (empty, a port above 65535, spaces, userinfo or a path) gets one
/// short 400 and one log line, before any page builds a URL from it. Kestrel checks only the header's characters
/// (RFC 9112 §3.2 leaves the rest to the server), and Blazor's NavigationManager and every absolute URL built from
/// the request would otherwise throw a UriFormatException deep in rendering: a 500 with ~60 log lines.
/// </summary>
public static class HostCheck
{
    public static readonly Text BadHost = new("Host ヘッダーが正しくありません。", "The Host header is not valid.");

    public static bool IsUsable(HostString host)
    {
        if (!host.HasValue || host.Value.AsSpan().IndexOfAny("/\\?#@ \t%") >= 0) return false;
        return Uri.TryCreate("http://" + host.Value + "/", UriKind.Absolute, out var uri)
               && uri.AbsolutePath == "/" && uri.Host.Length > 0 && host.Port is null or (> 0 and <= 65535);
    }

    public static IApplicationBuilder UseHostCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsUsable(context.Request.Host)) { await next(context); return; }
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostCheck).FullName!);
        logger.LogWarning("Refused a request with an unusable Host header '{Host}' from {Address}",
            LogText.Cut(context.Request.Headers.Host.ToString(), 100), ClientKey.Of(context));
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await ApiProblem.Of(400, "bad-host", "Bad Host header", BadHost.En).ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"400 {BadHost.Ja}\n400 {BadHost.En}\n");
    });
}
