namespace Portal.Site;

/// <summary>Splits the command line into an operator command (db ..., staff ...) and the web server's configuration arguments.</summary>
public static class CommandLine
{
    private static readonly string[] CommandWords = ["db", "staff"];

    /// <summary>Only a known command word starts a command, so `--urls X` and `Key=value` always configure the web server.</summary>
    public static (string[] Command, string[] Configuration) Split(string[] args)
    {
        if (args.Length == 0 || !CommandWords.Contains(args[0])) return ([], args);
        var command = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        return (command, args[command.Length..]);
    }
}
