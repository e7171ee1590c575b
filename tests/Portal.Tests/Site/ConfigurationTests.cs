using Microsoft.Extensions.Configuration;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Site;
using Portal.Tester;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>Configuration fails closed: a list replaces its default, and a bad setting stops the start naming its key.</summary>
public sealed class ConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Configured_Port_List_Replaces_The_Default()
    {
        await using var factory = new PortalFactory(settings: new Dictionary<string, string?> { ["Tester:AllowedPorts:0"] = "587" });
        var client = factory.CreatePlainClient();

        var options = factory.Services.GetRequiredService<TesterOptions>();
        using var refused25 = await client.GetAsync("/api/tester?host=smtp.example.jp&ports=25", Ct);
        var detail = JsonDocument.Parse(await (await client.GetAsync("/api/tester?host=smtp.example.jp&ports=2525&lang=en", Ct)).Content.ReadAsStringAsync(Ct))
            .RootElement.GetProperty("detail").GetString();

        Assert.Equal([587], options.AllowedPorts);
        Assert.Equal(HttpStatusCode.BadRequest, refused25.StatusCode);
        Assert.EndsWith("Ports that can: 587", detail);
    }

    [Fact]
    public async Task Configured_Implicit_Tls_Ports_Replace_The_Default()
    {
        await using var factory = new PortalFactory(settings: new Dictionary<string, string?>
        {
            ["Tester:AllowedPorts:0"] = "587", ["Tester:AllowedPorts:1"] = "2465", ["Tester:ImplicitTlsPorts:0"] = "2465",
        });
        var options = factory.Services.GetRequiredService<TesterOptions>();

        Assert.Equal([2465], options.ImplicitTlsPorts);
        Assert.Equal([587, 2465], options.AllowedPorts);
    }

    [Fact]
    public void Without_Configuration_The_Defaults_Hold()
    {
        using var factory = new PortalFactory();
        var options = factory.Services.GetRequiredService<TesterOptions>();

        Assert.Equal([25, 465, 587], options.AllowedPorts);
        Assert.Equal([465], options.ImplicitTlsPorts);
        Assert.Empty(options.AllowedPrivateNetworks);
    }

    [Theory]
    [InlineData("Tester:AllowPrivateTargets", "true", "Tester:AllowedPrivateNetworks")]
    [InlineData("Tester:AllowedPorts:0", "70000", "Tester:AllowedPorts")]
    [InlineData("Tester:AllowedPorts:0", "0", "Tester:AllowedPorts")]
    [InlineData("Tester:ImplicitTlsPorts:0", "-1", "Tester:ImplicitTlsPorts")]
    [InlineData("Tester:AllowedPrivateNetworks:0", "10.0.0.0/33", "Tester:AllowedPrivateNetworks")]
    [InlineData("Tester:AllowedPrivateNetworks:0", "relay.internal", "Tester:AllowedPrivateNetworks")]
    [InlineData("Tester:ConnectTimeout", "00:00:00", "Tester:ConnectTimeout")]
    [InlineData("Tester:GreetingTimeout", "-00:00:05", "Tester:GreetingTimeout")]
    [InlineData("Tester:TestTimeout", "00:00:00", "Tester:TestTimeout")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.example", "ForwardedHeaders:KnownProxies")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "172.18.0.0/40", "ForwardedHeaders:KnownNetworks")]
    [InlineData("Content:Root", "/nonexistent/portal-content", "Content:Root")]
    [InlineData("ConnectionStrings:Portal", "Data Source=/proc/portal-test/portal.db", "ConnectionStrings:Portal")]
    [InlineData("Data:KeysFolder", "/proc/portal-keys", "Data:KeysFolder")]
    [InlineData("LineTest:Listeners:0:Tls", "ssl", "LineTest:Listeners:0:Tls")]
    [InlineData("LineTest:Listeners:0:Port", "70000", "LineTest:Listeners:0:Port")]
    [InlineData("LineTest:Listeners:0:Address", "any", "LineTest:Listeners:0:Address")]
    [InlineData("LineTest:Certificate:CertPath", "/etc/ssl/certs/line.pem", "LineTest:Certificate")]
    [InlineData("LineTest:PublicHost", "not a host", "LineTest:PublicHost")]
    [InlineData("LineTest:MaxConnectionsPerAddress", "0", "LineTest:MaxConnectionsPerAddress")]
    [InlineData("Monitor:IntervalSeconds", "10", "Monitor:IntervalSeconds must be 30-86400")]
    [InlineData("Database:Provider", "oracle", "Database:Provider must be sqlite or postgres")]
    [InlineData("Database:Provider", "postgres", "ConnectionStrings:Portal is not a PostgreSQL connection string")]
    [InlineData("Monitor:Targets:0:Host", "not a host!", "Monitor:Targets:0:Host")]
    [InlineData("Monitor:Targets:0:Ports:0", "70000", "Monitor:Targets:0:Ports")]
    public void An_Invalid_Setting_Stops_The_Start_Naming_The_Key(string key, string value, string named)
    {
        using var factory = new PortalFactory(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(named, Messages(error));
    }

    [Fact]
    public void Without_Configuration_The_Line_Test_Listens_On_2525_2587_And_2465()
    {
        var options = new Portal.LineTest.LineTestOptions();

        Assert.Equal([(2525, 25, "starttls"), (2587, 587, "starttls"), (2465, 465, "implicit")], options.Listeners.Select(l => (l.Port, l.PublicPort, l.Tls)));
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Configured_Listeners_Replace_The_Default_And_An_Empty_Value_Turns_Them_Off()
    {
        using var one = new PortalFactory(settings: new Dictionary<string, string?> { ["LineTest:Listeners:0:Port"] = "0", ["LineTest:Listeners:0:Address"] = "127.0.0.1" });
        using var off = new PortalFactory();   // the factory sets LineTest:Listeners to "" (what LineTest__Listeners= does)

        Assert.Single(one.Services.GetRequiredService<Portal.LineTest.LineTestOptions>().Listeners);
        Assert.Empty(off.Services.GetRequiredService<Portal.LineTest.LineTestOptions>().Listeners);
    }

    [Theory]
    [InlineData("""{ "LineTest": { "Listeners": [] } }""", 0)]
    [InlineData("""{ "LineTest": { "Listeners": [ { "Port": 0, "Tls": "none" } ] } }""", 1)]
    [InlineData("""{ "LineTest": { "PublicHost": "line.example.jp" } }""", 3)]
    public void An_Empty_Json_List_Empties_The_Default_Too(string json, int listeners)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        using var provider = new ServiceCollection().AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration)
            .BindSection<Portal.LineTest.LineTestOptions>("LineTest").Services.BuildServiceProvider();

        Assert.Equal(listeners, provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Portal.LineTest.LineTestOptions>>().Value.Listeners.Count);
    }

    private static string Messages(Exception e) =>
        e is AggregateException a ? string.Join(" | ", a.InnerExceptions.Select(Messages)) : e.Message + (e.InnerException is { } inner ? " | " + Messages(inner) : "");
}
