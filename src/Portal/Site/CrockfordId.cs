using System.Security.Cryptography;

namespace Portal.Site;

/// <summary>
/// Identifiers people read aloud or type: 10 characters of Crockford base32 (50 random bits), an alphabet without
/// I, L, O and U, so one read over the phone or typed from a screenshot is hard to get wrong. Used by line-test
/// codes and result IDs.
/// </summary>
public static class CrockfordId
{
    public const int Length = 10;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>The ID as typed, read the Crockford way (case, I/L as 1, O as 0, hyphens); null when it cannot be one.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null) return null;
        Span<char> id = stackalloc char[Length];
        var n = 0;
        foreach (var ch in text.Trim())
        {
            if (ch == '-') continue;
            var c = char.ToUpperInvariant(ch) switch { 'I' or 'L' => '1', 'O' => '0', var u => u };
            if (n == Length || Alphabet.IndexOf(c) < 0) return null;
            id[n++] = c;
        }
        return n == Length ? new string(id) : null;
    }

    /// <summary>Grouped for reading over the phone: 7K2M-QX4P9R.</summary>
    public static string Grouped(string id) => id.Length == Length ? $"{id[..4]}-{id[4..]}" : id;
}
