namespace Portal.Data;

public static class DataDefaults
{
    /// <summary>The embedded database when ConnectionStrings:Portal is not set: data/portal.db beside content/.</summary>
    public static string ConnectionString(string siteRoot) =>
        $"Data Source={Path.Combine(siteRoot, "data", "portal.db")}";
}
