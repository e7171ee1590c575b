using Portal.Site;

namespace Portal.Content;

/// <summary>
/// Data other than content/ that reading pages show (the provider registry on the Q&amp;A). Its version
/// joins the ETag and the cache key, and its change evicts cached pages. Content defines it; the
/// feature that owns the data implements it, so Content never knows that feature.
/// </summary>
public interface IReadingPageSource
{
    string Name { get; }
    long Version { get; }
    event Action? Changed;
}

/// <summary>A component shown where a content page has the marker <c>&lt;!-- {Marker} --&gt;</c>; it receives Lang.</summary>
public sealed record ContentInsert(string Marker, Type Component);

/// <summary>
/// Values for <c>{{name}}</c> placeholders in content (our mail settings in the setup guides). Filled in when
/// the files are loaded, so search finds the values; Content defines it, the owning feature implements it.
/// </summary>
public interface IContentPlaceholders
{
    IReadOnlyDictionary<string, string> Values(Lang lang);
}
