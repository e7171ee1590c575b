using System.Text;

namespace Portal.Site;

/// <summary>
/// One folding for every search on the site (content and registry): NFKC, lower case, hiragana to
/// katakana and any white space to one space, so 「ぷらら」 finds 「プララ」 and full-width finds half-width.
/// </summary>
public static class TextFolding
{
    public static string Fold(string text)
    {
        var normal = Nfkc(text).ToLowerInvariant();
        var sb = new StringBuilder(normal.Length);
        foreach (var c in normal)
            sb.Append(c is >= '\u3041' and <= '\u3096' ? (char)(c + 0x60) : char.IsWhiteSpace(c) ? ' ' : c);
        return sb.ToString();
    }

    /// <summary>
    /// NFKC of any input. string.Normalize throws ArgumentException on text that is not valid Unicode (a lone
    /// surrogate; on ICU also noncharacters such as U+FFFE), so visitors' text is cleaned first.
    /// </summary>
    public static string Nfkc(string text) => Clean(text).Normalize(NormalizationForm.FormKC);

    /// <summary>
    /// Visitors' text made safe to fold, index and store: lone surrogates and noncharacters (U+FDD0–U+FDEF and the
    /// last two code points of every plane) become U+FFFD, control characters (NUL among them) become a space.
    /// </summary>
    public static string Clean(string text)
    {
        if (!NeedsCleaning(text)) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var cp = char.ConvertToUtf32(c, text[i + 1]);
                if (IsNoncharacter(cp)) sb.Append('\uFFFD'); else sb.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c) || IsNoncharacter(c)) sb.Append('\uFFFD');
            else if (char.IsControl(c)) sb.Append(' ');
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
            if (char.IsSurrogate(c) || char.IsControl(c) || IsNoncharacter(c) || c == '\uFFFF') return true;
        return false;
    }

    private static bool IsNoncharacter(int cp) => cp is >= 0xFDD0 and <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE;
}
