namespace Portal.Site;

/// <summary>
/// Why a test (the relay tester, the line test) or a limited endpoint (mail setup) was not started: a short code (the
/// API's problem type), the message in both languages, the HTTP status an API answers with, and how long to wait
/// when that is known (sent as Retry-After). Pages show the message; APIs answer it with <see cref="ApiProblem.Refused"/>.
/// </summary>
public sealed record Refusal(string Code, Text Message, int Status = StatusCodes.Status400BadRequest, TimeSpan? RetryAfter = null)
{
    public Refusal(string code, string ja, string en, int status = StatusCodes.Status400BadRequest) : this(code, new Text(ja, en), status) { }

    /// <summary>A per-client limit was hit: 429 with the wait.</summary>
    public static Refusal RateLimited(Text message, TimeSpan wait) => new("rate-limited", message, StatusCodes.Status429TooManyRequests, wait);
}
