namespace Portal.Site;

/// <summary>User input as it goes into a log line: cut to a sane length, so a 3 MB name makes a short line, not a 3 MB one.</summary>
public static class LogText
{
    public const int MaxLength = 200;

    public static string Cut(string? value, int max = MaxLength) =>
        value is null ? "" : value.Length <= max ? value : string.Concat(value.AsSpan(0, max), $"…(+{value.Length - max})");
}
