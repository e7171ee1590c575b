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

// dotnet run -c Release -- bench [providers] [searches]: rebuild time and search latency with generated providers.
if (args[0] == "bench")
{
    var count = args.Length > 1 ? int.Parse(args[1]) : 10_000;
    var searches = args.Length > 2 ? int.Parse(args[2]) : 20_000;
    var all = new List<SearchDocument>(SearchContent.From(snapshot));
    foreach (var l in Enum.GetValues<Lang>()) all.AddRange(Generated(count).Select(p => Portal.Providers.ProviderSearchSource.Document(l, p)));
    Console.WriteLine($"{all.Count} entries ({count} providers x 2 languages + content)");

    var builds = new List<double>();
    SearchIndex index = null!;
    for (var i = 0; i < 6; i++)
    {
        var w = System.Diagnostics.Stopwatch.StartNew();
        index = SearchIndex.Build(all, synonyms, i + 1);
        builds.Add(w.Elapsed.TotalMilliseconds);
    }
    builds = builds.Skip(1).Order().ToList();
    Console.WriteLine($"full rebuild: median {builds[builds.Count / 2]:F0} ms, min {builds[0]:F0} ms, max {builds[^1]:F0} ms (5 builds after a warm-up; target < 1000 ms)");

    var queries = new[] { "ja", "en" }.SelectMany(code => File.ReadLines(Path.Combine(root, "..", "tests", "Portal.Tests", "Search", $"queries-{code}.tsv"))
        .Where(l => l.Length > 0 && l[0] != '#').Select(l => (Lang: code == "en" ? Lang.En : Lang.Ja, Query: l.Split('\t')[0])))
        .Concat(new (Lang Lang, string Query)[] { (Lang.Ja, "ネット123"), (Lang.En, "provider 4567"), (Lang.Ja, "ぷらら"), (Lang.Ja, "株式会社"), (Lang.Ja, "量子コンピューター") })
        .ToArray();
    foreach (var (max, label) in new[] { (20, "search page (20 results, snippets)"), (8, "suggestions (8 results)") })
    {
        for (var i = 0; i < 2000; i++) { var q = queries[i % queries.Length]; index.Find(q.Lang, q.Query, max); }
        var times = new double[searches];
        for (var i = 0; i < searches; i++)
        {
            var q = queries[i % queries.Length];
            var w = System.Diagnostics.Stopwatch.StartNew();
            index.Find(q.Lang, q.Query, max);
            times[i] = w.Elapsed.TotalMilliseconds;
        }
        var slowest = queries.Select((q, k) => (q.Query, Ms: Enumerable.Range(0, searches).Where(i => i % queries.Length == k).Average(i => times[i])))
            .OrderByDescending(x => x.Ms).Take(5);
        Console.WriteLine("  slowest: " + string.Join(", ", slowest.Select(x => $"{x.Query} {x.Ms:F1} ms")));
        Array.Sort(times);
        Console.WriteLine($"{label}: {searches} searches over {queries.Length} queries: p50 {times[searches / 2]:F3} ms, p99 {times[searches * 99 / 100]:F3} ms, max {times[^1]:F1} ms (targets p50 < 2, p99 < 10)");
    }
    Console.WriteLine($"managed memory with the index alive: {GC.GetTotalMemory(true) / 1024 / 1024} MB");
    GC.KeepAlive(index);
}

// dotnet run -c Release -- db FILE [providers]: a migrated database with generated providers, for search-api.sh.
if (args[0] == "db")
{
    var db = new Portal.Data.Db($"Data Source={args[1]}");
    await new Portal.Data.Migrator(db, NullLogger<Portal.Data.Migrator>.Instance).MigrateAsync();
    var store = new Portal.Providers.ProviderStore(db, TimeProvider.System, new Portal.Providers.RegistryVersion());
    await store.SeedAsync(Portal.Providers.ProviderSeed.Load().Concat(Generated(args.Length > 2 ? int.Parse(args[2]) : 10_000)));
    Console.WriteLine($"{await store.CountAsync()} providers in {args[1]}");
}

static IEnumerable<Portal.Providers.Provider> Generated(int count)
{
    var kana = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ";
    var random = new Random(42);
    string Word(int n) => new(Enumerable.Range(0, n).Select(_ => kana[random.Next(kana.Length)]).ToArray());
    for (var i = 0; i < count; i++)
        yield return new Portal.Providers.Provider
        {
            Id = 1000 + i, NameJa = $"{Word(3)}ネット{i}", NameEn = $"Provider {i}", Kana = Word(5), Operator = $"株式会社{Word(4)}",
            Op25b = Portal.Providers.Provider.Statuses[i % 4], SubmissionPorts = [587],
            Notes = $"Generated provider {i}; mail to port 25 is blocked on some plans.", NotesJa = $"生成したプロバイダー{i}。一部のプランで25番ポートを遮断しています。",
        };
}
