using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Portal.Site;

/// <summary>
/// An endpoint's [RequestSizeLimit]: a declared Content-Length over it is refused with 413 before the body
/// is read; a body without one stops at the limit.
/// </summary>
public static class RequestSizeLimits
{
    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } limit)
        {
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.Headers.Connection = "close";
                var text = SiteText.TooLargeText.With(limit / 1024 / 1024);
                await context.Response.WriteAsync($"""
                    <!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>{SiteText.TooLarge.Both}</title>
                    <link rel="stylesheet" href="/css/site.css"></head><body><main class="prose"><h1>{SiteText.TooLarge.Ja}</h1>
                    <p>{text.Ja}</p><p lang="en">{text.En}</p>
                    <p><a href="{System.Net.WebUtility.HtmlEncode(context.Request.Path)}">{SiteText.Back.Both}</a></p></main></body></html>
                    """);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        }
        await next(context);
    });
}

/// <summary>The largest request body an endpoint (a page with an upload form) accepts.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class UploadLimitAttribute(long bytes) : Attribute, IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = bytes;
}
