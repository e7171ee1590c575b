using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Portal.BrowserTests.BrowserFixture))]

namespace Portal.BrowserTests;

/// <summary>The portal on a real Kestrel port on 127.0.0.1, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string StaffName = "browser-staff";
    public const string StaffPassword = "a browser test password";
    public const string AdminName = "browser-admin";

    private readonly Factory _factory = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public Uri BaseAddress { get; private set; } = default!;

    public static string ScreenshotDir { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("SCREENSHOT_DIR") ?? Path.Combine(RepoRoot(), "TestResults", "screenshots"));

    public async ValueTask InitializeAsync()
    {
        // A missing browser is a failure, never a skip: CI must install it.
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (scripts/test.sh does).");
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());
        await _factory.Services.GetRequiredService<Portal.Staff.StaffStore>().AddAsync(StaffName, "editor", StaffPassword);
        await _factory.Services.GetRequiredService<Portal.Staff.StaffStore>().AddAsync(AdminName, "admin", StaffPassword);
        Directory.CreateDirectory(ScreenshotDir);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Every host name but loopback resolves to nothing inside Chromium: a page that ever linked or navigated
            // off the site (an absolute public URL, an open redirect) fails here instead of sending traffic elsewhere.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.*, EXCLUDE [::1]"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Locale = "ja-JP",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs the page's browser context in through the login form.</summary>
    public static async Task SignInAsync(IPage page, string name, string password = StaffPassword)
    {
        await page.GotoAsync("/staff/login");
        await page.Locator("#login-name").FillAsync(name);
        await page.Locator("#login-password").FillAsync(password);
        await page.Locator("form.staff-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/staff");
    }

    /// <summary>Full-page screenshots at the two widths customers use, for people to look at.</summary>
    public async Task ScreenshotsAsync(string path, string name, Func<IPage, Task>? settle = null)
    {
        foreach (var width in new[] { 1280, 375 })
        {
            var page = await NewPageAsync(width);
            await page.GotoAsync(path);
            if (settle is not null) await settle(page);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, $"{name}-{width}.png"), FullPage = true });
            await page.Context.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) return dir.FullName;
        return AppContext.BaseDirectory;
    }

    private sealed class PlalaLine : Portal.LineTest.IReverseDns
    {
        public Task<string?> LookupAsync(IPAddress address, CancellationToken cancellationToken) => Task.FromResult<string?>("p3021-ipbf11.tokyo.plala.or.jp");
    }

    /// <summary>The running portal's services, for tests that set up state the pages then show.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>The line-test listeners as bound: public port → the port they really got.</summary>
    public IReadOnlyDictionary<int, int> LinePorts => _factory.Services.GetRequiredService<Portal.LineTest.LineListeners>().Bound.ToDictionary(b => b.PublicPort, b => b.Port);

    private sealed class Factory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Portal", $"Data Source={Path.Combine(Path.GetTempPath(), $"portal-browser-{Guid.NewGuid():N}.db")}");
            // The tester's peer in these tests is Postfix on 127.0.0.1, started by scripts/test.sh.
            builder.UseSetting("Tester:AllowedPrivateNetworks:0", "127.0.0.0/8");
            builder.UseSetting("Tester:DefaultHost", "127.0.0.1");
            builder.UseSetting("Tester:TestsPerMinutePerClient", "1000");
            // Line-test listeners on free loopback ports standing in for 25, 587 and 465 (tests map the ports in the shown command).
            foreach (var (i, tls, publicPort) in new[] { (0, "starttls", 25), (1, "starttls", 587), (2, "implicit", 465) })
            {
                builder.UseSetting($"LineTest:Listeners:{i}:Port", "0");
                builder.UseSetting($"LineTest:Listeners:{i}:PublicPort", publicPort.ToString());
                builder.UseSetting($"LineTest:Listeners:{i}:Tls", tls);
                builder.UseSetting($"LineTest:Listeners:{i}:Address", "127.0.0.1");
            }
            builder.UseSetting("LineTest:StartsPerTenMinutesPerClient", "1000");
            builder.UseSetting("LineTest:CommandsUseListenerPorts", "false");
            // Reverse DNS never leaves the machine in tests: 127.0.0.1 is a Plala line here.
            builder.ConfigureTestServices(s => s.AddSingleton<Portal.LineTest.IReverseDns>(new PlalaLine()));
        }
    }
}
