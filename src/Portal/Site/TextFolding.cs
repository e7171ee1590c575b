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
        var normal = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(normal.Length);
        foreach (var c in normal)
            sb.Append(c is >= '\u3041' and <= '\u3096' ? (char)(c + 0x60) : char.IsWhiteSpace(c) ? ' ' : c);
        return sb.ToString();
    }
}
