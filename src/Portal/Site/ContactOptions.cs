using System.Text.RegularExpressions;

namespace Portal.Site;

/// <summary>How customers reach support (Site:Contact:*): shown in the footer, on the 404 and no-results pages and under verdicts.</summary>
public sealed partial class ContactOptions
{
    public const string Section = "Site:Contact";

    /// <summary>Fictional by default: operators set the real address.</summary>
    public string Email { get; set; } = "support@saiin.example.jp";

    public string Phone { get; set; } = "";

    /// <summary>Opening hours as one line, e.g. "平日 10:00〜17:00 / Weekdays 10:00–17:00".</summary>
    public string Hours { get; set; } = "";

    [GeneratedRegex(@"^[^@\s<>""]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()-]{5,24}$")]
    private static partial Regex PhonePattern();

    public IEnumerable<string> Problems()
    {
        if (!EmailPattern().IsMatch(Email ?? "")) yield return $"Site:Contact:Email must be an e-mail address such as support@saiin.example.jp, not '{Email}'";
        if (Phone.Length > 0 && !PhonePattern().IsMatch(Phone)) yield return $"Site:Contact:Phone must be a phone number such as 0120-000-000, not '{Phone}'";
        if (Hours.Length > 100) yield return "Site:Contact:Hours must be at most 100 characters";
    }
}
