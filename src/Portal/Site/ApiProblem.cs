using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.Site;

/// <summary>The one shape of an API error: problem+json with a type URI per code and the code repeated as a member.</summary>
public static class ApiProblem
{
    public const string TypeBase = "https://portal.invalid/problems/";

    public static ProblemHttpResult Of(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + code,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>A refusal as the API answers it: its status, code and message in <paramref name="lang"/>, and Retry-After when it has a wait.</summary>
    public static ProblemHttpResult Refused(HttpContext http, Refusal refusal, Text title, Lang lang)
    {
        if (refusal.RetryAfter is { } wait) RetryAfter(http, wait);
        return Of(refusal.Status, refusal.Code, title[lang], refusal.Message[lang]);
    }

    /// <summary>Retry-After in whole seconds, rounded up (RFC 9110 §10.2.3: delay-seconds).</summary>
    public static void RetryAfter(HttpContext http, TimeSpan wait) =>
        http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}
