using Portal.Site;
using Portal.Tester;

namespace Portal.SavedResults;

/// <summary>Keeps every finished tester run (page and API) in the store; implements Tester's seam.</summary>
public sealed class ResultArchive(ResultStore store, PublicLinks links) : ITestArchive
{
    public async Task<ArchivedTest> KeepAsync(TestReport report, string? ticket, string client, Lang lang, CancellationToken cancellationToken)
    {
        var staff = new StaffDetails(client, report.Results.ToDictionary(r => r.Port, r => r.Dialogue));
        var kept = await store.InsertAsync("tester", ticket, report, staff, cancellationToken);
        return new ArchivedTest(kept.Id, Permalink(links, lang, kept.Id));
    }

    public static string Permalink(PublicLinks links, Lang lang, string id) => links.Absolute(lang.Url("/r/" + id));
}
