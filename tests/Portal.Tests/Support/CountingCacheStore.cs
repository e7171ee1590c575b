using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;

namespace Portal.Tests.Support;

/// <summary>An output-cache store that keeps entries in a dictionary, so a test can count what was stored.</summary>
public sealed class CountingCacheStore : IOutputCacheStore
{
    private readonly ConcurrentDictionary<string, (byte[] Value, string[] Tags)> _entries = new();

    public int Count => _entries.Count;
    public int Writes;
    public IEnumerable<string> Keys => _entries.Keys;

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        foreach (var (key, entry) in _entries)
            if (entry.Tags.Contains(tag)) _entries.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_entries.TryGetValue(key, out var e) ? e.Value : null);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Writes);
        _entries[key] = (value, tags ?? []);
        return ValueTask.CompletedTask;
    }
}
