using System.Globalization;

namespace Portal.Site;

/// <summary>Times as HTML's datetime attribute takes them.</summary>
public static class HtmlTime
{
    /// <summary>A valid global date and time string in UTC with milliseconds: HTML allows at most three fraction digits
    /// (WHATWG HTML §2.3.5.5 "global dates and times"), so the round-trip format "O" (seven digits) is not one.</summary>
    public static string Attribute(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
