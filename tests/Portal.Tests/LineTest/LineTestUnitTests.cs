using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.LineTest;
using Portal.Providers;
using Portal.Tests.Support;

namespace Portal.Tests.LineTest;

/// <summary>Codes, verdicts, provider matching and reverse DNS, without sockets.</summary>
public sealed class LineTestUnitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The line test's options as the portal's own registration makes them, for an environment and settings.</summary>
    private static LineTestOptions OptionsFor(string environment, Dictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build())
            .AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment });
        services.AddLineTest();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<LineTestOptions>>().Value;
    }

    private static string CommandFor(LineTestOptions options) =>
        LineTests.Commands("line.example.jp", "CODE", options.Listeners.Select(l => BoundListener.For(l, l.Port)), options.CommandsUseListenerPorts).Linux;

    [Fact]
    public void In_Development_The_Command_Shows_The_Listeners_Own_Ports_And_Production_The_Public_Ones()
    {
        var development = CommandFor(OptionsFor("Development"));
        var production = CommandFor(OptionsFor("Production"));

        Assert.Equal(["2525", "2587", "2465"], System.Text.RegularExpressions.Regex.Matches(development, @"example\.jp:(\d+)/").Select(m => m.Groups[1].Value));
        Assert.Equal(["25", "587", "465"], System.Text.RegularExpressions.Regex.Matches(production, @"example\.jp:(\d+)/").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void In_Development_The_Listeners_Still_Stand_For_25_587_And_465_And_Configuration_Can_Say_Otherwise()
    {
        var development = OptionsFor("Development");
        var configured = OptionsFor("Development", new() { ["LineTest:CommandsUseListenerPorts"] = "false", ["LineTest:Listeners:0:Port"] = "3025", ["LineTest:Listeners:0:PublicPort"] = "25" });

        Assert.Equal([25, 587, 465], development.Listeners.Select(l => l.PublicPort));
        Assert.Equal("curl -sv -k --ssl-reqd --connect-timeout 10 smtp://line.example.jp:25/CODE", CommandFor(configured));
    }

    [Fact]
    public void Codes_Are_Ten_Crockford_Characters_And_Differ()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => Portal.Site.CrockfordId.New()).ToList();

        Assert.All(codes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{10}$", c));
        Assert.Equal(1000, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("7k2m-qx4p9r", "7K2MQX4P9R")]
    [InlineData("7K2MQX4PIL", "7K2MQX4P11")]
    [InlineData("o000000000", "0000000000")]
    [InlineData("7K2MQX4P9", null)]
    [InlineData("7K2MQX4P9RR", null)]
    [InlineData("7K2MQX4P9U", null)]
    [InlineData("mail.example.jp", null)]
    public void Typed_Codes_Are_Read_The_Crockford_Way(string typed, string? expected) =>
        Assert.Equal(expected, Portal.Site.CrockfordId.Normalize(typed));

    private static Provider P(string name, string op25b, params string[] suffixes) =>
        new() { NameJa = name, NameEn = name + "-en", Op25b = op25b, RdnsSuffixes = suffixes, SubmissionPorts = [587] };

    [Theory]
    [InlineData("p1234-ipbf01.tokyo.plala.or.jp", "Plala")]
    [InlineData("P1234-IPBF01.Tokyo.Plala.Or.Jp.", "Plala")]
    [InlineData("x.ocn.ne.jp", "OCN")]
    [InlineData("x.business.ocn.ne.jp", "OCN Business")]
    [InlineData("ocn.ne.jp", "OCN")]
    [InlineData("xocn.ne.jp", null)]
    [InlineData("mail.example.jp", null)]
    public void The_Longest_Reverse_Dns_Suffix_Wins(string host, string? expected)
    {
        var providers = new[] { P("Plala", "applies", "plala.or.jp"), P("OCN", "applies", "ocn.ne.jp"), P("OCN Business", "none", "business.ocn.ne.jp") };

        Assert.Equal(expected, ProviderStore.MatchReverseDns(providers, host)?.NameJa);
    }

    private static PortState Port(int publicPort, bool arrived) => new(new BoundListener(publicPort + 2000, publicPort, publicPort == 465 ? "implicit" : "starttls"),
        arrived ? new Arrival { PublicPort = publicPort, Address = "203.0.113.5", EhloName = "X" } : null, null, !arrived);

    [Theory]
    [InlineData(false, true, true, "port25-blocked", "587・465番には届き、25番には届きませんでした", "587番(STARTTLS)または465番(SSL/TLS)")]
    [InlineData(false, true, false, "port25-blocked", "587番には届き、25番には届きませんでした", "587番(STARTTLS)に変え")]
    [InlineData(false, false, false, "nothing-arrived", "どのポートにも届きませんでした", "セキュリティソフト")]
    [InlineData(true, true, true, "all-arrived", "25番ポートを遮断していません", "送信サーバー名、SMTP認証の設定、パスワード")]
    [InlineData(true, false, true, "some-blocked", "25・465番には届き、587番には届きませんでした", "465番(SSL/TLS)とSMTP認証")]
    [InlineData(true, false, false, "some-blocked", "25番には届き、587・465番には届きませんでした", "ネットワークの管理者")]
    public void The_Verdict_Follows_The_Ports_That_Arrived(bool p25, bool p587, bool p465, string outcome, string says, string advice)
    {
        var verdict = LineVerdicts.For([Port(25, p25), Port(587, p587), Port(465, p465)], null);

        Assert.Equal(outcome, verdict.Outcome);
        Assert.Contains(says, verdict.Message.Ja);
        Assert.Contains(advice, verdict.Message.Ja);
        Assert.NotEmpty(verdict.Message.En);
    }

    [Fact]
    public void Without_A_Listener_For_25_The_Verdict_Says_25_Was_Not_Tested_Never_That_It_Is_Open()
    {
        var verdict = LineVerdicts.For([Port(587, true), Port(465, true)], null);

        Assert.Equal("all-arrived", verdict.Outcome);
        Assert.Contains("Port 25 was not tested by this line test", verdict.Message.En);
        Assert.Contains("25番ポートはこの回線テストでは試していない", verdict.Message.Ja);
        Assert.DoesNotContain("does not block", verdict.Message.En);
        Assert.DoesNotContain("遮断していません", verdict.Message.Ja);
    }

    [Fact]
    public void A_Blocked_Verdict_Names_The_Provider_And_Links_The_Setup()
    {
        var verdict = LineVerdicts.For([Port(25, false), Port(587, true), Port(465, true)], P("ぷらら", "applies", "plala.or.jp") with { NameEn = "Plala" });

        Assert.Contains("お使いの回線(ぷらら)は25番ポートへの接続を遮断しています(OP25B)", verdict.Message.Ja);
        Assert.Contains("Your line (Plala) blocks", verdict.Message.En);
        Assert.StartsWith("Ports 587 and 465 arrived, but 25 did not.", verdict.Message.En);
        Assert.Equal("/setup", verdict.HelpPath);
    }

    [Fact]
    public async Task A_Name_Is_Looked_Up_Once_In_Ten_Minutes_And_Matched_To_The_Registry()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var dns = new LineTestApiTests.FakeReverseDns(a => a.Equals(IPAddress.Parse("198.51.100.7")) ? "ai126.jcom.home.ne.jp" : null);
        var identifier = new LineIdentifier(dns, await TestDatabase.MigratedStoreAsync(seed: true), clock, NullLogger<LineIdentifier>.Instance);

        var first = await identifier.IdentifyAsync("198.51.100.7");
        var cached = identifier.TryGetCached("198.51.100.7");
        await identifier.IdentifyAsync("198.51.100.7");
        var callsBefore = dns.Calls;
        clock.Advance(TimeSpan.FromMinutes(10));
        var missing = identifier.TryGetCached("198.51.100.7");
        await identifier.IdentifyAsync("198.51.100.7");

        Assert.Equal("ai126.jcom.home.ne.jp", first.ReverseDns);
        Assert.Equal("J:COM", first.Provider?.NameJa);
        Assert.Same(first, cached);
        Assert.Equal(1, callsBefore);
        Assert.Null(missing);
        Assert.Equal(2, dns.Calls);
    }

    [Fact]
    public async Task A_Slow_Resolver_Gives_Up_After_Two_Seconds()
    {
        var dns = new LineTestApiTests.FakeReverseDns(_ => "late.plala.or.jp", delay: TimeSpan.FromSeconds(30));
        var identifier = new LineIdentifier(dns, await TestDatabase.MigratedStoreAsync(seed: true), TimeProvider.System, NullLogger<LineIdentifier>.Instance);
        var started = DateTime.UtcNow;

        var line = await identifier.IdentifyAsync("203.0.113.9");

        Assert.Null(line.ReverseDns);
        Assert.Null(line.Provider);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_Seed_Suffixes_Reach_Only_Rows_Untouched_Since_Seeding()
    {
        // A database seeded before the seed had suffixes: migrated up to 0005, seeded without them, one row edited by staff.
        var db = TestDatabase.New();
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(upTo: 5, cancellationToken: Ct);
        await TestDatabase.SeedAsOfFirstVersionAsync(db, ProviderSeed.Load().Select(p => p with { RdnsSuffixes = [] }));
        await using (var c = await db.OpenAsync(Ct))
        {
            await using var edit = c.CreateCommand();
            edit.CommandText = "UPDATE providers SET rdns_suffixes = 'staff.example.jp', version = 2, updated_by = 'tanaka' WHERE name_ja = 'OCN'";
            await edit.ExecuteNonQueryAsync(Ct);
        }

        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken: Ct);
        var after = await new ProviderStore(db, TimeProvider.System, new RegistryVersion()).ListAsync(cancellationToken: Ct);

        Assert.Equal(["plala.or.jp"], after.Single(p => p.NameJa == "ぷらら").RdnsSuffixes);
        Assert.Equal(["jcom.home.ne.jp", "zaq.ne.jp"], after.Single(p => p.NameJa == "J:COM").RdnsSuffixes);
        Assert.Equal(["staff.example.jp"], after.Single(p => p.NameJa == "OCN").RdnsSuffixes);
        Assert.Empty(after.Single(p => p.NameJa == "WAKWAK").RdnsSuffixes);
        Assert.Equal("ぷらら", ProviderStore.MatchReverseDns(after, "p1.tokyo.plala.or.jp")?.NameJa);
        Assert.Single(await new ProviderStore(db, TimeProvider.System, new RegistryVersion()).ListAsync("zaq.ne.jp", cancellationToken: Ct));
    }

    [Fact]
    public void A_New_Registry_Gets_The_Suffixes_From_The_Seed()
    {
        var seed = ProviderSeed.Load();

        Assert.Equal(["ocn.ne.jp"], seed.Single(p => p.NameJa == "OCN").RdnsSuffixes);
        Assert.Equal(["jcom.home.ne.jp", "zaq.ne.jp"], seed.Single(p => p.NameJa == "J:COM").RdnsSuffixes);
    }
}
