using Portal.Site;

namespace Portal.MailSetup;

/// <summary>Generous per-client limit on the setup endpoints (mail programs ask a few times while setting up).</summary>
public sealed class MailSetupLimiter : IDisposable
{
    private readonly ClientLimiter _limiter = new(60, TimeSpan.FromMinutes(1));

    private static readonly Text TooMany = new("リクエストが多すぎます。1分ほど待ってからもう一度お試しください。", "Too many requests: try again in a minute.");
    private static readonly Text Title = new("Mail setup", "Mail setup");

    public IResult? Refuse(HttpContext http) =>
        _limiter.TryStart(ClientKey.Of(http)) is { } wait ? ApiProblem.Refused(http, Refusal.RateLimited(TooMany, wait), Title, Lang.En) : null;

    public void Dispose() => _limiter.Dispose();
}
