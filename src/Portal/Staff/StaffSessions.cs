using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Portal.Site;

namespace Portal.Staff;

public enum SignInOutcome { Ok, Wrong, LockedOut, Disabled, AddressThrottled }

/// <summary>
/// Signing staff in and out: the per-address limit, the per-account lock-out, the cookie, and a log line
/// for every sign-in, failure, lock-out and sign-out with the account name and client address.
/// </summary>
public sealed class StaffSessions(StaffStore store, SignInThrottle throttle, TimeProvider clock, ILogger<StaffSessions> logger)
{
    public const string StampClaim = "portal:stamp";
    public const string SessionClaim = "portal:session";

    /// <summary>A session ends this long after sign-in, however active it is (the cookie's lifetime too).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public async Task<SignInOutcome> SignInAsync(HttpContext http, string name, string password)
    {
        var address = ClientKey.Of(http);
        name = name.Trim();
        var logged = LogText.Cut(name, 64);
        if (await throttle.TryTakeAsync(address, http.RequestAborted) is not { } slot)
        {
            logger.LogWarning("Staff sign-in refused: too many failures from {Address} (account {Account})", address, logged);
            return SignInOutcome.AddressThrottled;
        }
        var (result, member) = await store.SignInAsync(name, password, http.RequestAborted);
        switch (result)
        {
            case SignInResult.Ok:
                await throttle.GiveBackAsync(slot, CancellationToken.None);
                var session = await store.StartSessionAsync(member!.Id, clock.GetUtcNow() + Lifetime, CancellationToken.None);
                await http.SignInAsync(Principal(member, session));
                logger.LogInformation("Staff signed in: {Account} from {Address}", member!.Name, address);
                return SignInOutcome.Ok;
            case SignInResult.Disabled:
                await throttle.GiveBackAsync(slot, CancellationToken.None);
                logger.LogWarning("Staff sign-in refused: account {Account} is disabled (from {Address})", logged, address);
                return SignInOutcome.Disabled;
            case SignInResult.LockedOut:
                logger.LogWarning("Staff sign-in refused: account {Account} is locked (from {Address})", logged, address);
                return SignInOutcome.LockedOut;
            default:
                logger.LogWarning("Staff sign-in failed: wrong name or password for {Account} from {Address}", logged, address);
                return SignInOutcome.Wrong;
        }
    }

    /// <summary>Ends the session on the server (its row goes, so a copy of the cookie is refused too), then drops the cookie.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        if (http.User.FindFirstValue(SessionClaim) is { } session) await store.EndSessionAsync(session, CancellationToken.None);
        logger.LogInformation("Staff signed out: {Account} from {Address}", http.User.Identity?.Name, ClientKey.Of(http));
        await http.SignOutAsync();
    }

    /// <summary>
    /// The signed-in user's own password change, re-authenticated by the current password and charged to the account's
    /// sign-in lock. When that lock closes, this session ends too: whoever is guessing holds a session, not the password.
    /// </summary>
    public async Task<SignInResult> ChangeOwnPasswordAsync(HttpContext http, string current, string password)
    {
        var user = http.User;
        var id = long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var (result, stamp) = await store.ChangeOwnPasswordAsync(id, current, password, http.RequestAborted);
        switch (result)
        {
            case SignInResult.Ok:
                // A new cookie with the new stamp keeps this session (the same server-side session id).
                var member = new StaffMember(id, user.Identity!.Name!, user.FindFirstValue(ClaimTypes.Role)!, stamp!);
                await http.SignInAsync(Principal(member, user.FindFirstValue(SessionClaim)!));
                logger.LogInformation("Staff changed their own password: {Account} from {Address}", user.Identity.Name, ClientKey.Of(http));
                break;
            case SignInResult.LockedOut:
                logger.LogWarning("Staff re-authentication locked the account: {Account} from {Address}; the session ends", user.Identity?.Name, ClientKey.Of(http));
                await SignOutAsync(http);
                break;
            default:
                logger.LogWarning("Staff re-authentication failed: wrong current password for {Account} from {Address}", user.Identity?.Name, ClientKey.Of(http));
                break;
        }
        return result;
    }

    public static ClaimsPrincipal Principal(StaffMember member, string session) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, member.Id.ToString()), new Claim(ClaimTypes.Name, member.Name),
         new Claim(ClaimTypes.Role, member.Role), new Claim(StampClaim, member.Stamp), new Claim(SessionClaim, session)],
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>
    /// Every request of a signed-in user checks the account and the session: disabled, a changed stamp (password
    /// changed elsewhere, disabled and enabled again) or a session ended on the server (signed out, locked), and
    /// the cookie is refused at once.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var store = context.HttpContext.RequestServices.GetRequiredService<StaffStore>();
        var valid = long.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
                    && principal!.FindFirstValue(SessionClaim) is { } session
                    && await store.ValidStampAsync(id, session, context.HttpContext.RequestAborted) is { } stamp
                    && stamp == principal!.FindFirstValue(StampClaim);
        if (valid) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync();
    }
}
