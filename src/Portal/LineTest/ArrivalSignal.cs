using Portal.Data;

namespace Portal.LineTest;

/// <summary>
/// Tells the open pages of a line test that something arrived, so they refresh without the browser polling. With
/// several portals on one database the arrival may reach another portal's listener: it is signalled to all.
/// </summary>
public sealed class ArrivalSignal
{
    private const string Topic = "arrival:";
    private readonly Dictionary<string, List<Action>> _handlers = [];
    private readonly Lock _lock = new();
    private readonly ChangeSignals? _signals;

    public ArrivalSignal() { }

    public ArrivalSignal(ChangeSignals signals)
    {
        _signals = signals;
        signals.Received += topic =>
        {
            if (topic.StartsWith(Topic, StringComparison.Ordinal)) PublishHere(topic[Topic.Length..]);
            else if (topic == "*")
            {
                string[] codes;
                lock (_lock) codes = [.. _handlers.Keys];
                foreach (var code in codes) PublishHere(code);
            }
        };
    }

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
        PublishHere(code);
        if (_signals is not null) _ = _signals.PublishAsync(Topic + code);
    }

    private void PublishHere(string code)
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
