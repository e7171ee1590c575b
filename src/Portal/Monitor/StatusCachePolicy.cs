using Microsoft.AspNetCore.OutputCaching;
using Portal.Site;

namespace Portal.Monitor;

/// <summary>
/// /status is cached per language until the next round of checks or change of notes (or a maintenance note
/// starting or ending). Browsers revalidate every time. Like the reading pages, never stored for a signed-in
/// visitor, and the form-token cookie Blazor adds (the page posts nothing) is dropped.
/// </summary>
public sealed class StatusCachePolicy : IOutputCachePolicy
{
    private readonly RelayMonitor _monitor;
    private readonly MonitorNotices _notices;

    private readonly TimeProvider _clock;

    public StatusCachePolicy(RelayMonitor monitor, MonitorNotices notices, TimeProvider clock, IOutputCacheStore cache, ILogger<StatusCachePolicy> logger)
    {
        _monitor = monitor;
        _notices = notices;
        _clock = clock;
        // Entries of older rounds can never be served again: free them.
        monitor.Changed += async () =>
        {
            try { await cache.EvictByTagAsync(MonitorFeature.CacheTag, CancellationToken.None); }
            catch (Exception e) { logger.LogWarning(e, "Evicting the cached status page failed"); }
        };
    }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var cacheable = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && http.User.Identity?.IsAuthenticated != true;
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (!cacheable) return ValueTask.CompletedTask;
        // The page lists notes as planned or current: each note's phase is part of the key, so its start and end show without a round.
        var now = _clock.GetUtcNow();
        var phases = string.Concat(_monitor.Current.Maintenance.Select(m => $"-{m.Id}{(now < m.From ? 'p' : now < m.Until ? 'c' : 'e')}"));
        context.CacheVaryByRules.VaryByValues["monitor"] = $"{_monitor.Revision}-{_notices.Version}{phases}";
        context.CacheVaryByRules.QueryKeys = [];
        context.Tags.Add(MonitorFeature.CacheTag);
        context.ResponseExpirationTimeSpan = TimeSpan.FromHours(1);
        http.Response.OnStarting(() =>
        {
            FormTokenCookie.Drop(http.Response);
            http.Response.Headers.CacheControl = "no-cache";
            return Task.CompletedTask;
        });
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0) context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
