using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Site;
using Portal.Content;

namespace Portal.Search;

public static class SearchFeature
{
    public const int MaxSuggestions = 8;

    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton<SearchService>();
        // A new build (new synonyms too) changes what the search page shows: it joins the cache key like the registry.
        services.AddSingleton<IReadingPageSource>(sp => sp.GetRequiredService<SearchService>());
        services.AddSingleton<SearchMisses>();
        services.AddHostedService<BuildAtStart>();
        services.AddHostedService<PurgeMisses>();
        return services;
    }

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/search", Suggest).WithTags("Search").WithName("Search")
            .WithSummary("Search the questions, pages, guides and providers")
            .WithDescription($"At most {MaxSuggestions} results, best first: what the search box suggests while typing. " +
                "Problem types: an empty or over-long q, or a lang other than ja and en, gets 400.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    public sealed record Suggestion(string Title, string Url, string Where, string Snippet);

    private static Results<Ok<Suggestion[]>, ProblemHttpResult> Suggest(
        [Description("The words to search for, at most 100 characters")] string? q,
        [Description("ja (default) or en")] string? lang,
        SearchService search, HttpContext context)
    {
        if (LangExtensions.FromQuery(lang) is not { } language)
            return ApiProblem.Of(StatusCodes.Status400BadRequest, "bad-lang", "Bad lang", SearchText.BadLang.Both);
        switch (SearchIndex.Check(q))
        {
            case SearchProblem.Empty:
                return ApiProblem.Of(StatusCodes.Status400BadRequest, "empty-query", "Empty query", SearchText.QueryEmpty.Both);
            case SearchProblem.TooLong:
                return ApiProblem.Of(StatusCodes.Status400BadRequest, "query-too-long", "Query too long", SearchText.QueryTooLong.Both);
        }
        // Typing produces many requests for one answer: a minute in the browser's cache saves most of them.
        context.Response.Headers.CacheControl = "public, max-age=60";
        var hits = search.Find(language, q, MaxSuggestions);
        return TypedResults.Ok(hits.Select(h => new Suggestion(h.Title, h.Url, h.Where, h.SnippetText)).ToArray());
    }

    /// <summary>The first build happens before the server takes requests, so no search meets an empty index.</summary>
    private sealed class BuildAtStart(SearchService search) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => search.RebuildAsync(cancellationToken);
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class PurgeMisses(SearchMisses misses, TimeProvider clock, ILogger<PurgeMisses> logger)
        : PeriodicPurge(TimeSpan.FromHours(6), clock, logger)
    {
        protected override string What => "old search-miss counts";
        protected override Task<int> PurgeAsync(CancellationToken cancellationToken) => misses.PurgeAsync(cancellationToken);
    }
}
