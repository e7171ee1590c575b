using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Content;
using Portal.Search;
using Portal.Site;

// dotnet run -c Release -- probe ja "query" ...   : variants and top hits of each query
var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../content"));
var snapshot = new ContentLoader(NullLogger<ContentLoader>.Instance).Load(root);
var synonyms = Enum.GetValues<Lang>().ToDictionary(l => l, l =>
{
    using var reader = new StreamReader(Path.Combine(root, l.Code(), SearchService.SynonymsFile));
    return SearchSynonyms.Parse(reader, l.Code(), NullLogger.Instance);
});
var documents = SearchContent.From(snapshot).ToList();
// The seed providers with the ids a freshly seeded database gives them.
var seed = Portal.Providers.ProviderSeed.Load().Select((p, i) => p with { Id = i + 1 }).ToList();
foreach (var l in Enum.GetValues<Lang>()) documents.AddRange(seed.Select(p => Portal.Providers.ProviderSearchSource.Document(l, p)));

if (args[0] == "probe")
{
    var lang = args[1] == "en" ? Lang.En : Lang.Ja;
    var index = SearchIndex.Build(documents, synonyms, 1);
    foreach (var q in args.Skip(2))
    {
        Console.WriteLine($"== {q}");
        foreach (var v in synonyms[lang].Segment(q)) Console.WriteLine($"   part{(v.Optional ? " (optional)" : "")}: {string.Join(" | ", v.Spellings)}");
        foreach (var h in index.Find(lang, q, 5)) Console.WriteLine($"   {h.Score,6:F2} {h.Url}  {h.Title}");
    }
}
if (args[0] == "rules")
{
    using var reader = new StreamReader(Path.Combine(root, "ja", SearchService.SynonymsFile));
    var s = SearchSynonyms.Parse(reader, "ja", LoggerFactory.Create(b => b.AddConsole()).CreateLogger("x"));
}
if (args[0] == "eval")
{
    var index = SearchIndex.Build(documents, synonyms, 1);
    foreach (var code in new[] { "ja", "en" })
    {
        var lang = code == "en" ? Lang.En : Lang.Ja;
        var lines = File.ReadLines(Path.Combine(root, "..", "tests", "Portal.Tests", "Search", $"queries-{code}.tsv")).Where(l => l.Length > 0 && l[0] != '#').ToList();
        var misses = 0;
        foreach (var f in lines.Select(l => l.Split('\t')))
        {
            var top = index.Find(lang, f[0], 3).Select(h => h.Url).ToList();
            if (top.Any(f[1].Split(' ').Contains)) continue;
            misses++;
            Console.WriteLine($"  MISS {f[0]} -> [{string.Join(", ", top)}] want {f[1]}");
        }
        Console.WriteLine($"{code}: hit@3 {lines.Count - misses}/{lines.Count} = {1.0 - (double)misses / lines.Count:P1}");
    }
}
