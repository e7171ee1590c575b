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
public sealed class StaffSessions(StaffStore store, SignInThrottle throttle, ILogger<StaffSessions> logger)
{
    public const string StampClaim = "portal:stamp";

    public async Task<SignInOutcome> SignInAsync(HttpContext http, string name, string password)
    {
        var address = ClientKey.Of(http);
        name = name.Trim();
        if (await throttle.TryTakeAsync(address, http.RequestAborted) is not { } slot)
        {
            logger.LogWarning("Staff sign-in refused: too many failures from {Address} (account {Account})", address, name);
            return SignInOutcome.AddressThrottled;
        }
        var (result, member) = await store.SignInAsync(name, password, http.RequestAborted);
        switch (result)
        {
            case SignInResult.Ok:
                await throttle.GiveBackAsync(slot, CancellationToken.None);
                await http.SignInAsync(Principal(member!));
                logger.LogInformation("Staff signed in: {Account} from {Address}", member!.Name, address);
                return SignInOutcome.Ok;
            case SignInResult.Disabled:
                await throttle.GiveBackAsync(slot, CancellationToken.None);
                logger.LogWarning("Staff sign-in refused: account {Account} is disabled (from {Address})", name, address);
                return SignInOutcome.Disabled;
            case SignInResult.LockedOut:
                logger.LogWarning("Staff sign-in refused: account {Account} is locked (from {Address})", name, address);
                return SignInOutcome.LockedOut;
            default:
                logger.LogWarning("Staff sign-in failed: wrong name or password for {Account} from {Address}", name, address);
                return SignInOutcome.Wrong;
        }
    }

    public async Task SignOutAsync(HttpContext http)
    {
        logger.LogInformation("Staff signed out: {Account} from {Address}", http.User.Identity?.Name, ClientKey.Of(http));
        await http.SignOutAsync();
    }

    /// <summary>After the user changed their own password: a new cookie with the new stamp keeps this session.</summary>
    public Task RenewAsync(HttpContext http, string stamp)
    {
        var user = http.User;
        var member = new StaffMember(long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!), user.Identity!.Name!, user.FindFirstValue(ClaimTypes.Role)!, stamp);
        return http.SignInAsync(Principal(member));
    }

    public static ClaimsPrincipal Principal(StaffMember member) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, member.Id.ToString()), new Claim(ClaimTypes.Name, member.Name),
         new Claim(ClaimTypes.Role, member.Role), new Claim(StampClaim, member.Stamp)],
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>
    /// Every request of a signed-in user checks the account: disabled, or a changed stamp (password
    /// changed elsewhere, disabled and enabled again), and the session ends at once.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var store = context.HttpContext.RequestServices.GetRequiredService<StaffStore>();
        var valid = long.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
                    && await store.ValidStampAsync(id, context.HttpContext.RequestAborted) is { } stamp
                    && stamp == principal!.FindFirstValue(StampClaim);
        if (valid) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync();
    }
}
