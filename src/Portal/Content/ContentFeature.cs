using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Portal.Site;

namespace Portal.Content;


public static class ContentFeature
{
    public const string CacheTag = "content";

    public static IServiceCollection AddContent(this IServiceCollection services)
    {
        services.BindSection<ContentOptions>(ContentOptions.Section)
            .PostConfigure<IWebHostEnvironment, IConfiguration>((o, env, config) =>
            {
                if (string.IsNullOrWhiteSpace(o.Root))
                    o.Root = Path.Combine(SiteRoot.Resolve(config, env), "content");
            })
            .Check(o => Directory.Exists(o.Root) ? [] : [$"Content:Root: the folder {o.Root} does not exist"])
            .ValidateOnStart();
        services.AddSingleton<ContentLoader>();
        services.AddSingleton<ContentStore>();
        services.AddHealthChecks().AddCheck<ContentHealthCheck>("content", tags: [SiteFeature.ReadyTag]);
        services.AddOutputCache(o => o.AddBasePolicy(b => b.AddPolicy<ReadingPageCachePolicy>(), excludeDefaultPolicy: true));
        services.AddHostedService<ContentCacheEviction>();
        return services;
    }

    /// <summary>
    /// Reading pages: a matching If-None-Match gets 304 before any rendering; a 200 gets the ETag and
    /// "no-cache" (revalidate every time).
    /// </summary>
    public static IApplicationBuilder UseContentETags(this IApplicationBuilder app)
    {
        var store = app.ApplicationServices.GetRequiredService<ContentStore>();
        IReadOnlyList<IReadingPageSource> sources = app.ApplicationServices.GetServices<IReadingPageSource>().ToArray();
        // The tag is built once per change of the content or a source, not per request.
        (ContentSnapshot? Snapshot, long Versions, string Tag) last = (null, 0, "");
        string CurrentETag()
        {
            var snapshot = store.Current;
            long versions = 17;
            foreach (var s in sources) versions = versions * 31 + s.Version;
            var seen = last;
            if (ReferenceEquals(seen.Snapshot, snapshot) && seen.Versions == versions) return seen.Tag;
            last = (snapshot, versions, ReadingPageCachePolicy.ETag(snapshot, sources));
            return last.Tag;
        }
        return app.Use(async (context, next) =>
        {
            if (ReadingPageCachePolicy.IsReadingPage(context))
            {
                // Pages may show other data too (the registry), so its changes change the tag as well.
                var etag = CurrentETag();
                var ifNoneMatch = context.Request.Headers.IfNoneMatch;
                if (ifNoneMatch.Count > 0 && ifNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    context.Response.Headers.ETag = etag;
                    return;
                }
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    FormTokenCookie.Drop(context.Response);
                    if (context.Response.StatusCode == StatusCodes.Status200OK)
                    {
                        headers.Remove("Pragma");
                        headers.ETag = etag;
                        headers.CacheControl = "no-cache";
                    }
                    return Task.CompletedTask;
                });
            }
            await next();
        });
    }

    /// <summary>Evicts cached reading pages whenever the content snapshot changes.</summary>
    private sealed class ContentCacheEviction(ContentStore store, IEnumerable<IReadingPageSource> sources, IOutputCacheStore cache,
        ILogger<ContentCacheEviction> logger) : IHostedService
    {
        private readonly List<(IReadingPageSource Source, Action Handler)> _handlers = [];

        public Task StartAsync(CancellationToken cancellationToken)
        {
            store.Changed += OnContentChanged;
            foreach (var source in sources)
            {
                Action handler = () => Evict($"{source.Name} changed (version {source.Version})");
                source.Changed += handler;
                _handlers.Add((source, handler));
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            store.Changed -= OnContentChanged;
            foreach (var (source, handler) in _handlers) source.Changed -= handler;
            return Task.CompletedTask;
        }

        private void OnContentChanged(ContentSnapshot snapshot) => Evict($"Content changed (version {snapshot.Version})");

        // One line per change, saying what changed.
        private async void Evict(string what)
        {
            try
            {
                await cache.EvictByTagAsync(CacheTag, CancellationToken.None);
                logger.LogInformation("{What}; cached pages evicted", what);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Evicting cached pages failed");
            }
        }
    }
}
