using System.Security.Cryptography;

namespace Portal.LineTest;

/// <summary>
/// Line-test codes: 10 characters of Crockford base32 (50 random bits), an alphabet without I, L, O and U,
/// so a code read over the phone or typed from a screenshot is hard to get wrong.
/// </summary>
public static class LineTestCode
{
    public const int Length = 10;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>The code as typed, read the Crockford way (case, I/L as 1, O as 0, hyphens); null when it cannot be a code.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null) return null;
        Span<char> code = stackalloc char[Length];
        var n = 0;
        foreach (var ch in text.Trim())
        {
            if (ch == '-') continue;
            var c = char.ToUpperInvariant(ch) switch { 'I' or 'L' => '1', 'O' => '0', var u => u };
            if (n == Length || Alphabet.IndexOf(c) < 0) return null;
            code[n++] = c;
        }
        return n == Length ? new string(code) : null;
    }
}
