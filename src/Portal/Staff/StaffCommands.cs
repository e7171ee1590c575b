using Portal.Data;

namespace Portal.Staff;

/// <summary>
/// `Portal staff add NAME --role admin|editor`, `staff passwd NAME`, `staff disable NAME`, `staff enable NAME`,
/// `staff unlock NAME`, `staff list`. Passwords are read from standard input, never from the command line.
/// </summary>
public static class StaffCommands
{
    private const string Usage = """
        usage: Portal staff add NAME --role admin|editor   (password on standard input)
               Portal staff passwd NAME                    (new password on standard input)
               Portal staff disable NAME | enable NAME | unlock NAME
               Portal staff list
        """;

    public static async Task<int> RunAsync(string[] words, string? role, StaffStore store, TextReader input, TextWriter output, TextWriter error)
    {
        try
        {
            switch (words)
            {
                case ["staff", "add", var name]:
                {
                    role ??= StaffFeature.Editor;
                    var id = await store.AddAsync(name, role, await PasswordAsync(name, input, output));
                    await output.WriteLineAsync($"Added {role} '{name}' (id {id}).");
                    return 0;
                }
                case ["staff", "passwd", var name]:
                    return await Done(await store.SetPasswordAsync(name, await PasswordAsync(name, input, output)),
                        $"Password of '{name}' changed; its other sessions have ended.", name, output, error);
                case ["staff", "disable", var name]:
                    return await Done(await store.SetDisabledAsync(name, disabled: true),
                        $"Disabled '{name}'; its open sessions stop at their next request.", name, output, error);
                case ["staff", "enable", var name]:
                    return await Done(await store.SetDisabledAsync(name, disabled: false), $"Enabled '{name}'.", name, output, error);
                case ["staff", "unlock", var name]:
                    return await Done(await store.UnlockAsync(name), $"Unlocked '{name}'.", name, output, error);
                case ["staff", "list"]:
                    await output.WriteLineAsync("name\trole\tstate\tcreated");
                    foreach (var a in await store.ListAsync())
                        await output.WriteLineAsync($"{a.Name}\t{a.Role}\t{StaffText.StateOf(a).En}\t{a.CreatedAt[..10]}");
                    return 0;
                default:
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync(e.Message.Split(" (Parameter")[0]);
            return 2;
        }
        catch (Exception e) when (Db.IsUniqueViolation(e))
        {
            await error.WriteLineAsync($"A staff member named '{words[^1]}' already exists.");
            return 2;
        }
    }

    private static async Task<string> PasswordAsync(string name, TextReader input, TextWriter output)
    {
        if (!Console.IsInputRedirected) await output.WriteAsync($"Password for {name} (at least {StaffStore.MinPasswordLength} characters): ");
        return await input.ReadLineAsync() ?? "";
    }

    private static async Task<int> Done(bool changed, string message, string name, TextWriter output, TextWriter error)
    {
        if (changed)
        {
            await output.WriteLineAsync(message);
            return 0;
        }
        await error.WriteLineAsync($"No change: there is no staff member '{name}', or it is already so.");
        return 1;
    }
}
