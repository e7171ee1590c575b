namespace Portal.Site;

/// <summary>
/// HEAD is answered like GET (same status and headers) without a body, for every page and GET API:
/// uptime monitors and link checkers use it, and Razor pages and minimal APIs map only GET. HEAD is safe (RFC 9110
/// §9.2.1, §9.3.2: "identical to GET except that the server MUST NOT send content"), so whatever a GET would do
/// besides answering (probe a relay, keep a result, count a search miss) asks <see cref="IsHead"/> first and skips it.
/// </summary>
public static class HeadRequests
{
    private static readonly object HeadKey = new();

    /// <summary>True while answering a HEAD request as a GET.</summary>
    public static bool IsHead(HttpContext? context) => context?.Items.ContainsKey(HeadKey) == true;

    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        context.Request.Method = HttpMethods.Get;
        context.Items[HeadKey] = true;
        var body = context.Response.Body;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    });
}
