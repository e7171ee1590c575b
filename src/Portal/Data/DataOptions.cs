namespace Portal.Data;

/// <summary>Where the portal keeps what must survive a restart: the database and the data-protection keys.</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>The resolved SQLite connection string (ConnectionStrings:Portal, else data/portal.db under the site root).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Data-protection keys (staff cookies, form tokens); default keys/ beside the database file.</summary>
    public string KeysFolder { get; set; } = "";

    /// <summary>The folder of the SQLite file; null for an in-memory database.</summary>
    public string? DatabaseFolder => new Db(ConnectionString).FilePath is { } file ? Path.GetDirectoryName(file) : null;
}
