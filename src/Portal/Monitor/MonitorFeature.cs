using System.ComponentModel;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Portal.Site;
using Portal.Content;

namespace Portal.Monitor;

public static class MonitorFeature
{
    public const string CachePolicy = "status";
    public const string CacheTag = "status";

    public static IServiceCollection AddMonitor(this IServiceCollection services)
    {
        services.BindSection<MonitorOptions>(MonitorOptions.Section).Check(o => o.Problems()).ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MonitorOptions>>().Value);
        services.AddSingleton<MonitorStore>();
        services.AddSingleton<RelayMonitor>();
        services.AddSingleton<MonitorLease>();
        services.AddSingleton<StatusReader>();
        services.AddSingleton<MonitorNotices>();
        services.AddSingleton<IServiceNotices>(sp => sp.GetRequiredService<MonitorNotices>());
        services.AddSingleton<IReadingPageSource>(sp => sp.GetRequiredService<MonitorNotices>());
        services.AddSingleton<StatusCachePolicy>();
        services.Configure<OutputCacheOptions>(o => o.AddPolicy(CachePolicy, b => b.AddPolicy<StatusCachePolicy>(), excludeDefaultPolicy: true));
        services.AddHostedService<MonitorLoop>();
        services.AddHostedService<PurgeHourly>();
        return services;
    }

    public sealed record Uptime(
        [property: JsonPropertyName("24h")] double? Hours24, [property: JsonPropertyName("7d")] double? Days7,
        [property: JsonPropertyName("30d")] double? Days30, [property: JsonPropertyName("90d")] double? Days90);

    public sealed record PortState(int Port, string State, DateTimeOffset? Since, DateTimeOffset? LastCheck, long? ElapsedMs, Uptime Uptime,
        int? CertificateDaysLeft);

    public sealed record TargetState(string Name, string Host, IReadOnlyList<PortState> Ports);

    public sealed record Notice(string Kind, string Message, string? Host, int? Port, DateTimeOffset From, DateTimeOffset? Until);

    public sealed record StatusResponse(DateTimeOffset? CheckedAt, IReadOnlyList<TargetState> Targets, IReadOnlyList<Notice> Notices);

    public static IEndpointRouteBuilder MapMonitorApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/status", GetAsync).WithTags("Status").WithName("GetStatus")
            .WithSummary("The state of our own relays")
            .WithDescription("Every monitored target and port: state (\"ok\", \"down\" after two failed checks in a row, \"unknown\" before the first check), " +
                "since when, the last check and its time in ms, uptime in percent over 24 h, 7, 30 and 90 days (null without checks), the days left " +
                "on the TLS certificate, and the notices shown on the site (outages and staff maintenance notes in their time).");
        return routes;
    }

    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<StatusResponse>> GetAsync(
        [Description("`en` for English messages; Japanese otherwise.")] string? lang, StatusReader reader, HttpContext context, CancellationToken cancellationToken)
    {
        var language = LangExtensions.FromQuery(lang) ?? Lang.Ja;
        var report = await reader.ReadAsync(cancellationToken);
        context.Response.Headers.CacheControl = "no-cache";
        static double? Round(double? v) => v is { } x ? Math.Round(x, 3) : null;
        return TypedResults.Ok(new StatusResponse(report.CheckedAt,
            report.Targets.Select(t => new TargetState(t.Name, t.Host, t.Ports.Select(p => new PortState(p.State.Port, p.State.State, p.State.Since,
                p.State.LastCheck, p.State.LastElapsedMs,
                new Uptime(Round(p.History.Uptime24h), Round(p.History.Uptime7d), Round(p.History.Uptime30d), Round(p.History.Uptime90d)),
                p.CertificateDaysLeft)).ToList())).ToList(),
            report.Notices.Select(n => new Notice(n.Kind, n.Message[language], n.Host, n.Port, n.From, n.Until)).ToList()));
    }

    private sealed class PurgeHourly(MonitorStore store, TimeProvider clock, ILogger<PurgeHourly> logger)
        : PeriodicPurge(TimeSpan.FromHours(1), clock, logger)
    {
        protected override string What => "old monitor checks, rollups and events";
        protected override Task<int> PurgeAsync(CancellationToken cancellationToken) => store.PurgeAsync(cancellationToken);
    }
}
