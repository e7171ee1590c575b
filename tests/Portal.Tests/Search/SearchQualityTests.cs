using Microsoft.Extensions.DependencyInjection;
using Portal.Search;
using Portal.Site;
using Portal.Tests.Support;

namespace Portal.Tests.Search;

/// <summary>
/// Customers' own words (queries-{ja,en}.tsv) against the real content, synonyms and seeded registry: a right answer
/// must be in the first three results for at least 90% of them. The misses are printed, to guide content and synonyms.
/// </summary>
public sealed class SearchQualityTests(SearchQualityTests.Portal fixture, ITestOutputHelper output) : IClassFixture<SearchQualityTests.Portal>
{
    public sealed class Portal : IAsyncLifetime
    {
        public PortalFactory Factory { get; } = new();
        public SearchService Search => Factory.Services.GetRequiredService<SearchService>();
        public ValueTask InitializeAsync() { _ = Factory.Server; return ValueTask.CompletedTask; }
        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }

    public static IEnumerable<(string Query, string[] Targets)> Queries(string lang) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Search", $"queries-{lang}.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => (f[0], f[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public void A_Right_Answer_Is_In_The_First_Three_For_Nine_In_Ten_Customer_Queries(string code)
    {
        var lang = code == "en" ? Lang.En : Lang.Ja;
        var search = fixture.Search;
        var queries = Queries(code).ToList();
        Assert.True(queries.Count >= 40, $"only {queries.Count} queries");
        var misses = new List<string>();
        foreach (var (query, targets) in queries)
        {
            var top = search.Find(lang, query, 3).Select(h => h.Url).ToList();
            if (!top.Any(targets.Contains))
                misses.Add($"  {query} → [{string.Join(", ", top)}] (wanted one of {string.Join(" ", targets)})");
        }
        var hitRate = 1.0 - (double)misses.Count / queries.Count;
        output.WriteLine($"{code}: hit@3 {queries.Count - misses.Count}/{queries.Count} = {hitRate:P1}");
        foreach (var m in misses) output.WriteLine(m);
        Assert.True(hitRate >= 0.9, $"{code}: hit@3 {hitRate:P1} < 90%\n{string.Join("\n", misses)}");
    }

}
