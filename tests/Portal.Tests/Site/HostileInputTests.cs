using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Site;
using Portal.Tester;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>
/// Odd input gets a clear answer, never a 500: noncharacters, lone surrogates, NUL, bidi controls, invalid UTF-8,
/// stray percent signs and very long values in every query parameter of every public page and API, and Host headers
/// no URL can be built from.
/// </summary>
public sealed class HostileInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    // Names resolve to nothing (FakeResolver without names): whatever a hostile value looks like, the tester never leaves this machine.
    private static PortalFactory Portal(string environment = "Development") => new(environment: environment,
        settings: new Dictionary<string, string?> { ["Tester:TestsPerMinutePerClient"] = "10000" },
        services: s => s.AddSingleton<IHostResolver>(new Portal.Tests.Tester.FakeResolver()));

    /// <summary>Hostile values, already percent-encoded as they travel in a query string.</summary>
    public static readonly string[] HostileValues =
    [
        "%00", "a%00b", "%EF%BF%BE", "%EF%BF%BF", "%EF%B7%90", "%F4%8F%BF%BE", "%ED%A0%80", "%ED%B0%80x", "%E2%80%AE587", "%C3%28", "%FF%FE",
        "%C0%AF", "%", "%zz", "%%", "%E3%81", "%01%02%1B", new string('x', 10_000), string.Concat(Enumerable.Repeat("%E3%81%82", 3_000)),
    ];

    /// <summary>Every public page and API with the query parameters it reads (and one it does not).</summary>
    public static readonly (string Path, string[] Keys)[] Targets =
    [
        ("/", ["junk"]), ("/en", ["junk"]), ("/qa", ["junk"]), ("/en/qa/which-port", ["junk"]), ("/explanation", ["junk"]),
        ("/search", ["q"]), ("/en/search", ["q"]), ("/api/search", ["q", "lang"]),
        ("/providers", ["q", "status"]), ("/en/providers", ["q", "status"]), ("/api/providers", ["q", "status"]), ("/api/providers/1", ["junk"]),
        ("/api/providers.csv", ["junk"]), ("/providers/1", ["junk"]),
        ("/tester", ["host", "ports", "ticket"]), ("/en/tester", ["host", "ports", "ticket"]), ("/api/tester", ["host", "ports", "lang", "ticket"]),
        ("/line-test", ["ticket"]), ("/en/line-test", ["ticket"]), ("/api/line-tests/ABCDEFGHJK", ["junk"]),
        ("/r/ABCDEFGHJK", ["junk"]), ("/api/results/ABCDEFGHJK", ["lang"]), ("/status", ["junk"]), ("/api/status", ["lang"]),
        ("/setup", ["junk"]), ("/setup/iphone", ["junk"]), ("/mail/config-v1.1.xml", ["emailaddress"]),
        ("/.well-known/autoconfig/mail/config-v1.1.xml", ["emailaddress"]), ("/setup/apple.mobileconfig", ["email"]),
        ("/staff/login", ["ReturnUrl"]), ("/openapi/v1.json", ["junk"]), ("/healthz", ["junk"]), ("/no-such-page", ["junk"]),
    ];

    [Fact]
    public async Task Every_Hostile_Value_In_Every_Query_Parameter_Of_Every_Public_Page_And_Api_Answers_Below_500()
    {
        await using var factory = Portal();
        using var client = factory.CreatePlainClient();
        var failures = new List<string>();
        foreach (var (path, keys) in Targets)
            foreach (var key in keys)
                foreach (var value in HostileValues)
                {
                    var url = $"{path}?{key}={value}";
                    using var response = await client.GetAsync(url, Ct);
                    if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} {url[..Math.Min(url.Length, 120)]}");
                    else if (path.StartsWith("/api/") && !response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        failures.Add($"{(int)response.StatusCode} without problem+json: {url[..Math.Min(url.Length, 120)]}");
                }
        Assert.Empty(failures);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Theory]
    [InlineData("/search?q=%EF%BF%BE")]
    [InlineData("/en/search?q=%EF%BF%BE")]
    [InlineData("/search?q=%ED%A0%80")]
    [InlineData("/providers?q=%EF%BF%BE")]
    [InlineData("/en/providers?q=%EF%BF%BF")]
    [InlineData("/search?q=%00")]
    [InlineData("/search?q=a%00")]
    public async Task Noncharacters_Lone_Surrogates_And_Nul_In_A_Search_Get_The_Page(string url)
    {
        await using var factory = Portal();
        using var response = await factory.CreatePlainClient().GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<main", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("/api/search?q=%EF%BF%BE")]
    [InlineData("/api/providers?q=%EF%BF%BE")]
    [InlineData("/api/providers?q=%ED%A0%80")]
    public async Task Noncharacters_In_An_Api_Query_Get_200_Or_A_Problem(string url)
    {
        await using var factory = Portal();
        using var response = await factory.CreatePlainClient().GetAsync(url, Ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{url}: {response.StatusCode}");
        if (!response.IsSuccessStatusCode) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_Search_For_Nul_Is_Not_Counted_As_A_Miss_Of_Its_Own()
    {
        await using var factory = Portal();
        using var response = await factory.CreatePlainClient().GetAsync("/search?q=%00%01", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await factory.Services.GetRequiredService<Portal.Search.SearchMisses>().TopAsync(1, Ct));
    }

    [Theory]
    [InlineData("\uFFFE", "\uFFFD")]
    [InlineData("\U0010FFFE", "\uFFFD")]
    [InlineData("\uFDD0x", "\uFFFDx")]
    [InlineData("a\0b\u0007c", "a b c")]
    [InlineData("\U0001F600 ぷらら", "\U0001F600 ぷらら")]
    public void Cleaning_Replaces_What_Normalisation_Cannot_Take(string input, string expected)
    {
        Assert.Equal(expected, TextFolding.Clean(input));
        // And folding never throws on it.
        _ = TextFolding.Fold(input);
    }

    [Fact]
    public void Lone_Surrogates_Become_Replacement_Characters()
    {
        // Built in code: an attribute argument cannot hold a lone surrogate (metadata stores it as UTF-8).
        var high = new string([ 'a', (char)0xD800, 'b' ]);
        var low = new string([ (char)0xDC00 ]);
        var reversed = new string([ (char)0xDC00, (char)0xD800 ]);
        Assert.Equal("a\uFFFDb", TextFolding.Clean(high));
        Assert.Equal("\uFFFD", TextFolding.Clean(low));
        Assert.Equal("\uFFFD\uFFFD", TextFolding.Clean(reversed));
        Assert.Throws<ArgumentException>(() => high.Normalize(NormalizationForm.FormKC));
        Assert.Equal("a\uFFFDb", TextFolding.Fold(high));
    }

    /// <summary>Sends one request with the Host header exactly as given and returns the whole response.</summary>
    private static async Task<string> RawAsync(Uri address, string hostLine)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Ct);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /qa HTTP/1.1\r\n{hostLine}\r\nConnection: close\r\n\r\n"), Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(Ct);
    }

    [Theory]
    [InlineData("Host: a:99999")]
    [InlineData("Host: portal.example:0")]
    [InlineData("Host:")]
    [InlineData("Host: a b")]
    [InlineData("Host: user@portal.example")]
    public async Task An_Unusable_Host_Header_Gets_400_With_The_Security_Headers_And_One_Log_Line(string hostLine)
    {
        await using var factory = Portal("Production");
        var address = factory.StartOnKestrel();

        var response = await RawAsync(address, hostLine);

        var head = response.Split("\r\n\r\n")[0];
        Assert.StartsWith("HTTP/1.1 400", head);
        // Kestrel refuses some spellings itself (no security headers, no log); the rest reach our check.
        var ours = factory.Logs.Entries.Count(e => e.Category == typeof(HostCheck).FullName);
        if (head.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Equal(1, ours);
            Assert.Contains("X-Content-Type-Options: nosniff", head);
            Assert.Contains("Host ヘッダーが正しくありません", response);
        }
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.True(factory.Logs.Entries.Count(e => e.Category.StartsWith("Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal)) == 0);
    }

    [Fact]
    public async Task A_Port_Above_65535_And_An_Empty_Host_Reach_The_Check_And_Get_Its_Answer()
    {
        await using var factory = Portal("Production");
        var address = factory.StartOnKestrel();

        foreach (var hostLine in new[] { "Host: a:99999", "Host:" })
        {
            var head = (await RawAsync(address, hostLine)).Split("\r\n\r\n")[0];
            Assert.StartsWith("HTTP/1.1 400", head);
            Assert.Contains("Content-Security-Policy", head);
        }
        Assert.Equal(2, factory.Logs.Entries.Count(e => e.Category == typeof(HostCheck).FullName));
    }

    [Theory]
    [InlineData("portal.example", true)]
    [InlineData("portal.example:8080", true)]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("portal_a:8080", true)]
    [InlineData("a:99999", false)]
    [InlineData("a:0", false)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("u@a", false)]
    [InlineData("a\\b", false)]
    public void A_Host_Is_Usable_Only_When_A_Url_Can_Be_Built_From_It(string host, bool usable) =>
        Assert.Equal(usable, HostCheck.IsUsable(new Microsoft.AspNetCore.Http.HostString(host)));
}
