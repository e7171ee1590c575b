using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Site;

namespace Portal.Tester;

/// <summary>GET /api/tester?host=H&amp;ports=25,587,465[&amp;lang=en] → the test report as JSON.</summary>
public static class TesterApi
{
    public static IEndpointRouteBuilder MapTesterApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/tester", RunAsync).WithName("RunTester");
        return routes;
    }

    private static async Task<Results<Ok<TesterResponse>, ProblemHttpResult>> RunAsync(
        string? host, string? ports, string? lang, HttpContext http, TesterOptions options, TesterRateLimiter limiter,
        ProbeCapacity capacity, PortTester tester, CancellationToken cancellationToken)
    {
        var english = lang == "en";
        var (target, refusal) = TestTargetParser.Parse(host, ports, options);
        if (refusal is not null) return Problem(refusal, english, StatusCodes.Status400BadRequest);

        if (limiter.TryStart(ClientKey.Of(http)) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString("0");
            return Problem(new Refusal("rate-limited", "試験の回数が多すぎます。少し待ってからもう一度お試しください。",
                "Too many tests. Please wait a little and try again."), english, StatusCodes.Status429TooManyRequests);
        }

        var (test, vetting) = await tester.PrepareAsync(target!, cancellationToken);
        if (vetting is not null) return Problem(vetting, english, StatusCodes.Status400BadRequest);

        using var lease = capacity.TryTake(target!.Ports.Count);
        if (lease is null)
        {
            http.Response.Headers.RetryAfter = "5";
            return Problem(PortTester.Busy, english, StatusCodes.Status503ServiceUnavailable);
        }
        var report = await tester.RunAsync(test!, null, cancellationToken);
        return TypedResults.Ok(TesterResponse.From(report, english));
    }

    private static ProblemHttpResult Problem(Refusal refusal, bool english, int status) =>
        TypedResults.Problem(detail: refusal.Text(english), statusCode: status,
            title: english ? "The test was not run" : "試験を実行できませんでした",
            type: "https://portal.invalid/problems/" + refusal.Code,
            extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });
}

public sealed record TesterResponse(string Host, string AsciiHost, IReadOnlyList<TesterResponse.Row> Results, string? Summary)
{
    public sealed record Row(int Port, string Mode, ProbeOutcome? Outcome, string? Address, string? Family, ProbeStage Stage,
        long? ElapsedMs, SmtpReply? Greeting, IReadOnlyList<string>? Extensions, TlsInfo? Tls, IReadOnlyList<string>? AuthMechanisms,
        string? Message, string? HelpUrl, string? Detail, bool Inconclusive);

    public static TesterResponse From(TestReport report, bool english) => new(
        report.Host, report.AsciiHost,
        report.Results.Select(r => new Row(r.Port, r.Mode, r.Outcome, r.Address, r.Family, r.Stage, r.ElapsedMs, r.Greeting,
            r.Extensions, r.Tls, r.AuthMechanisms, english ? r.Advice?.En : r.Advice?.Ja, HelpUrl(r.Advice, english), r.Detail, r.Inconclusive)).ToList(),
        english ? report.Summary?.En : report.Summary?.Ja);

    private static string? HelpUrl(Advice? advice, bool english) =>
        advice?.HelpPath is { } path ? (english ? "/en" + path : path) : null;
}
