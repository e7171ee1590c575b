using System.Diagnostics;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Portal.Content;
using Portal.Site;

namespace Portal.Search;

/// <summary>
/// Holds the current index and builds the next one when content, the synonyms or a source (the registry) change.
/// Builds run one at a time, a little after the last change; readers keep the old index until the new one is whole.
/// </summary>
public sealed class SearchService : IReadingPageSource, IDisposable
{
    public const string SynonymsFile = "search-synonyms.txt";
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);

    private readonly ContentStore _content;
    private readonly ISearchSource[] _sources;
    private readonly ILogger<SearchService> _logger;
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly Timer _timer;
    private readonly PhysicalFileProvider _files;
    private readonly IDisposable _watch;
    private volatile SearchIndex _current = SearchIndex.Empty;
    private long _generation;

    public SearchService(ContentStore content, IEnumerable<ISearchSource> sources, IOptions<ContentOptions> options, ILogger<SearchService> logger)
    {
        _content = content;
        _sources = sources.ToArray();
        _logger = logger;
        _timer = new Timer(_ => _ = RebuildAsync(CancellationToken.None), null, Timeout.Infinite, Timeout.Infinite);
        _content.Changed += OnChanged;
        foreach (var s in _sources) s.Changed += Schedule;
        _files = new PhysicalFileProvider(content.Root) { UsePollingFileWatcher = options.Value.UsePolling, UseActivePolling = options.Value.UsePolling };
        _watch = ChangeToken.OnChange(() => _files.Watch("*/" + SynonymsFile), Schedule);
    }

    public SearchIndex Current => _current;

    string IReadingPageSource.Name => "Search index";
    long IReadingPageSource.Version => _current.Generation;

    // The generation joins the search page's cache key, so a new build is never hidden by an old entry; entries of
    // older builds are left to expire rather than evicted, since content and registry changes evict them anyway.
    event Action? IReadingPageSource.Changed { add { } remove { } }

    public IReadOnlyList<SearchHit> Find(Lang lang, string? query, int max = 20) => _current.Find(lang, query, max);

    private void OnChanged(ContentSnapshot _) => Schedule();
    private void Schedule() => _timer.Change(Debounce, Timeout.InfiniteTimeSpan);

    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await _building.WaitAsync(cancellationToken);
        try
        {
            var watch = Stopwatch.StartNew();
            var documents = SearchContent.From(_content.Current).ToList();
            foreach (var source in _sources) documents.AddRange(await source.DocumentsAsync(cancellationToken));
            var synonymTexts = Enum.GetValues<Lang>().ToDictionary(l => l, ReadSynonyms);
            // A change that changes nothing (the seed written at first start, a file saved unchanged) keeps the index.
            var fingerprint = Fingerprint(documents, synonymTexts.Values);
            if (fingerprint == _fingerprint) return;
            var synonyms = synonymTexts.ToDictionary(p => p.Key, p => ParseSynonyms(p.Key, p.Value));
            _current = SearchIndex.Build(documents, synonyms, Interlocked.Increment(ref _generation));
            _fingerprint = fingerprint;
            _logger.LogInformation("Search index built: {Count} entries, {Rules} synonym rules, {Ms} ms",
                documents.Count, synonyms.Values.Sum(s => s.RuleCount), (int)watch.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Keep the last good index rather than none.
            _logger.LogError(e, "Building the search index failed; the previous index stays in use");
            return;
        }
        finally
        {
            _building.Release();
        }
    }

    private string _fingerprint = "";

    private static string Fingerprint(List<SearchDocument> documents, IEnumerable<string> synonyms)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Add(string s) => hash.AppendData(System.Text.Encoding.UTF8.GetBytes(s + "\0"));
        foreach (var d in documents) { Add(d.Lang.Code()); Add(d.Title); Add(d.Url); Add(d.Text); Add(d.Where); Add(d.Weight.ToString("R", System.Globalization.CultureInfo.InvariantCulture)); }
        foreach (var s in synonyms) Add(s);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private string ReadSynonyms(Lang lang)
    {
        var path = Path.Combine(_content.Root, lang.Code(), SynonymsFile);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path, System.Text.Encoding.UTF8) : "";
        }
        catch (IOException e)
        {
            _logger.LogError("content/{Lang}/{File} could not be read; no synonyms for now: {Reason}", lang.Code(), SynonymsFile, e.Message);
            return "";
        }
    }

    private SearchSynonyms ParseSynonyms(Lang lang, string text) =>
        SearchSynonyms.Parse(new StringReader(text), $"content/{lang.Code()}/{SynonymsFile}", _logger);

    public void Dispose()
    {
        _content.Changed -= OnChanged;
        foreach (var s in _sources) s.Changed -= Schedule;
        _watch.Dispose();
        _files.Dispose();
        _timer.Dispose();
    }
}
