using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Support;

/// <summary>The portal in memory, optionally on another content folder or environment.</summary>
public sealed class PortalFactory(string? contentRoot = null, string environment = "Development") : WebApplicationFactory<Program>
{
    public LogCapture Logs { get; } = new();

    public string DatabaseFile { get; } = Path.Combine(Path.GetTempPath(), $"portal-test-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Each factory gets its own database file, so tests never share or race on data/portal.db.
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={DatabaseFile}");
        if (contentRoot is not null)
            builder.UseSetting("Content:Root", contentRoot);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public HttpClient CreatePlainClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
