namespace Portal.LineTest;

/// <summary>Tells the open pages of a line test that something arrived, so they refresh without the browser polling.</summary>
public sealed class ArrivalSignal
{
    private readonly Dictionary<string, List<Action>> _handlers = [];
    private readonly Lock _lock = new();

    public IDisposable Subscribe(string code, Action handler)
    {
        lock (_lock)
        {
            if (!_handlers.TryGetValue(code, out var list)) _handlers[code] = list = [];
            list.Add(handler);
        }
        return new Subscription(() =>
        {
            lock (_lock)
            {
                if (_handlers.TryGetValue(code, out var list) && list.Remove(handler) && list.Count == 0) _handlers.Remove(code);
            }
        });
    }

    public void Publish(string code)
    {
        Action[] handlers;
        lock (_lock) handlers = _handlers.TryGetValue(code, out var list) ? [.. list] : [];
        foreach (var handler in handlers) handler();
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;
        public void Dispose() { if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose(); }
    }
}
