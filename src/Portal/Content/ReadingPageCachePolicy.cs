using Microsoft.AspNetCore.OutputCaching;

namespace Portal.Content;

/// <summary>Marks a Razor page whose HTML depends only on content/, its sources and the query keys it names: cached, ETagged.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReadingPageAttribute : Attribute
{
    /// <summary>The query keys the page reads (search: "q"); every other query key is ignored by the cache.</summary>
    public string[] QueryKeys { get; init; } = [];
}

/// <summary>
/// Output-cache policy for reading pages: cached per path, the query keys the page uses and the content
/// and source versions; tagged for eviction. Never stored for a signed-in visitor or a response that sets
/// a cookie. Blazor adds an antiforgery cookie to every SSR page once interactive components are
/// configured; reading pages post nothing, so UseContentETags drops that one cookie before the response starts.
/// </summary>
public sealed class ReadingPageCachePolicy(ContentStore store, IEnumerable<IReadingPageSource> sources) : IOutputCachePolicy
{
    private readonly IReadingPageSource[] _sources = sources.ToArray();

    /// <summary>The ETag of every reading page: the content version and each source's version.</summary>
    public static string ETag(ContentSnapshot snapshot, IReadOnlyList<IReadingPageSource> sources) =>
        string.Concat(snapshot.ETag.AsSpan(0, snapshot.ETag.Length - 1), string.Concat(sources.Select(s => "-" + Version(s))), "\"");

    private static string Version(IReadingPageSource source) => source.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static ReadingPageAttribute? ReadingPage(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? context.GetEndpoint()?.Metadata.GetMetadata<ReadingPageAttribute>()
            : null;

    public static bool IsReadingPage(HttpContext context) => ReadingPage(context) is not null;

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var page = ReadingPage(context.HttpContext);
        // A signed-in visitor's pages are never stored nor served from the cache.
        var cacheable = page is not null && context.HttpContext.User.Identity?.IsAuthenticated != true;
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (!cacheable) return ValueTask.CompletedTask;

        // An entry rendered from an older snapshot can never be served after a reload.
        context.CacheVaryByRules.VaryByValues["content"] = store.Current.Version;
        foreach (var source in _sources) context.CacheVaryByRules.VaryByValues[source.Name] = Version(source);
        // Only the keys the page reads: any other query string is served from the entry without it.
        context.CacheVaryByRules.QueryKeys = page!.QueryKeys;
        context.Tags.Add(ContentFeature.CacheTag);
        context.ResponseExpirationTimeSpan = TimeSpan.FromHours(12);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) =>
        ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (!context.EnableOutputCaching) return ValueTask.CompletedTask;
        // Called once the response has been sent: whatever remains in Set-Cookie was meant for this visitor only.
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
