using Portal.Site;

namespace Portal.Search;

/// <summary>One thing search can find: a section, a question, a guide or a provider.</summary>
/// <param name="Where">The page it belongs to, shown above the snippet (「図解」, 「Outlookの設定」).</param>
/// <param name="Weight">Multiplies the score: below 1 for entries that should not crowd out the answers.</param>
public sealed record SearchDocument(Lang Lang, string Title, string Url, string Text, string Where, double Weight = 1.0);

/// <summary>
/// Data other than content/ that search indexes (the provider registry). Search defines it; the feature that owns
/// the data implements it and raises Changed after a write, so the index is rebuilt without Search knowing that feature.
/// </summary>
public interface ISearchSource
{
    string Name { get; }
    event Action? Changed;
    Task<IReadOnlyList<SearchDocument>> DocumentsAsync(CancellationToken cancellationToken);
}
