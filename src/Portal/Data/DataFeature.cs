using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Portal.Site;

namespace Portal.Data;

/// <summary>The database (connection factory, migrations, backup and check) and the data folder with its keys.</summary>
public static class DataFeature
{
    public static IServiceCollection AddData(this IServiceCollection services)
    {
        services.BindSection<DatabaseOptions>(DatabaseOptions.Section)
            .Check(o => o.Parsed is null ? [$"Database:Provider must be sqlite or postgres, not '{o.Provider}'"] : [])
            .ValidateOnStart();
        services.BindSection<DataOptions>(DataOptions.Section)
            .PostConfigure<IConfiguration, IWebHostEnvironment, IOptions<DatabaseOptions>>((o, config, env, database) =>
            {
                o.Provider = database.Value.Parsed ?? DatabaseProvider.Sqlite;
                var configured = config.GetConnectionString("Portal");
                var siteData = new Lazy<string>(() => Path.Combine(SiteRoot.Resolve(config, env), "data"));
                if (o.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(configured))
                    throw new OptionsValidationException("ConnectionStrings:Portal", typeof(DataOptions),
                        ["ConnectionStrings:Portal must be set (Host=…;Database=…;Username=…) when Database:Provider is postgres"]);
                o.ConnectionString = string.IsNullOrWhiteSpace(configured)
                    ? $"Data Source={Path.Combine(siteData.Value, "portal.db")}"
                    : configured;
                if (string.IsNullOrWhiteSpace(o.KeysFolder))
                    o.KeysFolder = Path.Combine(o.DatabaseFolder ?? siteData.Value, "keys");
                o.KeysFolder = Path.GetFullPath(o.KeysFolder);
            })
            .Check(o => Writable("ConnectionStrings:Portal", o.DatabaseFolder).Concat(Writable("Data:KeysFolder", o.KeysFolder)).Concat(PostgresConnection(o)))
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DataOptions>>().Value is var o ? new Db(o.ConnectionString, o.Provider) : null!);
        services.AddSingleton<Migrator>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [SiteFeature.ReadyTag]);
        services.AddSingleton<ChangeSignals>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeSignals>());
        // First of all hosted services (they start in order): data protection reads its key ring at start, from the
        // database on PostgreSQL, so the tables must exist before.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrateAtStart>());

        // Keys kept in the data folder (SQLite) or in the database (PostgreSQL, shared by every instance): a restart
        // keeps staff signed in and open forms valid, and on PostgreSQL a cookie from one instance works on another.
        services.AddDataProtection().SetApplicationName("saiin-portal");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<DataOptions>, ILoggerFactory, Db, TimeProvider>((keys, data, logs, db, clock) =>
            keys.XmlRepository = data.Value.Provider == DatabaseProvider.Postgres
                ? new DbXmlRepository(db, clock)
                : new FileSystemXmlRepository(new DirectoryInfo(data.Value.KeysFolder), logs));
        return services;
    }

    private static IEnumerable<string> PostgresConnection(DataOptions o)
    {
        if (o.Provider != DatabaseProvider.Postgres) return [];
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(o.ConnectionString);
            return [];
        }
        catch (ArgumentException)
        {
            return ["ConnectionStrings:Portal is not a PostgreSQL connection string such as Host=db;Database=portal;Username=portal;Password=…"];
        }
    }

    /// <summary>A folder the portal must write to: it is created if missing, and a file is written and removed.</summary>
    private static IEnumerable<string> Writable(string key, string? folder)
    {
        if (folder is null) return [];
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [$"{key}: the folder {folder} cannot be written ({e.GetType().Name})"];
        }
    }

    /// <summary>Creates or upgrades the database before anything else starts.</summary>
    private sealed class MigrateAtStart(Migrator migrator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken: cancellationToken);
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
