namespace Portal.Site;

/// <summary>The two languages of the site. Japanese has no URL prefix; English lives under /en.</summary>
public enum Lang { Ja, En }

public static class LangExtensions
{
    public static string Code(this Lang lang) => lang == Lang.En ? "en" : "ja";

    public static string Prefix(this Lang lang) => lang == Lang.En ? "/en" : "";

    public static Lang Other(this Lang lang) => lang == Lang.En ? Lang.Ja : Lang.En;

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

    /// <summary>The same page in the other language: "/en/qa/x" ↔ "/qa/x".</summary>
    public static string SwitchPath(string path)
    {
        var lang = FromPath(path);
        var rest = lang == Lang.En ? path[3..] : path;
        return lang.Other().Url(rest is "" ? "/" : rest);
    }
}
