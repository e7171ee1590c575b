using Portal.Site;

namespace Portal.Tester;

/// <summary>
/// Where a finished test is kept, so it has a permalink (/r/{id}). Tester defines it and calls it; the feature
/// that stores results implements it, so Tester never knows that feature.
/// </summary>
public interface ITestArchive
{
    Task<ArchivedTest> KeepAsync(TestReport report, string? ticket, string client, Lang lang, CancellationToken cancellationToken);
}

/// <param name="Id">10 Crockford characters.</param>
/// <param name="Permalink">Absolute, in the language the customer used.</param>
public sealed record ArchivedTest(string Id, string Permalink);
