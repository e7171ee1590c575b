using System.Text.RegularExpressions;

namespace Portal.Site;

/// <summary>A support ticket carried by a link staff send (?ticket=…): at most 32 of A-Z a-z 0-9 - _ #.</summary>
public static partial class SupportTicket
{
    public const int MaxLength = 32;

    /// <summary>The whole rule as a regular expression, also what the OpenAPI document says.</summary>
    public const string PatternText = "^[A-Za-z0-9_#-]{1,32}$";

    [GeneratedRegex(PatternText)]
    private static partial Regex Pattern();

    public static bool IsValid(string? ticket) => ticket is null || Pattern().IsMatch(ticket);

    /// <summary>The refusal every test gives a ticket that cannot be one (the link was damaged on its way); null when it is fine.</summary>
    public static Refusal? Check(string? ticket) => IsValid(ticket) ? null : new Refusal("ticket-invalid", Invalid);

    public static readonly Text Invalid = new(
        "お問い合わせ番号(ticket)は、半角英数字と「- _ #」で32文字までです。メールに書かれたリンクをそのままお使いください。",
        "The ticket may hold at most 32 characters: letters, digits and - _ #. Please use the link from the e-mail as it is.");
}
