using Portal.Search;
using Portal.Site;

namespace Portal.Providers;

/// <summary>The registry's live providers for search: names, kana, operator and the notes in each language.</summary>
public sealed class ProviderSearchSource(ProviderStore store, RegistryVersion registry) : ISearchSource
{
    public string Name => "Provider registry";

    public event Action? Changed
    {
        add => registry.Changed += value;
        remove => registry.Changed -= value;
    }

    public async Task<IReadOnlyList<SearchDocument>> DocumentsAsync(CancellationToken cancellationToken)
    {
        var providers = await store.ListAsync(cancellationToken: cancellationToken);
        var documents = new List<SearchDocument>(providers.Count * 2);
        foreach (var lang in Enum.GetValues<Lang>())
            foreach (var p in providers)
                documents.Add(Document(lang, p));
        return documents;
    }

    public static SearchDocument Document(Lang lang, Provider p)
    {
        var text = string.Join("\n", new[] { p.NameJa, p.NameEn, p.Kana, p.Operator, p.NotesIn(lang) }.Where(s => s.Length > 0).Distinct());
        // Providers weigh a little less, so a provider named in an answer does not push the answer down.
        return new SearchDocument(lang, p.DisplayName(lang), lang.Url($"/providers/{p.Id}"), text, Components.ProviderText.ListTitle[lang], 0.8);
    }
}
