using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Playwright;
using Portal.Tests.Support;

namespace Portal.BrowserTests;

/// <summary>
/// Two published portals, each a process of its own, started at the same moment on one PostgreSQL database (the
/// throwaway cluster of scripts/start-postgres.sh), with the repository's nginx configuration in front.
/// </summary>
public sealed class TwoPublishedPortals : IAsyncLifetime
{
    public const string Password = "a published portal password";

    public PostgresDatabase Database { get; private set; } = default!;
    public PublishedPortal A { get; private set; } = default!;
    public PublishedPortal B { get; private set; } = default!;
    public NginxProcess Nginx { get; private set; } = default!;

    /// <summary>Each portal's line-test listener (public port 25) on a loopback port of its own.</summary>
    public Dictionary<string, int> LinePorts { get; } = [];

    public async ValueTask InitializeAsync()
    {
        await PublishedPortal.PublishedFolder;
        Database = await PostgresDatabase.CreateAsync();
        var started = await Task.WhenAll(new[] { "a", "b" }.Select(name =>
        {
            LinePorts[name] = Processes.FreeLoopbackPort();
            return PublishedPortal.StartAsync(name, Settings(Database, name, LineListener(LinePorts[name])));
        }));
        (A, B) = (started[0], started[1]);
        Nginx = await NginxProcess.ConfigureAsync(Path.Combine(BrowserFixture.RepoRoot(), "deploy", "nginx"), [A.Address.Port, B.Address.Port]);
        await Nginx.StartAsync();
        var (exit, output) = await PublishedPortal.CommandAsync(["staff", "add", "sato", "--role", "editor"], Settings(Database, "cli"), Password + "\n");
        if (exit != 0) throw new InvalidOperationException("staff add failed: " + output);
    }

    /// <summary>One line-test listener on the loopback port, standing in for public port 25.</summary>
    public static Dictionary<string, string> LineListener(int port) => new()
    {
        ["LineTest:Listeners:0:Port"] = port.ToString(),
        ["LineTest:Listeners:0:PublicPort"] = "25",
        ["LineTest:Listeners:0:Tls"] = "starttls",
        ["LineTest:Listeners:0:Address"] = "127.0.0.1",
    };

    /// <summary>What every portal of these tests gets: PostgreSQL (named in its sessions), nginx trusted, the tester on loopback.</summary>
    public static Dictionary<string, string> Settings(PostgresDatabase database, string name, Dictionary<string, string>? more = null)
    {
        var all = new Dictionary<string, string>
        {
            ["Database:Provider"] = "postgres",
            ["ConnectionStrings:Portal"] = database.ConnectionString + $";Application Name=portal-{name}",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Tester:AllowedPrivateNetworks:0"] = "127.0.0.0/8",
            ["Tester:DefaultHost"] = "127.0.0.1",
            ["Tester:TestsPerMinutePerClient"] = "1000",
            ["LineTest:StartsPerTenMinutesPerClient"] = "1000",
        };
        foreach (var (key, value) in more ?? []) all[key] = value;
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        if (Nginx is not null) await Nginx.DisposeAsync();
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }
}

public sealed class TwoPublishedPortalsTests(TwoPublishedPortals portals, BrowserFixture browser) : IClassFixture<TwoPublishedPortals>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient Client(Uri address) => FormPosts.Plain(address);

    /// <summary>Signs sato in on the portal by its form, as a browser would; returns the cookie header.</summary>
    private static async Task<string> SignInAsync(HttpClient portal)
    {
        var signedIn = await FormPosts.SignInAsync(portal, "sato", TwoPublishedPortals.Password, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return FormPosts.Cookies(signedIn);
    }

    [Fact]
    public async Task Started_At_The_Same_Moment_They_Applied_Each_Migration_And_The_Seed_Exactly_Once()
    {
        // The console logger writes from a queue: the seed's line may come after "Now listening".
        await PublishedPortal.EventuallyAsync(() => portals.A.Output.Concat(portals.B.Output).Any(l => l.Contains("Filled the provider registry from the seed")),
            "the seed's line in a portal's log");
        var logs = portals.A.Output.Concat(portals.B.Output).ToList();
        var applied = logs.Select(l => Regex.Match(l, @"Applied migration (\S+)")).Where(m => m.Success).Select(m => m.Groups[1].Value).Order();
        Assert.Equal(Portal.Data.Migrator.PostgresScripts.Select(s => s.Name).Order(), applied);
        Assert.Single(logs, l => l.Contains("Filled the provider registry from the seed"));
        await using var c = await portals.Database.Db.OpenAsync(Ct);
        var latest = Portal.Data.Migrator.PostgresScripts.Count;
        Assert.Equal(latest, await c.ExecuteScalarAsync<long>("SELECT version FROM schema_version"));
        foreach (var portal in new[] { portals.A, portals.B })
            Assert.Contains($"PostgreSQL schema version {latest}", await Client(portal.Address).GetStringAsync("/healthz", Ct));
    }

    [Fact]
    public async Task A_Staff_Cookie_Issued_By_A_Opens_The_Staff_Area_On_B()
    {
        var cookie = await SignInAsync(Client(portals.A.Address));
        var onB = await FormPosts.OpenAsync(Client(portals.B.Address), "/staff", cookie, Ct);
        Assert.Equal(HttpStatusCode.OK, onB.Status);
        Assert.Contains("sato", onB.Html);
        Assert.Equal(HttpStatusCode.Redirect, (await Client(portals.B.Address).GetAsync("/staff", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_Staff_Edit_Through_A_Shows_On_A_Customer_Page_Served_By_B_Within_A_Second()
    {
        var a = Client(portals.A.Address);
        var b = Client(portals.B.Address);
        var cookie = await SignInAsync(a);
        using var list = JsonDocument.Parse(await b.GetStringAsync("/api/providers?q=OCN", Ct));
        var id = list.RootElement[0].GetProperty("id").GetInt64();
        Assert.DoesNotContain("公開版での確認メモ", await b.GetStringAsync($"/providers/{id}", Ct));   // B has the page cached

        // The edit form as a browser posts it back, with one field changed.
        var edit = await FormPosts.OpenAsync(a, $"/staff/providers/{id}", cookie, Ct);
        var fields = FormPosts.EditFields(edit.Html);
        fields["Form.NotesJa"] = "公開版での確認メモ";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Redirect, (await FormPosts.PostAsync(a, $"/staff/providers/{id}", edit, "edit", fields, Ct)).StatusCode);

        while (!(await b.GetStringAsync($"/providers/{id}", Ct)).Contains("公開版での確認メモ"))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "the edit on A did not show on B within 1 s");
            await Task.Delay(20, Ct);
        }
        TestContext.Current.SendDiagnosticMessage($"edit on A seen on B after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_Line_Test_Arrival_Accepted_By_A_Shows_In_B_Api()
    {
        var b = Client(portals.B.Address);
        var started = await b.PostAsync("/api/line-tests", null, Ct);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        using var body = JsonDocument.Parse(await started.Content.ReadAsStringAsync(Ct));
        var code = body.RootElement.GetProperty("code").GetString()!;

        // The customer's line reaches A's listener and announces the code.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, portals.LinePorts["a"], Ct);
        using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
        Assert.StartsWith("220", await reader.ReadLineAsync(Ct));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"EHLO {code.ToLowerInvariant()}\r\n"), Ct);
        Assert.StartsWith("250", await reader.ReadLineAsync(Ct));

        while (true)
        {
            using var seen = JsonDocument.Parse(await b.GetStringAsync($"/api/line-tests/{code}", Ct));
            if (seen.RootElement.GetProperty("arrivals").GetArrayLength() > 0)
            {
                Assert.Equal(25, seen.RootElement.GetProperty("arrivals")[0].GetProperty("publicPort").GetInt32());
                Assert.Equal("127.0.0.1", seen.RootElement.GetProperty("arrivals")[0].GetProperty("address").GetString());
                break;
            }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), "B's API did not show A's arrival within 2 s");
            await Task.Delay(20, Ct);
        }
        TestContext.Current.SendDiagnosticMessage($"arrival on A seen in B's API after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task The_Tester_Page_Works_Through_Nginx_Its_Circuit_On_A_WebSocket()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portals.Nginx.Address.ToString(), Locale = "ja-JP", ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var sockets = new List<string>();
        page.WebSocket += (_, ws) => sockets.Add(ws.Url);
        await page.GotoAsync("/tester");
        await page.Locator("form[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });

        // Typed and sent through the circuit: it only works if nginx passes the WebSocket upgrade on.
        await page.Locator("#tester-host").FillAsync("127.0.0.1");
        await page.Locator("input[name=ports][value='25']").UncheckAsync();
        await page.Locator("input[name=ports][value='465']").UncheckAsync();
        await page.Locator("#tester-host").PressAsync("Enter");
        await page.Locator("li.port-row[data-port='587'][data-outcome=ok]").WaitForAsync(new() { Timeout = 30_000 });

        Assert.Contains(sockets, url => url.StartsWith($"ws://127.0.0.1:{portals.Nginx.Port}/_blazor", StringComparison.Ordinal));
        Assert.EndsWith("/tester?host=127.0.0.1&ports=587", page.Url);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, "tester-through-nginx-1280.png"), FullPage = true });
        await context.CloseAsync();
    }
}
