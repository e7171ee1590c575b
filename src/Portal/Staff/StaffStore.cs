using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Portal.Data;

namespace Portal.Staff;

public sealed record StaffMember(long Id, string Name, string Role, string Stamp = "");

/// <summary>An account as the admin page and `staff list` show it.</summary>
public sealed record StaffAccount
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public string CreatedAt { get; init; } = "";
    public string? DisabledAt { get; init; }
    public string? LockedUntil { get; init; }
    public long FailedLogins { get; init; }
}

public enum SignInResult { Ok, Wrong, LockedOut, Disabled }

/// <summary>
/// Staff accounts: Identity's PasswordHasher for hashes; a lock-out after repeated failures, counted
/// atomically before the password is checked; a security stamp that ends sessions when it changes.
/// </summary>
public sealed class StaffStore(Db db, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public const int MinPasswordLength = 12;
    public static readonly TimeSpan LockOut = TimeSpan.FromMinutes(15);
    public static readonly string[] Roles = ["editor", "admin"];

    private static readonly PasswordHasher<StaffMember> Hasher = new();
    private static readonly string DummyHash = Hasher.HashPassword(new StaffMember(0, "", "editor"), Guid.NewGuid().ToString());

    public async Task<long> AddAsync(string name, string role, string password, CancellationToken cancellationToken = default)
    {
        if (!Roles.Contains(role)) throw new ArgumentException($"role must be editor or admin, not '{role}'", nameof(role));
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64) throw new ArgumentException("the name must be 1 to 64 characters", nameof(name));
        CheckPassword(password);
        var member = new StaffMember(0, name.Trim(), role);
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO staff (name, password_hash, role, created_at, security_stamp) VALUES (@name, @hash, @role, @now, @stamp) RETURNING id
            """, new { name = member.Name, hash = Hasher.HashPassword(member, password), role, now = Now(), stamp = NewStamp() }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The SET clause that charges one password check to the account (sign-in and re-authentication alike): an
    /// expired lock starts a new count, and the attempt that reaches <see cref="MaxFailures"/> sets the lock.
    /// </summary>
    private const string ChargeAttempt = """
        failed_logins = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END,
        locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END) >= @max THEN @until ELSE NULL END
        """;

    public async Task<(SignInResult Result, StaffMember? Member)> SignInAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var now = Now();
        // One statement charges the attempt before the password is checked: parallel guesses cannot
        // all read the same count, and the attempt that reaches the limit sets the lock. An expired
        // lock starts a new count.
        var row = await c.QuerySingleOrDefaultAsync<(long Id, string Name, string Role, string Hash, string Stamp, long Failed, string? LockedUntil, string? DisabledAt)>(
            new CommandDefinition($"""
                UPDATE staff SET {ChargeAttempt}
                WHERE lower(name) = lower(@name) AND (locked_until IS NULL OR locked_until <= @now)
                RETURNING id, name, role, password_hash, security_stamp, failed_logins, locked_until, disabled_at
                """, new { name = name.Trim(), now, max = MaxFailures, until = Stamp(clock.GetUtcNow() + LockOut) }, cancellationToken: cancellationToken));
        if (row.Id == 0)
        {
            var exists = await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM staff WHERE lower(name) = lower(@name)", new { name = name.Trim() }, cancellationToken: cancellationToken));
            // Same work as a real check, so response times tell neither which names exist nor which are locked.
            Hasher.VerifyHashedPassword(new StaffMember(0, name, "editor"), DummyHash, password);
            return (exists == 0 ? SignInResult.Wrong : SignInResult.LockedOut, null);
        }
        var member = new StaffMember(row.Id, row.Name, row.Role, row.Stamp);
        if (Hasher.VerifyHashedPassword(member, row.Hash, password) == PasswordVerificationResult.Failed)
            return (row.LockedUntil is null ? SignInResult.Wrong : SignInResult.LockedOut, null);
        await c.ExecuteAsync(new CommandDefinition("UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = @id",
            new { id = row.Id }, cancellationToken: cancellationToken));
        return row.DisabledAt is null ? (SignInResult.Ok, member) : (SignInResult.Disabled, null);
    }

    /// <summary>A new server-side session for the account, valid until <paramref name="expires"/>; its id goes into the cookie.</summary>
    public async Task<string> StartSessionAsync(long staffId, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        var session = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await using var c = await db.OpenAsync(cancellationToken);
        // Ended sessions leave no rows behind: expired ones go whenever a new one starts.
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM staff_sessions WHERE expires_at <= @now",
            new { now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        await c.ExecuteAsync(new CommandDefinition("INSERT INTO staff_sessions (id, staff_id, expires_at) VALUES (@session, @staffId, @expires)",
            new { session, staffId, expires = expires.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return session;
    }

    /// <summary>
    /// The account's current stamp when <paramref name="session"/> is one of its live sessions and the account is enabled;
    /// otherwise null. A cookie is valid only while its session row exists and its stamp matches.
    /// </summary>
    public async Task<string?> ValidStampAsync(long id, string session, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteScalarAsync<string?>(new CommandDefinition("""
            SELECT s.security_stamp FROM staff s JOIN staff_sessions ss ON ss.staff_id = s.id
            WHERE s.id = @id AND ss.id = @session AND ss.expires_at > @now AND s.disabled_at IS NULL
            """, new { id, session, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }

    /// <summary>Ends one session on the server: every copy of its cookie is refused from the next request on.</summary>
    public async Task EndSessionAsync(string session, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM staff_sessions WHERE id = @session", new { session }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var rows = await c.QueryAsync<StaffAccount>(new CommandDefinition("""
            SELECT id AS Id, name AS Name, role AS Role, created_at AS CreatedAt, disabled_at AS DisabledAt,
                   CASE WHEN locked_until > @now THEN locked_until END AS LockedUntil, failed_logins AS FailedLogins
            FROM staff ORDER BY name
            """, new { now = Now() }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <summary>Sets a new password, ends the account's other sessions and clears any lock. False when there is no such account.</summary>
    public async Task<bool> SetPasswordAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        CheckPassword(password);
        await using var c = await db.OpenAsync(cancellationToken);
        var member = new StaffMember(0, name.Trim(), "editor");
        return await c.ExecuteAsync(new CommandDefinition("""
            UPDATE staff SET password_hash = @hash, security_stamp = @stamp, failed_logins = 0, locked_until = NULL WHERE lower(name) = lower(@name)
            """, new { name = name.Trim(), hash = Hasher.HashPassword(member, password), stamp = NewStamp() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Checks the current password first, charged to the same lock as sign-in: the attempt is counted in the same
    /// statement that reads the hash, so parallel guesses check at most <see cref="MaxFailures"/> passwords before the
    /// account locks. Ok carries the new stamp (for the caller's own session).
    /// </summary>
    public async Task<(SignInResult Result, string? Stamp)> ChangeOwnPasswordAsync(long id, string current, string password, CancellationToken cancellationToken = default)
    {
        CheckPassword(password);
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<(string? Name, string Hash, string? LockedUntil)>(new CommandDefinition($"""
            UPDATE staff SET {ChargeAttempt}
            WHERE id = @id AND disabled_at IS NULL AND (locked_until IS NULL OR locked_until <= @now)
            RETURNING name, password_hash, locked_until
            """, new { id, now = Now(), max = MaxFailures, until = Stamp(clock.GetUtcNow() + LockOut) }, cancellationToken: cancellationToken));
        if (row.Name is null) return (SignInResult.LockedOut, null);
        var member = new StaffMember(id, row.Name, "editor");
        if (Hasher.VerifyHashedPassword(member, row.Hash, current) == PasswordVerificationResult.Failed)
            return (row.LockedUntil is null ? SignInResult.Wrong : SignInResult.LockedOut, null);
        var stamp = NewStamp();
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE staff SET password_hash = @hash, security_stamp = @stamp, failed_logins = 0, locked_until = NULL WHERE id = @id",
            new { id, hash = Hasher.HashPassword(member, password), stamp }, cancellationToken: cancellationToken));
        return (SignInResult.Ok, stamp);
    }

    /// <summary>Disabling also changes the stamp, so the account's open sessions stop at their next request.</summary>
    public async Task<bool> SetDisabledAsync(string name, bool disabled, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition(disabled
                ? "UPDATE staff SET disabled_at = @now, security_stamp = @stamp WHERE lower(name) = lower(@name) AND disabled_at IS NULL"
                : "UPDATE staff SET disabled_at = NULL WHERE lower(name) = lower(@name) AND disabled_at IS NOT NULL",
            new { name = name.Trim(), now = Now(), stamp = NewStamp() }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> UnlockAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE lower(name) = lower(@name)",
            new { name = name.Trim() }, cancellationToken: cancellationToken)) == 1;
    }

    public static void CheckPassword(string password)
    {
        if (password.Length < MinPasswordLength) throw new ArgumentException($"the password must be at least {MinPasswordLength} characters", nameof(password));
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");
    private static string Stamp(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
    private string Now() => Stamp(clock.GetUtcNow());
}
