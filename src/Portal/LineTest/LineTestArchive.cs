namespace Portal.LineTest;

/// <summary>
/// Where a finished line test is kept (under <paramref name="id"/> in <c>KeepAsync</c>), so it has a permalink.
/// LineTest defines it and calls it once per test; the feature that stores results implements it.
/// </summary>
public interface ILineTestArchive
{
    Task KeepAsync(string id, LineTestReport report, CancellationToken cancellationToken);
}
