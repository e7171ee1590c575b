using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Site;

namespace Portal.LineTest;

/// <summary>POST /api/line-tests starts a line test; GET /api/line-tests/{code} reads what arrived.</summary>
public static class LineTestApi
{
    public static IEndpointRouteBuilder MapLineTestApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/line-tests", StartAsync).WithName("StartLineTest").WithTags("Line test")
            .WithSummary("Start a line test: a code the customer's own line announces to the portal's SMTP listeners")
            .WithDescription("Body: none, {} or { \"ticket\": \"…\" } as application/json (ticket: at most 32 of A-Z a-z 0-9 - _ #). " +
                "Returns the code (valid 30 minutes), the ports to try and the command for each system. " +
                "Problem types (https://portal.invalid/problems/{code}): ticket-invalid, body-invalid (400); rate-limited (429, with Retry-After); line-test-off (503).")
            // The body is optional and read by hand (a broken one is body-invalid, not the framework's 400), so it is described
            // here. Not with Accepts<T>(): that metadata makes routing match on Content-Type, and a POST without a body
            // (what curl -X POST sends) found no endpoint.
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = false,
                    Description = "Optional: none, {} or { \"ticket\": \"…\" }.",
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = new Microsoft.OpenApi.OpenApiSchema
                        {
                            Type = Microsoft.OpenApi.JsonSchemaType.Object,
                            Properties = new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>
                            {
                                ["ticket"] = new Microsoft.OpenApi.OpenApiSchema
                                {
                                    Type = Microsoft.OpenApi.JsonSchemaType.String | Microsoft.OpenApi.JsonSchemaType.Null, MaxLength = SupportTicket.MaxLength,
                                    Pattern = SupportTicket.PatternText, Description = "Support ticket: at most 32 of A-Z a-z 0-9 - _ #.",
                                },
                            },
                        } },
                    },
                };
                return Task.CompletedTask;
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        routes.MapGet("/api/line-tests/{code}", GetAsync).WithName("GetLineTest").WithTags("Line test")
            .WithSummary("What arrived for a line test, the provider named by reverse DNS, and the verdict once finished")
            .WithDescription("The verdict is null until the customer pressed done on the page or two minutes passed after the first arrival. " +
                "Unknown or expired codes get 404 (not-found).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public sealed record StartRequest([property: Description("Support ticket: at most 32 of A-Z a-z 0-9 - _ #.")] string? Ticket);

    public sealed record PortInfo(int Port, int PublicPort, string Tls);

    public sealed record StartResponse(string Code, DateTimeOffset ExpiresAt, IReadOnlyList<PortInfo> Ports, LineCommands Commands, string Page);

    public sealed record ArrivalInfo(int Port, int PublicPort, DateTimeOffset At, string Address, string Family, string? ReverseDns, string? Tls);

    public sealed record ProviderInfo(long Id, string NameJa, string NameEn, string Op25b);

    public sealed record VerdictInfo(string Outcome, string Ja, string En);

    public sealed record LineTestResponse(string Code, DateTimeOffset ExpiresAt, IReadOnlyList<ArrivalInfo> Arrivals, ProviderInfo? Provider, VerdictInfo? Verdict)
    {
        /// <summary>Once finished: the kept result's ID and permalink (/r/{id}).</summary>
        public string? Id { get; init; }
        public string? Permalink { get; init; }
    }

    private const string LangDescription = "`en` for English problem texts; Japanese otherwise.";

    private static async Task<Results<Created<StartResponse>, ProblemHttpResult>> StartAsync(HttpContext http, LineTests tests,
        LineTestOptions options, PublicLinks links, [Description(LangDescription)] string? lang, CancellationToken cancellationToken)
    {
        var language = LangExtensions.FromQuery(lang) ?? Lang.Ja;
        string? ticket = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                var body = await http.Request.ReadFromJsonAsync<StartRequest>(cancellationToken);
                ticket = body?.Ticket;
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
            {
                return Problem(http, new("body-invalid", new Text("本文はJSONで { \"ticket\": \"…\" } の形にしてください。",
                    "The body must be JSON such as { \"ticket\": \"…\" }.")), language);
            }
        }
        var (test, refusal) = await tests.StartAsync(ClientKey.Of(http), ticket, cancellationToken);
        if (refusal is not null) return Problem(http, refusal, language);
        var host = options.PublicHost.Length > 0 ? options.PublicHost : links.HostName(http.Request.Host.Host);
        var page = links.Absolute($"/line-test/{test!.Code}");
        return TypedResults.Created(page, new StartResponse(test.Code, test.ExpiresAt,
            tests.Ports.Select(p => new PortInfo(p.Port, p.PublicPort, p.Tls)).ToList(), LineTests.Commands(host, test.Code, tests.Ports, options.CommandsUseListenerPorts), page));
    }

    private static async Task<Results<Ok<LineTestResponse>, ProblemHttpResult>> GetAsync(string code, LineTests tests, PublicLinks links, HttpContext http,
        [Description(LangDescription)] string? lang, CancellationToken cancellationToken)
    {
        var language = LangExtensions.FromQuery(lang) ?? Lang.Ja;
        var report = await tests.ReportAsync(code, waitForNames: true, cancellationToken, keep: !HeadRequests.IsHead(http));
        if (report is null) return Problem(http, new Refusal("not-found", LineTestText.NotFound, StatusCodes.Status404NotFound), language);
        var arrivals = report.Ports.Where(p => p.Arrival is not null).Select(p => new ArrivalInfo(p.Listener.Port, p.Listener.PublicPort, p.Arrival!.At,
            p.Arrival.Address, p.Arrival.Address.Contains(':') ? "IPv6" : "IPv4", p.ReverseDns, p.Arrival.Tls)).ToList();
        var provider = report.Line?.Provider is { } pr ? new ProviderInfo(pr.Id, pr.NameJa, pr.NameEn, pr.Op25b) : null;
        var verdict = report.Verdict is { } v ? new VerdictInfo(v.Outcome, v.Message.Ja, v.Message.En) : null;
        return TypedResults.Ok(new LineTestResponse(report.Test.Code, report.Test.ExpiresAt, arrivals, provider, verdict)
        {
            Id = report.Test.ResultId,
            Permalink = report.Test.ResultId is { } id ? links.Absolute(language.Url("/r/" + id)) : null,
        });
    }

    private static readonly Text NotStarted = new("回線テストを開始できませんでした", "The line test was not started");
    private static readonly Text NotFoundTitle = new("見つかりません", "Not found");

    private static ProblemHttpResult Problem(HttpContext http, Refusal refusal, Lang lang) =>
        ApiProblem.Refused(http, refusal, refusal.Status == 404 ? NotFoundTitle : NotStarted, lang);
}
