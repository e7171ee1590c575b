using Dapper;
using Npgsql;
using Portal.Data;

namespace Portal.Tests.Support;

/// <summary>
/// A fresh database on the throwaway PostgreSQL cluster that scripts/start-postgres.sh starts (PORTAL_TEST_POSTGRES).
/// A cluster that is not running is a failure, never a skip.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public static string Server { get; } = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=55432;Username=portal;Database=postgres";

    private PostgresDatabase(string name, string connectionString)
    {
        Name = name;
        Db = new Db(connectionString, DatabaseProvider.Postgres);
    }

    public string Name { get; }
    public Db Db { get; }
    public string ConnectionString => Db.ConnectionString;

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var name = $"portal_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"CREATE DATABASE {name}");
        }
        return new PostgresDatabase(name, new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
