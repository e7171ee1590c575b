namespace Portal.Site;

/// <summary>
/// Finds the folder holding content/ and wwwroot/: the repository root during development,
/// the publish folder in production. "Site:Root" in configuration overrides the search.
/// </summary>
public static class SiteRoot
{
    /// <summary>The site root for this app: "Site:Root" if set, else searched from the content root and the binaries.</summary>
    public static string Resolve(IConfiguration configuration, IWebHostEnvironment environment) =>
        Find(configuration["Site:Root"], environment.ContentRootPath, AppContext.BaseDirectory);

    public static string Find(string? configured, params string[] startPoints)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);

        foreach (var start in startPoints)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "content"))
                    && Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            $"No folder with content/ and wwwroot/ was found above {string.Join(", ", startPoints)}; set Site:Root.");
    }
}
