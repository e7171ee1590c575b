using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.SavedResults;
using Portal.Site;
using Portal.Staff;
using Portal.Tester;
using Portal.Tests.Staff;
using Portal.Tests.Support;
using Portal.Tests.Tester;

namespace Portal.Tests.SavedResults;

public sealed class SavedResultsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Password = "correct horse battery";

    private static PortalFactory Portal(string environment = "Development") => new(environment: environment, settings: new Dictionary<string, string?>
    {
        ["Tester:AllowedPrivateNetworks:0"] = "127.0.0.0/8",
        ["Tester:GreetingTimeout"] = "00:00:03",
        ["Tester:TestTimeout"] = "00:00:08",
    }, services: s => s.PostConfigure<TesterOptions>(o => o.AllowedPorts = [25, 465, 587, .. Enumerable.Range(1024, 64512)]));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    private static TestReport Report(string host = "smtp.example.jp") => new(host, host,
    [
        new PortResult { Port = 587, Mode = "starttls", Outcome = ProbeOutcome.Ok, Stage = ProbeStage.Done, ElapsedMs = 42,
            Greeting = new SmtpReply(220, "smtp.example.jp ESMTP"), Advice = Advice.Of("587番は使えます。", "587 works.", "/setup"),
            Dialogue = ["S: 220 smtp.example.jp ESMTP", "C: EHLO portal", "S: 250 smtp.example.jp"] },
    ], Advice.Of("587番をお使いください。", "Use 587.", "/setup"));

    private static async Task<(ResultStore Store, ManualClock Clock)> StoreAsync(int retentionDays = 30)
    {
        var db = TestDatabase.New();
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken: Ct);
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-29T03:00:00Z"));
        return (new ResultStore(db, clock, new ResultsOptions { RetentionDays = retentionDays }), clock);
    }

    [Fact]
    public async Task A_Kept_Result_Reads_Back_Whole_Until_It_Expires_And_The_Purge_Removes_It()
    {
        var (store, clock) = await StoreAsync();
        var kept = await store.InsertAsync("tester", "T-1#2", Report(), new StaffDetails("203.0.113.5", new Dictionary<int, IReadOnlyList<string>> { [587] = ["S: 220 x"] }), Ct);

        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{10}$", kept.Id);
        var read = await store.GetAsync(kept.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal("T-1#2", read.Ticket);
        Assert.Equal(ProbeOutcome.Ok, read.Report!.Results[0].Outcome);
        Assert.Equal("587番は使えます。", read.Report!.Results[0].Advice!.Message.Ja);
        Assert.Equal("Use 587.", read.Report!.Summary!.Message.En);
        Assert.Equal(new SmtpReply(220, "smtp.example.jp ESMTP"), read.Report!.Results[0].Greeting);
        Assert.Equal("203.0.113.5", read.Staff.Client);
        Assert.Equal(["S: 220 x"], read.Staff.Dialogues[587]);

        clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        Assert.Null(await store.GetAsync(kept.Id, Ct));          // expired before any purge
        Assert.Empty(await store.SearchAsync(new ResultQuery(Ticket: "T-1#2"), Ct));
        Assert.Equal(1, await store.PurgeAsync(Ct));
        Assert.Equal(0, await store.PurgeAsync(Ct));
    }

    [Fact]
    public async Task Staff_Search_Matches_Ticket_Id_Host_And_Japan_Days_Newest_First()
    {
        var (store, clock) = await StoreAsync();
        var staff = new StaffDetails("x", new Dictionary<int, IReadOnlyList<string>>());
        var first = await store.InsertAsync("tester", "A-1", Report("a.example.jp"), staff, Ct);
        clock.Advance(TimeSpan.FromHours(20));   // 2026-11-29 23:00 JST → 2026-11-30 08:00 JST... 
        var second = await store.InsertAsync("tester", "A-1", Report("b.example.jp"), staff, Ct);
        await store.InsertAsync("tester", "B-2", Report("a.example.jp"), staff, Ct);

        Assert.Equal([second.Id, first.Id], (await store.SearchAsync(new ResultQuery(Ticket: "A-1"), Ct)).Select(r => r.Id));
        Assert.Equal(2, (await store.SearchAsync(new ResultQuery(Host: "A.example.jp"), Ct)).Count);
        Assert.Equal(first.Id, Assert.Single(await store.SearchAsync(new ResultQuery(Id: CrockfordId.Grouped(first.Id).ToLowerInvariant()), Ct)).Id);
        // 03:00Z is 12:00 JST on the 29th; 23:00Z is 08:00 JST on the 30th.
        Assert.Equal(first.Id, Assert.Single(await store.SearchAsync(new ResultQuery(From: new DateOnly(2026, 11, 29), To: new DateOnly(2026, 11, 29)), Ct)).Id);
        Assert.Equal(2, (await store.SearchAsync(new ResultQuery(From: new DateOnly(2026, 11, 30)), Ct)).Count);
        Assert.True(await store.DeleteAsync(first.Id, Ct));
        Assert.Null(await store.GetAsync(first.Id, Ct));
    }

    [Fact]
    public async Task The_Api_Keeps_Each_Test_And_Gives_Its_Id_And_Permalink()
    {
        await using var peer = new SmtpPeer(TestCertificates.SelfSigned(), implicitTls: false);
        await using var factory = Portal();
        var client = factory.CreateClient();

        var run = await JsonAsync(await client.GetAsync($"/api/tester?host=127.0.0.1&ports={peer.Port}&ticket=ABC-123%23x", Ct));
        var id = run.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{10}$", id);
        Assert.Equal($"http://localhost/r/{id}", run.GetProperty("permalink").GetString());

        using var stored = await client.GetAsync($"/api/results/{CrockfordId.Grouped(id)}?lang=en", Ct);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var result = await JsonAsync(stored);
        Assert.Equal(id, result.GetProperty("id").GetString());
        Assert.Equal("ABC-123#x", result.GetProperty("ticket").GetString());
        Assert.Equal($"http://localhost/en/r/{id}", result.GetProperty("permalink").GetString());
        Assert.Equal("127.0.0.1", result.GetProperty("host").GetString());
        var row = Assert.Single(result.GetProperty("results").EnumerateArray());
        Assert.Equal(peer.Port, row.GetProperty("port").GetInt32());
        Assert.Equal("ok", row.GetProperty("outcome").GetString());
        Assert.True(result.TryGetProperty("testedAt", out _));
        Assert.True(result.TryGetProperty("summary", out _));
        // Staff-only details never reach the public answer.
        var text = result.GetRawText();
        Assert.DoesNotContain("dialogue", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("client", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("ticket=%3Cscript%3E")]
    [InlineData("ticket=a%20b")]
    [InlineData("ticket=%E6%97%A5%E6%9C%AC")]
    [InlineData("ticket=123456789012345678901234567890123")]
    [InlineData("ticket=a%0d%0ab")]
    [InlineData("ticket=")]
    public async Task A_Hostile_Ticket_Is_Refused_And_No_Test_Runs(string query)
    {
        await using var peer = new SmtpPeer(TestCertificates.SelfSigned(), implicitTls: false);
        await using var factory = Portal();
        using var response = await factory.CreateClient().GetAsync($"/api/tester?host=127.0.0.1&ports={peer.Port}&{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ticket-invalid", (await JsonAsync(response)).GetProperty("code").GetString());
        Assert.Empty(await factory.Services.GetRequiredService<ResultStore>().SearchAsync(new ResultQuery(), Ct));
    }

    [Fact]
    public async Task The_Result_Page_Shows_What_The_Customer_Saw_Without_Staff_Details_And_Is_Not_Indexed()
    {
        await using var factory = Portal();
        var kept = await factory.Services.GetRequiredService<ResultStore>().InsertAsync("tester", "T-9", Report(),
            new StaffDetails("203.0.113.77", new Dictionary<int, IReadOnlyList<string>> { [587] = ["C: EHLO secret-dialogue"] }), Ct);
        var client = factory.CreatePlainClient();

        using var ja = await client.GetAsync($"/r/{kept.Id}", Ct);
        var html = await ja.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, ja.StatusCode);
        Assert.Contains("noindex", ja.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Contains("<meta name=\"robots\" content=\"noindex, nofollow\"", html);
        Assert.Contains(CrockfordId.Grouped(kept.Id), html);
        Assert.Contains("2026", html);
        Assert.Contains("日本時間", html);
        Assert.Contains("smtp.example.jp", html);
        Assert.Contains("587番は使えます。", html);
        Assert.Contains("T-9", html);
        Assert.Contains("/tester?host=smtp.example.jp&amp;ports=587&amp;ticket=T-9", html);
        Assert.DoesNotContain("203.0.113.77", html);
        Assert.DoesNotContain("secret-dialogue", html);

        var en = await client.GetStringAsync($"/en/r/{kept.Id.ToLowerInvariant()}", Ct);
        Assert.Contains("587 works.", en);
        Assert.Contains("Japan time", en);

        using var missing = await client.GetAsync("/r/0000000000", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var api = await client.GetAsync("/api/results/0000000000", Ct);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Staff_Find_A_Result_By_Ticket_See_Its_Dialogue_And_Address_And_Can_Delete_It()
    {
        await using var peer = new SmtpPeer(TestCertificates.SelfSigned(), implicitTls: false);
        await using var factory = Portal();
        await factory.Services.GetRequiredService<StaffStore>().AddAsync("sato", "editor", Password, Ct);
        var run = await JsonAsync(await factory.CreateClient().GetAsync($"/api/tester?host=127.0.0.1&ports={peer.Port}&ticket=REQ-77", Ct));
        var id = run.GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreatePlainClient().GetAsync("/staff/results?ticket=REQ-77", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreatePlainClient().GetAsync("/api/staff/results?ticket=REQ-77", Ct)).StatusCode);

        var staff = StaffClient.For(factory);
        await staff.LogInAsync("sato", Password);
        var list = await staff.Http.GetStringAsync("/staff/results?ticket=REQ-77", Ct);
        Assert.Contains($"/staff/results/{id}", list);
        var api = await JsonAsync(await staff.Http.GetAsync("/api/staff/results?ticket=REQ-77", Ct));
        Assert.Equal(id, Assert.Single(api.EnumerateArray()).GetProperty("id").GetString());

        var view = await staff.Http.GetStringAsync($"/staff/results/{id}", Ct);
        Assert.Contains("S: 220 peer.test", view);                 // the greeting as sent
        Assert.Contains("C: EHLO", view);
        Assert.Contains("C: STARTTLS", view);
        Assert.Contains("-- TLS --", view);
        Assert.True(System.Text.RegularExpressions.Regex.Matches(view, "C: EHLO").Count >= 2, "the EHLO before and after TLS");
        Assert.Contains("CN=peer.test", view);                      // the certificate
        Assert.Contains("<code>", view);

        var delete = await staff.PostFormAsync($"/staff/results/{id}", "delete-result", []);
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreatePlainClient().GetAsync($"/r/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Production_Needs_The_Public_Url_And_Names_The_Key()
    {
        await using var factory = new PortalFactory(environment: "Production", settings: new Dictionary<string, string?> { ["Site:PublicUrl"] = "" });
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Site:PublicUrl", e.ToString());

        await using var ok = new PortalFactory(environment: "Production");
        var kept = await ok.Services.GetRequiredService<ITestArchive>().KeepAsync(Report(), null, "x", Lang.En, Ct);
        Assert.Equal($"https://support.saiin.example.jp/en/r/{kept.Id}", kept.Permalink);
    }
}
