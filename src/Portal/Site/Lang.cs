namespace Portal.Site;

/// <summary>The two languages of the site. Japanese has no URL prefix; English lives under /en.</summary>
public enum Lang { Ja, En }

public static class LangExtensions
{
    public static string Code(this Lang lang) => lang == Lang.En ? "en" : "ja";

    public static string Prefix(this Lang lang) => lang == Lang.En ? "/en" : "";

    public static Lang Other(this Lang lang) => lang == Lang.En ? Lang.Ja : Lang.En;

    /// <summary>
    /// The one reading of an API's <c>?lang=</c>: absent, empty or "ja" is Japanese, "en" English, anything else null
    /// (most endpoints then answer in Japanese; search refuses it).
    /// </summary>
    public static Lang? FromQuery(string? lang) => lang switch { null or "" or "ja" => Lang.Ja, "en" => Lang.En, _ => null };

    public static bool TryParse(string? code, out Lang lang)
    {
        lang = code switch { "ja" => Lang.Ja, "en" => Lang.En, _ => (Lang)(-1) };
        return Enum.IsDefined(lang);
    }

    /// <summary>The language a request path belongs to: /en and /en/... are English, the rest Japanese.</summary>
    public static Lang FromPath(string? path) =>
        path is not null && (path.Equals("/en", StringComparison.OrdinalIgnoreCase)
                             || path.StartsWith("/en/", StringComparison.OrdinalIgnoreCase))
            ? Lang.En
            : Lang.Ja;

    /// <summary>Builds a site-relative URL in the given language, e.g. ("/qa", En) → "/en/qa".</summary>
    public static string Url(this Lang lang, string path)
    {
        if (path is "" or "/") return lang == Lang.En ? "/en" : "/";
        return lang.Prefix() + path;
    }

    /// <summary>
    /// The same page in the other language: "/en/qa/x" ↔ "/qa/x". Only a path with one leading "/", no "\\" and no
    /// control character is kept; anything else gives the other language's home. Browsers read "//host", "/\\host" and
    /// "/\t//host" as another site (the WHATWG URL standard treats "\\" as "/" in special URLs and strips tabs and
    /// newlines anywhere), so "/en//evil.example" must never become a link to "//evil.example".
    /// </summary>
    public static string SwitchPath(string path)
    {
        var lang = FromPath(path);
        var rest = lang == Lang.En ? path[3..] : path;
        if (rest is "") return lang.Other().Url("/");
        var safe = rest[0] == '/' && (rest.Length == 1 || rest[1] != '/')
                   && !rest.Any(c => c == '\\' || char.IsControl(c) || c is '\u2028' or '\u2029');
        return lang.Other().Url(safe ? rest : "/");
    }
}
