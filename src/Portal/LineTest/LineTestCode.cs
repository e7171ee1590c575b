namespace Portal.LineTest;

/// <summary>Line-test codes: Crockford IDs (<see cref="Portal.Site.CrockfordId"/>).</summary>
public static class LineTestCode
{
    public const int Length = Portal.Site.CrockfordId.Length;

    public static string New() => Portal.Site.CrockfordId.New();

    /// <summary>The code as typed, read the Crockford way (case, I/L as 1, O as 0, hyphens); null when it cannot be a code.</summary>
    public static string? Normalize(string? text) => Portal.Site.CrockfordId.Normalize(text);
}
