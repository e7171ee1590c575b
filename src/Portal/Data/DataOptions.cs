namespace Portal.Data;

/// <summary>Where the portal keeps what must survive a restart: the database and the data-protection keys.</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>The resolved SQLite connection string (ConnectionStrings:Portal, else data/portal.db under the site root).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Data-protection keys (staff cookies, form tokens); default keys/ beside the database file.</summary>
    public string KeysFolder { get; set; } = "";

    /// <summary>The engine, from Database:Provider.</summary>
    public DatabaseProvider Provider { get; set; }

    /// <summary>The folder of the SQLite file; null for an in-memory database or PostgreSQL.</summary>
    public string? DatabaseFolder => new Db(ConnectionString, Provider).FilePath is { } file ? Path.GetDirectoryName(file) : null;
}

/// <summary>Database:Provider: "sqlite" (the default, the embedded file) or "postgres" (ConnectionStrings:Portal is then an Npgsql connection string).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public string Provider { get; set; } = "sqlite";

    public DatabaseProvider? Parsed => Provider.Trim().ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" => DatabaseProvider.Postgres,
        _ => null,
    };
}
