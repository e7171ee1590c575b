using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Staff;

/// <summary>Sign-in limits, session ends, and the log of every sign-in event.</summary>
public sealed class SignInTests
{
    private const string Password = "correct horse battery";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<PortalFactory> PortalAsync(TimeProvider? clock = null)
    {
        var factory = new PortalFactory(services: s =>
        {
            s.AddSingleton<IStartupFilter>(new ClientAddressHeader());
            if (clock is not null) s.AddSingleton(clock);
        });
        var staff = factory.Services.GetRequiredService<StaffStore>();
        await staff.AddAsync("sato", "editor", Password, Ct);
        await staff.AddAsync("admin", "admin", Password, Ct);
        return factory;
    }

    private static StaffClient From(PortalFactory factory, string address)
    {
        var client = StaffClient.For(factory);
        client.Http.DefaultRequestHeaders.Add("X-Test-Client", address);
        return client;
    }

    [Fact]
    public async Task Forty_Parallel_Wrong_Passwords_Get_At_Most_Five_Checked_And_Every_One_The_Same_401()
    {
        await using var factory = await PortalAsync();
        var clients = Enumerable.Range(0, 40).Select(i => From(factory, $"198.51.100.{i + 1}")).ToList();
        // Every client fetches its form first, so the forty posts really run at once.
        var tokens = await Task.WhenAll(clients.Select(c => c.FormTokenAsync("/staff/login")));

        var responses = await Task.WhenAll(clients.Select((c, i) => c.PostWithTokenAsync("/staff/login", "login", tokens[i],
            new() { ["Form.Name"] = "sato", ["Form.Password"] = "wrong guess " + i })));

        // Checked passwords leave "wrong name or password" in the log; the rest found the account locked.
        var lines = factory.Logs.Entries.Where(e => e.Category == typeof(StaffSessions).FullName).Select(e => e.Message).ToList();
        var checkedCount = lines.Count(l => l.StartsWith("Staff sign-in failed: wrong name or password for sato", StringComparison.Ordinal));
        Assert.InRange(checkedCount, 1, StaffStore.MaxFailures);
        Assert.Equal(40 - checkedCount, lines.Count(l => l.StartsWith("Staff sign-in refused: account sato is locked", StringComparison.Ordinal)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        // Locked: even the right password gets the same answer as a wrong one.
        Assert.Equal(HttpStatusCode.Unauthorized, (await From(factory, "198.51.100.99").LogInAsync("sato", Password)).StatusCode);
    }

    [Fact]
    public async Task The_Account_Limit_Holds_At_The_Store_Under_Parallel_Attempts()
    {
        await using var factory = await PortalAsync();
        var store = factory.Services.GetRequiredService<StaffStore>();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => store.SignInAsync("sato", "wrong " + i, Ct), Ct)));

        Assert.Equal(StaffStore.MaxFailures - 1, results.Count(r => r.Result == SignInResult.Wrong));
        Assert.Equal(40 - (StaffStore.MaxFailures - 1), results.Count(r => r.Result == SignInResult.LockedOut));
    }

    [Fact]
    public async Task One_Address_Cannot_Spray_Passwords_Across_Accounts_Or_Lock_Them_All()
    {
        await using var factory = await PortalAsync();
        var attacker = From(factory, "203.0.113.50");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SignInThrottle.MaxFailures + 3; i++)
            statuses.Add((await attacker.LogInAsync($"user{i % 7}", "spray " + i)).StatusCode);
        var stillRight = await attacker.LogInAsync("admin", Password);
        var colleague = await From(factory, "203.0.113.51").LogInAsync("sato", Password);

        Assert.All(statuses.Take(SignInThrottle.MaxFailures), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(SignInThrottle.MaxFailures), s => Assert.Equal((HttpStatusCode)429, s));
        Assert.Equal((HttpStatusCode)429, stillRight.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, colleague.StatusCode);
    }

    [Fact]
    public async Task An_Address_Gets_Its_Failures_Back_When_They_Leave_The_Window_And_Old_Ones_Are_Deleted()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = await PortalAsync(clock);
        var throttle = factory.Services.GetRequiredService<SignInThrottle>();

        for (var i = 0; i < SignInThrottle.MaxFailures; i++) Assert.NotNull(await throttle.TryTakeAsync("192.0.2.30", Ct));
        Assert.Null(await throttle.TryTakeAsync("192.0.2.30", Ct));
        clock.Advance(SignInThrottle.Window - TimeSpan.FromSeconds(1));
        Assert.Null(await throttle.TryTakeAsync("192.0.2.30", Ct));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull(await throttle.TryTakeAsync("192.0.2.30", Ct));
        var db = factory.Services.GetRequiredService<Portal.Data.Db>();
        await using var c = await db.OpenAsync(Ct);
        Assert.Equal(1, await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT count(*) FROM sign_in_failures"));
    }

    [Fact]
    public async Task Every_Sign_In_Failure_Lock_Out_And_Sign_Out_Is_Logged_Without_The_Password()
    {
        await using var factory = await PortalAsync();
        var sato = From(factory, "192.0.2.7");
        await sato.LogInAsync("sato", Password);
        await sato.PostFormAsync("/staff", "logout", []);
        for (var i = 0; i < StaffStore.MaxFailures + 1; i++) await sato.LogInAsync("sato", "secret-guess-" + i);

        var lines = factory.Logs.Entries.Where(e => e.Category == typeof(StaffSessions).FullName).Select(e => e.Message).ToList();
        Assert.Contains("Staff signed in: sato from 192.0.2.7", lines);
        Assert.Contains("Staff signed out: sato from 192.0.2.7", lines);
        Assert.Contains("Staff sign-in failed: wrong name or password for sato from 192.0.2.7", lines);
        Assert.Contains("Staff sign-in refused: account sato is locked (from 192.0.2.7)", lines);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Message.Contains("secret-guess") || e.Message.Contains(Password));
    }

    [Fact]
    public async Task A_Session_Ends_Eight_Hours_After_Sign_In_However_Active()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var factory = await PortalAsync(clock);
        var sato = From(factory, "192.0.2.8");
        await sato.LogInAsync("sato", Password);

        for (var hour = 0; hour < 7; hour++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, (await sato.Http.GetAsync("/api/staff/whoami", Ct)).StatusCode);
        }
        clock.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(HttpStatusCode.Unauthorized, (await sato.Http.GetAsync("/api/staff/whoami", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_Disabled_Accounts_Open_Session_Stops_At_Once_And_It_Cannot_Sign_In()
    {
        await using var factory = await PortalAsync();
        var sato = From(factory, "192.0.2.9");
        await sato.LogInAsync("sato", Password);
        Assert.Equal(HttpStatusCode.OK, (await sato.Http.GetAsync("/api/staff/whoami", Ct)).StatusCode);

        await factory.Services.GetRequiredService<StaffStore>().SetDisabledAsync("sato", disabled: true, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, (await sato.Http.GetAsync("/api/staff/whoami", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await From(factory, "192.0.2.9").LogInAsync("sato", Password)).StatusCode);
    }

    [Fact]
    public async Task Changing_Ones_Own_Password_Keeps_This_Session_And_Ends_The_Others()
    {
        await using var factory = await PortalAsync();
        var laptop = From(factory, "192.0.2.10");
        var phone = From(factory, "192.0.2.11");
        await laptop.LogInAsync("sato", Password);
        await phone.LogInAsync("sato", Password);

        var wrong = await laptop.PostFormAsync("/staff/password", "password", new() { ["Form.Current"] = "not my password", ["Form.New"] = "a brand new password" });
        var changed = await laptop.PostFormAsync("/staff/password", "password", new() { ["Form.Current"] = Password, ["Form.New"] = "a brand new password" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("パスワードを変更しました", await changed.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await laptop.Http.GetAsync("/api/staff/whoami", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.Http.GetAsync("/api/staff/whoami", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await From(factory, "192.0.2.12").LogInAsync("sato", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await From(factory, "192.0.2.12").LogInAsync("sato", "a brand new password")).StatusCode);
    }

    [Fact]
    public async Task An_Admin_Lists_Disables_Enables_And_Unlocks_Accounts_On_A_Page()
    {
        await using var factory = await PortalAsync();
        var store = factory.Services.GetRequiredService<StaffStore>();
        var admin = From(factory, "192.0.2.20");
        await admin.LogInAsync("admin", Password);
        for (var i = 0; i < StaffStore.MaxFailures; i++) await From(factory, "192.0.2.21").LogInAsync("sato", "guess " + i);
        var satoId = (await store.ListAsync(Ct)).Single(a => a.Name == "sato").Id;

        var page = await admin.Http.GetStringAsync("/staff/accounts", Ct);
        Assert.Contains("data-account=\"sato\"", page);
        Assert.Contains("ロック中 / locked", page);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostFormAsync("/staff/accounts", $"unlock-{satoId}", [])).StatusCode);
        Assert.Null((await store.ListAsync(Ct)).Single(a => a.Name == "sato").LockedUntil);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostFormAsync("/staff/accounts", $"disable-{satoId}", [])).StatusCode);
        Assert.NotNull((await store.ListAsync(Ct)).Single(a => a.Name == "sato").DisabledAt);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostFormAsync("/staff/accounts", $"enable-{satoId}", [])).StatusCode);
        Assert.Null((await store.ListAsync(Ct)).Single(a => a.Name == "sato").DisabledAt);
    }

    [Fact]
    public async Task An_Editor_Cannot_Open_The_Accounts_Page()
    {
        await using var factory = await PortalAsync();
        var sato = From(factory, "192.0.2.30");
        await sato.LogInAsync("sato", Password);

        var response = await sato.Http.GetAsync("/staff/accounts", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/denied", response.Headers.Location!.PathAndQuery);
    }
}
