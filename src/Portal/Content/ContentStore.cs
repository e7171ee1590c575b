using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Portal.Data;

namespace Portal.Content;

/// <summary>
/// Holds the current content snapshot in memory and swaps in a new one shortly after
/// any file under content/ changes, so edits show without a restart. A reload is signalled to the other portals on
/// the same PostgreSQL database, which reload from their own folder (the same files when it is shared).
/// </summary>
public sealed class ContentStore : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);

    private readonly ContentLoader _loader;
    private readonly ILogger<ContentStore> _logger;
    private readonly PhysicalFileProvider _files;
    private readonly IDisposable? _watch;
    private readonly ChangeSignals? _signals;
    private readonly Timer _timer;
    private readonly Lock _reloadLock = new();
    private volatile ContentSnapshot _current;

    public const string Topic = "content";

    public ContentStore(IOptions<ContentOptions> options, ContentLoader loader, ILogger<ContentStore> logger, ChangeSignals? signals = null)
    {
        _loader = loader;
        _logger = logger;
        Root = options.Value.Root;
        _current = loader.Load(Root);
        _files = new PhysicalFileProvider(Root) { UsePollingFileWatcher = options.Value.UsePolling, UseActivePolling = options.Value.UsePolling };
        _timer = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        if (options.Value.Watch)
            _watch = ChangeToken.OnChange(() => _files.Watch("**/*.md"), () => _timer.Change(Debounce, Timeout.InfiniteTimeSpan));
        _signals = signals;
        // Another portal's reload: read the folder again, without signalling back.
        if (signals is not null) signals.Received += topic => { if (topic is Topic or "*") Reload(signal: false); };
    }

    public string Root { get; }

    public ContentSnapshot Current => _current;

    /// <summary>Raised after a reload with the new snapshot; the output cache evicts reading pages here.</summary>
    public event Action<ContentSnapshot>? Changed;

    public void Reload() => Reload(signal: true);

    private void Reload(bool signal)
    {
        lock (_reloadLock)
        {
            try
            {
                var next = _loader.Load(Root);
                if (next.Version == _current.Version) return;
                _current = next;
            }
            catch (Exception e)
            {
                // Keep serving the last good snapshot rather than nothing.
                _logger.LogError(e, "Reloading content failed; the previous content stays in use");
                return;
            }
        }
        Changed?.Invoke(_current);
        if (signal && _signals is not null) _ = _signals.PublishAsync(Topic);
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _timer.Dispose();
        _files.Dispose();
    }
}
