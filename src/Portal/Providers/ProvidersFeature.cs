using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Data;
using Portal.Site;
using Portal.Content;

namespace Portal.Providers;

public static class ProvidersFeature
{
    public static IServiceCollection AddProviders(this IServiceCollection services)
    {
        services.AddSingleton<RegistryVersion>();
        // The Q&A shows the registry: its writes refresh cached pages, and the list fills the notice's marker.
        services.AddSingleton<IReadingPageSource>(sp => sp.GetRequiredService<RegistryVersion>());
        services.AddSingleton(new ContentInsert("providers", typeof(Components.NoticeProviderList)));
        services.AddSingleton<ProviderStore>();
        services.AddSingleton<Portal.Search.ISearchSource, ProviderSearchSource>();
        services.AddSingleton<ProviderEditing>();
        services.AddSingleton<ImportUploads>();
        services.AddHostedService<SeedAtStart>();
        return services;
    }

    public static IEndpointRouteBuilder MapProvidersApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Providers");
        api.MapGet("/providers", ListAsync).WithName("ListProviders")
            .WithSummary("The provider OP25B registry")
            .WithDescription("Live providers, optionally filtered by a name (Japanese, kana or English; folded, so ぷらら finds プララ) and by status. " +
                "Problem type: a status outside the list gets 400.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/providers/{id:long}", GetAsync).WithName("GetProvider")
            .WithSummary("One provider").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/providers.csv", async (ProviderStore store, CancellationToken ct) =>
                Results.File(ProviderCsv.Write(await store.ListAsync(null, null, ct)), "text/csv; charset=utf-8", "providers.csv"))
            .WithName("ProvidersCsv").WithSummary("The registry as CSV (UTF-8 with a byte order mark, for Excel)")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        // The edit history, for staff only and outside the public API description.
        routes.MapGroup("/api/staff").RequireAuthorization(Portal.Staff.StaffFeature.Editor).ExcludeFromDescription()
            .MapGet("/providers/{id:long}/history", async (long id, ProviderEditing editing, CancellationToken ct) => Results.Ok(await editing.HistoryAsync(id, ct)));
        return routes;
    }

    private static async Task<Results<Ok<IReadOnlyList<Provider>>, ProblemHttpResult>> ListAsync(
        [Description("Part of a provider's name: Japanese, kana or English.")] string? q,
        [Description("applies, partial, none or unknown.")] string? status, ProviderStore store, CancellationToken ct) =>
        status is not null && !Provider.Statuses.Contains(status)
            ? ApiProblem.Of(StatusCodes.Status400BadRequest, "bad-status", "Bad status", $"status must be one of {string.Join(", ", Provider.Statuses)}")
            : TypedResults.Ok(await store.ListAsync(q, status, ct));

    private static async Task<Results<Ok<Provider>, ProblemHttpResult>> GetAsync(
        [Description("The provider's number, as in /providers/{id}.")] long id, ProviderStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } p
            ? TypedResults.Ok(p)
            : ApiProblem.Of(StatusCodes.Status404NotFound, "not-found", "Not found", $"There is no provider {id}.");

    /// <summary>Fills a new registry from the seed (the Data feature has migrated the database by now).</summary>
    private sealed class SeedAtStart(ProviderStore store, ILogger<SeedAtStart> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            // Rows are only ever soft-deleted, so an empty table means a registry that was never filled.
            if (await store.CountAsync(cancellationToken) == 0
                && await store.SeedIfEmptyAsync(ProviderSeed.Load(), cancellationToken) is var count and > 0)
                logger.LogInformation("Filled the provider registry from the seed: {Count} providers", count);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
