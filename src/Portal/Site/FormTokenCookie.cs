namespace Portal.Site;

/// <summary>
/// Blazor adds a form-token (antiforgery) cookie to every SSR page once interactive components are configured.
/// Pages that post nothing and are cached drop it: it is of no use there and would stop the response being stored.
/// </summary>
public static class FormTokenCookie
{
    public static void Drop(HttpResponse response)
    {
        var headers = response.Headers;
        if (headers.SetCookie.Count > 0)
            headers.SetCookie = headers.SetCookie.Where(c => c is not null && !c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).ToArray();
    }
}
