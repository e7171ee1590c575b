namespace Portal.Staff;

/// <summary>
/// Failed sign-ins per client address across all accounts: stops password spraying, and stops one
/// address from locking out every account. A slot is taken before the password is checked, so
/// parallel attempts cannot overrun the limit; a success gives its slot back.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailures = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = [];
    private readonly Lock _gate = new();

    /// <summary>False when the address has used up its failures for now.</summary>
    public bool TryTake(string address)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_failures.TryGetValue(address, out var times)) _failures[address] = times = new();
            while (times.Count > 0 && now - times.Peek() > Window) times.Dequeue();
            if (times.Count >= MaxFailures) return false;
            times.Enqueue(now);
            // Forget addresses that have gone quiet, so the table stays small.
            if (_failures.Count > 10_000)
                foreach (var key in _failures.Where(f => f.Value.All(t => now - t > Window)).Select(f => f.Key).ToList()) _failures.Remove(key);
            return true;
        }
    }

    /// <summary>The attempt succeeded: it does not count as a failure.</summary>
    public void GiveBack(string address)
    {
        lock (_gate)
        {
            if (_failures.TryGetValue(address, out var times) && times.Count > 0)
                _failures[address] = new Queue<DateTimeOffset>(times.Take(times.Count - 1));
        }
    }
}
