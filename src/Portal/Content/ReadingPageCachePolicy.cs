using Microsoft.AspNetCore.OutputCaching;

namespace Portal.Content;

/// <summary>
/// Output-cache policy for reading pages: cached per path and content version, tagged for eviction,
/// given an ETag. Blazor adds an antiforgery cookie to every SSR page once interactive components are
/// configured; reading pages post nothing, so UseContentETags drops it there.
/// </summary>
public sealed class ReadingPageCachePolicy(ContentStore store, IEnumerable<IReadingPageSource> sources) : IOutputCachePolicy
{
    private readonly IReadingPageSource[] _sources = sources.ToArray();

    public static string ETag(ContentStore store, IEnumerable<IReadingPageSource> sources) =>
        string.Concat(store.Current.ETag.AsSpan(0, store.Current.ETag.Length - 1), string.Concat(sources.Select(s => "-" + Version(s))), "\"");

    private static string Version(IReadingPageSource source) => source.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsReadingPage(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.GetEndpoint()?.Metadata.GetMetadata<ReadingPageAttribute>() is not null;

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var reading = IsReadingPage(context.HttpContext);
        context.EnableOutputCaching = reading;
        context.AllowCacheLookup = reading;
        context.AllowCacheStorage = reading;
        context.AllowLocking = true;
        if (reading)
        {
            // An entry rendered from an older snapshot can never be served after a reload.
            context.CacheVaryByRules.VaryByValues["content"] = store.Current.Version;
            foreach (var source in _sources) context.CacheVaryByRules.VaryByValues[source.Name] = Version(source);
            context.CacheVaryByRules.QueryKeys = "*";
            context.Tags.Add(ContentFeature.CacheTag);
            context.ResponseExpirationTimeSpan = TimeSpan.FromHours(12);
        }
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) =>
        ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (!context.EnableOutputCaching) return ValueTask.CompletedTask;
        // Headers are already sent here; UseContentETags shapes them before the response starts.
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
