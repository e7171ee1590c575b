namespace Portal.Tester;

/// <summary>The global cap on probes running at once. A test takes all its slots or none, so it never waits.</summary>
public sealed class ProbeCapacity(TesterOptions options)
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentProbes, options.MaxConcurrentProbes);

    public IDisposable? TryTake(int count)
    {
        var taken = 0;
        while (taken < count && _slots.Wait(0)) taken++;
        if (taken == count) return new Lease(_slots, count);
        if (taken > 0) _slots.Release(taken);
        return null;
    }

    private sealed class Lease(SemaphoreSlim slots, int count) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release(count);
        }
    }
}
