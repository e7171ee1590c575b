using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Support;

/// <summary>The portal in memory (or on a real Kestrel port), optionally on another content folder, environment or settings.</summary>
public sealed class PortalFactory(string? contentRoot = null, string environment = "Development",
    IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
    string? databaseFile = null, string? keysFolder = null) : WebApplicationFactory<Program>
{
    public LogCapture Logs { get; } = new();

    /// <summary>PORTAL_TEST_PROVIDER=postgres runs the same tests on PostgreSQL: each factory then gets a fresh database there.</summary>
    public static bool OnPostgres => Environment.GetEnvironmentVariable("PORTAL_TEST_PROVIDER") == "postgres";

    private PostgresDatabase? _postgres;

    /// <summary>In a folder of its own, so what the portal keeps beside the database (the listeners' certificate) is not shared.</summary>
    public string DatabaseFile { get; } = databaseFile ?? Path.Combine(Path.GetTempPath(), $"portal-test-{Guid.NewGuid():N}", "portal.db");

    /// <summary>Each factory keeps its data-protection keys apart from data/keys/ of the repository.</summary>
    public string KeysFolder { get; } = keysFolder ?? Path.Combine(Path.GetTempPath(), $"portal-keys-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Each factory gets its own database file, so tests never share or race on data/portal.db.
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={DatabaseFile}");
        if (OnPostgres && databaseFile is null)
        {
            _postgres ??= PostgresDatabase.CreateAsync().GetAwaiter().GetResult();
            builder.UseSetting("Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:Portal", _postgres.ConnectionString);
        }
        builder.UseSetting("Data:KeysFolder", KeysFolder);
        // No line-test listeners unless a test configures them (on port 0), so factories never fight over ports.
        builder.UseSetting("LineTest:Listeners", "");
        // Commands name the public ports, as in Production (tests map them onto the listeners they bound); the
        // Development default of the listeners' own ports has its own test (LineTestUnitTests).
        builder.UseSetting("LineTest:CommandsUseListenerPorts", "false");
        if (contentRoot is not null)
            builder.UseSetting("Content:Root", contentRoot);
        // Production requires the public address; tests that check that requirement clear it again.
        if (environment == "Production") builder.UseSetting("Site:PublicUrl", "https://support.saiin.example.jp");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (services is not null) builder.ConfigureTestServices(services);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        // The folders this factory made itself go with it (given ones belong to the test).
        if (databaseFile is null) Delete(Path.GetDirectoryName(DatabaseFile)!);
        if (keysFolder is null) Delete(KeysFolder);
    }

    private static void Delete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (IOException) { }
    }

    public HttpClient CreatePlainClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Starts the portal on a real Kestrel port of 127.0.0.1 and returns its base address.</summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
