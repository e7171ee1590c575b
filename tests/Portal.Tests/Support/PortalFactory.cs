using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Tests.Support;

/// <summary>The portal in memory, optionally on another content folder or environment.</summary>
public sealed class PortalFactory(string? contentRoot = null, string environment = "Development") : WebApplicationFactory<Program>
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        if (contentRoot is not null)
            builder.UseSetting("Content:Root", contentRoot);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public HttpClient CreatePlainClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
