using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Site;

namespace Portal.Tester;

/// <summary>GET /api/tester?host=H&amp;ports=25,587,465[&amp;lang=en] → the test report as JSON.</summary>
public static class TesterApi
{
    public static IEndpointRouteBuilder MapTesterApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/tester", RunAsync).WithName("RunTester").WithTags("Tester")
            .WithSummary("Test a mail relay's SMTP ports from this server")
            .WithDescription("Connects from the portal's server to the host on each port (greeting, EHLO, TLS, EHLO, QUIT; never MAIL, RCPT, DATA or credentials) " +
                "and returns one row per port with its outcome and plain-language advice, and the kept result's id and permalink (/r/{id}). It says nothing about the caller's own line. " +
                "Problem types (type https://portal.invalid/problems/{code}, also in the `code` member): host-missing, host-too-long, host-invalid, " +
                "port-missing, port-not-allowed, private-target, ticket-invalid (400); rate-limited (429, with Retry-After); busy (503, with Retry-After).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<Results<Ok<TesterResponse>, ProblemHttpResult>> RunAsync(
        [Description("The relay to test: a DNS name (IDN allowed) or an IP literal, at most 253 characters.")] string? host,
        [Description("Comma-separated ports, each one of Tester:AllowedPorts (default 25,465,587); empty means all of them.")] string? ports,
        [Description("`en` for English messages; Japanese otherwise.")] string? lang,
        [Description("Support ticket to keep with the result: at most 32 of A-Z a-z 0-9 - _ #.")] string? ticket,
        HttpContext http, TesterRuns runs, CancellationToken cancellationToken)
    {
        var language = LangExtensions.FromQuery(lang) ?? Lang.Ja;
        var (run, refusal) = await runs.StartAsync(new TesterRequest(host, ports, ticket, ClientKey.Of(http), language), null, cancellationToken);
        if (refusal is not null) return ApiProblem.Refused(http, refusal, NotRun, language);
        using (run)
        {
            // HEAD: the status a GET would get (the request was checked, limited and vetted alike), no probe, nothing kept.
            if (HeadRequests.IsHead(http)) return TypedResults.Ok(new TesterResponse(run!.Target.Host, run.Target.AsciiHost, [], null));
            var (report, kept) = await run!.RunAsync(null, cancellationToken);
            return TypedResults.Ok(TesterResponse.From(report, language) with { Id = kept.Id, Permalink = kept.Permalink });
        }
    }

    private static readonly Text NotRun = new("試験を実行できませんでした", "The test was not run");
}

public sealed record TesterResponse(string Host, string AsciiHost, IReadOnlyList<TesterResponse.Row> Results, string? Summary)
{
    /// <summary>"tester" when read back from /api/results (the kept line test's answer says "line-test").</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }
    /// <summary>The kept result's ID and permalink (/r/{id}); ticket and testedAt when read back from /api/results.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Permalink { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Ticket { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? TestedAt { get; init; }

    public sealed record Row(int Port, string Mode, ProbeOutcome? Outcome, string? Address, string? Family, ProbeStage Stage,
        long? ElapsedMs, SmtpReply? Greeting, IReadOnlyList<string>? Extensions, TlsInfo? Tls, IReadOnlyList<string>? AuthMechanisms,
        string? Message, string? HelpUrl, string? Detail, bool Inconclusive)
    {
        /// <summary>For tls-failed: why, as read from the server's answer (plain-text, not-tls, protocol-version, alert,
        /// no-answer, handshake); <c>detail</c> says it in a sentence, in the requested language.</summary>
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public TlsFailure? TlsFailure { get; init; }
    }

    public static TesterResponse From(TestReport report, Lang lang) => new(
        report.Host, report.AsciiHost,
        report.Results.Select(r => new Row(r.Port, r.Mode, r.Outcome, r.Address, r.Family, r.Stage, r.ElapsedMs, r.Greeting,
            r.Extensions, r.Tls, r.AuthMechanisms, r.Advice?.Message[lang], r.Advice?.HelpPath is { } help ? lang.Url(help) : null,
            r.Outcome == ProbeOutcome.TlsFailed ? TesterText.TlsFailureText(r.TlsFailure, r.TlsAlert, r.Mode)[lang] : r.Detail, r.Inconclusive)
            { TlsFailure = r.TlsFailure }).ToList(),
        report.Summary?.Message[lang]);
}
