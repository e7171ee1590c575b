using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Site;
using Portal.Tester;

namespace Portal.SavedResults;

public static class ResultsFeature
{
    public static IServiceCollection AddSavedResults(this IServiceCollection services)
    {
        services.BindSection<ResultsOptions>(ResultsOptions.Section)
            .Check(o => o.RetentionDays is >= 1 and <= 3650 ? [] : [$"Results:RetentionDays must be 1-3650 days, not {o.RetentionDays}"])
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ResultsOptions>>().Value);
        services.AddSingleton<ResultStore>();
        services.AddSingleton<ITestArchive, ResultArchive>();
        services.AddSingleton<Portal.LineTest.ILineTestArchive, LineResultArchive>();
        services.AddHostedService<PurgeDaily>();
        return services;
    }

    public static IEndpointRouteBuilder MapSavedResultsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/results/{id}", GetAsync).WithTags("Results").WithName("GetResult")
            .WithSummary("A kept test result")
            .WithDescription("The result as the customer saw it: the same shape as /api/tester's answer, plus id, permalink, ticket and testedAt. " +
                "Problem type: an unknown or expired id gets 404.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(KeptResultShapes);
        routes.MapGet("/api/staff/results", SearchAsync).RequireAuthorization(Portal.Staff.StaffFeature.Editor)
            .WithTags("Results").WithName("SearchResults")
            .WithSummary("Staff: find kept results")
            .WithDescription("Requires a signed-in staff member (cookie); anonymous callers get 401. Newest first, at most 200; every criterion given must hold " +
                "(from and to are Japan-time days, inclusive, as yyyy-MM-dd).")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return routes;
    }

    /// <summary>
    /// The 200 answer is one of two shapes, told apart by kind (OpenAPI 3.1 §4.8.25 Discriminator Object): the tester's
    /// (TesterResponse with kind "tester", id, permalink and testedAt) or the line test's (LineResultResponse). The
    /// generator sees only the last Ok&lt;T&gt; of the handler's Results&lt;…&gt;, so both are named here.
    /// </summary>
    private static Task KeptResultShapes(Microsoft.OpenApi.OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>();
        Microsoft.OpenApi.OpenApiSchema Kept(string baseSchema, string kind, params string[] required) => new()
        {
            AllOf =
            [
                new Microsoft.OpenApi.OpenApiSchemaReference(baseSchema, document),
                new Microsoft.OpenApi.OpenApiSchema
                {
                    Required = new HashSet<string>(["kind", .. required]),
                    Properties = new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>
                    {
                        ["kind"] = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create(kind)] },
                    },
                },
            ],
        };
        document.Components.Schemas["KeptTesterResult"] = Kept("TesterResponse", "tester", "id", "permalink", "testedAt");
        document.Components.Schemas["KeptLineResult"] = Kept("LineResultResponse", "line-test");
        var tester = new Microsoft.OpenApi.OpenApiSchemaReference("KeptTesterResult", document);
        var line = new Microsoft.OpenApi.OpenApiSchemaReference("KeptLineResult", document);
        operation.Responses!["200"].Content!["application/json"].Schema = new Microsoft.OpenApi.OpenApiSchema
        {
            OneOf = [tester, line],
            Discriminator = new Microsoft.OpenApi.OpenApiDiscriminator
            {
                PropertyName = "kind",
                Mapping = new Dictionary<string, Microsoft.OpenApi.OpenApiSchemaReference> { ["tester"] = tester, ["line-test"] = line },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>A kept line test as JSON: its ports, the line's provider and the verdict in the chosen language.</summary>
    public sealed record LineResultResponse(string Id, string Permalink, string Kind, string? Ticket, DateTimeOffset TestedAt, string Code,
        IReadOnlyList<LinePort> Ports, string? Provider, string Outcome, string Verdict);

    private static async Task<Results<Ok<TesterResponse>, Ok<LineResultResponse>, ProblemHttpResult>> GetAsync(
        [Description("The result ID, 10 characters (hyphens and case are ignored)")] string id,
        [Description("`en` for English messages; Japanese otherwise.")] string? lang,
        ResultStore store, PublicLinks links, CancellationToken cancellationToken)
    {
        var language = LangExtensions.FromQuery(lang) ?? Lang.Ja;
        if (CrockfordId.Normalize(id) is not { } normalized || await store.GetAsync(normalized, cancellationToken) is not { } result)
            return ApiProblem.Of(StatusCodes.Status404NotFound, "result-not-found", "Not found", ResultsText.NotFound[language]);
        if (result.Line is { } line)
            return TypedResults.Ok(new LineResultResponse(result.Id, ResultArchive.Permalink(links, language, result.Id), result.Kind, result.Ticket, result.TestedAt,
                line.Code, line.Ports, language == Lang.En ? line.ProviderEn : line.ProviderJa, line.Outcome, line.Verdict[language]));
        return TypedResults.Ok(Public(result, links, language));
    }

    public static TesterResponse Public(StoredResult result, PublicLinks links, Lang lang) =>
        TesterResponse.From(result.Report!, lang) with
        {
            Kind = result.Kind, Id = result.Id, Permalink = ResultArchive.Permalink(links, lang, result.Id), Ticket = result.Ticket, TestedAt = result.TestedAt,
        };

    private static async Task<Ok<IReadOnlyList<ResultSummary>>> SearchAsync(string? ticket, string? id, string? host, DateOnly? from, DateOnly? to,
        ResultStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.SearchAsync(new ResultQuery(ticket, id, host, from, to), cancellationToken));

    private sealed class PurgeDaily(ResultStore store, TimeProvider clock, ILogger<PurgeDaily> logger)
        : PeriodicPurge(TimeSpan.FromHours(24), clock, logger)
    {
        protected override string What => "expired test results";
        protected override Task<int> PurgeAsync(CancellationToken cancellationToken) => store.PurgeAsync(cancellationToken);
    }
}
