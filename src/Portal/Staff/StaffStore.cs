using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Portal.Data;

namespace Portal.Staff;

public sealed record StaffMember(long Id, string Name, string Role);

public enum SignInResult { Ok, Wrong, LockedOut }

/// <summary>
/// Staff accounts: Identity's PasswordHasher for hashes, and a lock-out after repeated failures so a
/// password cannot be guessed by trying.
/// </summary>
public sealed class StaffStore(Db db, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockOut = TimeSpan.FromMinutes(15);
    public static readonly string[] Roles = ["editor", "admin"];

    private static readonly PasswordHasher<StaffMember> Hasher = new();

    public async Task<long> AddAsync(string name, string role, string password, CancellationToken cancellationToken = default)
    {
        if (!Roles.Contains(role)) throw new ArgumentException($"role must be editor or admin, not '{role}'", nameof(role));
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64) throw new ArgumentException("the name must be 1 to 64 characters", nameof(name));
        if (password.Length < 12) throw new ArgumentException("the password must be at least 12 characters", nameof(password));
        var member = new StaffMember(0, name.Trim(), role);
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO staff (name, password_hash, role, created_at) VALUES (@name, @hash, @role, @now) RETURNING id
            """, new { name = member.Name, hash = Hasher.HashPassword(member, password), role, now = Now() }, cancellationToken: cancellationToken));
    }

    public async Task<(SignInResult Result, StaffMember? Member)> SignInAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<(long Id, string Name, string Role, string Hash, long Failed, string? LockedUntil)>(
            new CommandDefinition("SELECT id, name, role, password_hash, failed_logins, locked_until FROM staff WHERE name = @name",
                new { name = name.Trim() }, cancellationToken: cancellationToken));
        if (row.Id == 0)
        {
            // Same work as a real check, so response times do not reveal which names exist.
            Hasher.VerifyHashedPassword(new StaffMember(0, name, "editor"), DummyHash, password);
            return (SignInResult.Wrong, null);
        }
        if (row.LockedUntil is { } until && DateTimeOffset.Parse(until, CultureInfo.InvariantCulture) > clock.GetUtcNow())
            return (SignInResult.LockedOut, null);
        var member = new StaffMember(row.Id, row.Name, row.Role);
        if (Hasher.VerifyHashedPassword(member, row.Hash, password) == PasswordVerificationResult.Failed)
        {
            var failed = row.Failed + 1;
            var lockUntil = failed >= MaxFailures ? (clock.GetUtcNow() + LockOut).ToString("O", CultureInfo.InvariantCulture) : null;
            await c.ExecuteAsync(new CommandDefinition("UPDATE staff SET failed_logins = @failed, locked_until = @lockUntil WHERE id = @id",
                new { failed = lockUntil is null ? failed : 0, lockUntil, id = row.Id }, cancellationToken: cancellationToken));
            return (lockUntil is null ? SignInResult.Wrong : SignInResult.LockedOut, null);
        }
        await c.ExecuteAsync(new CommandDefinition("UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = @id",
            new { id = row.Id }, cancellationToken: cancellationToken));
        return (SignInResult.Ok, member);
    }

    private static readonly string DummyHash = Hasher.HashPassword(new StaffMember(0, "", "editor"), Guid.NewGuid().ToString());

    private string Now() => clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
