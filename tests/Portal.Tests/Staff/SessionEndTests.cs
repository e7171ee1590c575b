using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Staff;

/// <summary>
/// What the attack run found in the staff sign-in: a cookie copied before sign-out kept working, the current password
/// could be guessed without limit, a locked name answered differently from an unknown one, and names were logged whole.
/// </summary>
public sealed class SessionEndTests
{
    private const string Password = "correct horse battery";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<PortalFactory> PortalAsync()
    {
        var factory = new PortalFactory();
        await factory.Services.GetRequiredService<StaffStore>().AddAsync("sato", "editor", Password, Ct);
        return factory;
    }

    /// <summary>A client that keeps no cookies: each request carries exactly the cookie the test gives it.</summary>
    private static HttpClient Plain(PortalFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>Signs in with a client that keeps no cookies and returns the session cookie as a Cookie header.</summary>
    private static async Task<string> SessionCookieAsync(HttpClient http)
    {
        using var login = await FormPosts.SignInAsync(http, "sato", Password, Ct);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = FormPosts.Cookies(login);
        Assert.StartsWith("portal-staff=", cookie);
        return cookie;
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await http.SendAsync(request, Ct);
    }

    private static string Message(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "<p class=\"message error\" role=\"alert\">([^<]*)</p>").Groups[1].Value);

    [Fact]
    public async Task A_Cookie_Copied_Before_Sign_Out_Gets_The_Login_Page_Afterwards()
    {
        await using var factory = await PortalAsync();
        using var http = Plain(factory);
        var cookie = await SessionCookieAsync(http);
        var copy = cookie;
        using (var before = await GetAsync(http, "/staff", copy)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var home = await FormPosts.OpenAsync(http, "/staff", cookie, Ct);
        using var signOut = await FormPosts.PostAsync(http, "/staff", home, "logout", new Dictionary<string, string>(), Ct);
        Assert.True(signOut.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"sign-out answered {signOut.StatusCode}");

        using var after = await GetAsync(http, "/staff", copy);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/staff/login", after.Headers.Location!.PathAndQuery);
        using var api = await GetAsync(http, "/api/staff/whoami", copy);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Signing_Out_Ends_Only_That_Session_And_Leaves_No_Row_Behind()
    {
        await using var factory = await PortalAsync();
        using var http = Plain(factory);
        var laptop = await SessionCookieAsync(http);
        var phone = await SessionCookieAsync(http);
        using (var p = await GetAsync(http, "/api/staff/whoami", phone)) Assert.Equal(HttpStatusCode.OK, p.StatusCode);
        using (var l = await GetAsync(http, "/api/staff/whoami", laptop)) Assert.Equal(HttpStatusCode.OK, l.StatusCode);

        var home = await FormPosts.OpenAsync(http, "/staff", laptop, Ct);
        (await FormPosts.PostAsync(http, "/staff", home, "logout", new Dictionary<string, string>(), Ct)).Dispose();

        using (var p = await GetAsync(http, "/api/staff/whoami", phone)) Assert.Equal(HttpStatusCode.OK, p.StatusCode);
        using (var l = await GetAsync(http, "/api/staff/whoami", laptop)) Assert.Equal(HttpStatusCode.Unauthorized, l.StatusCode);
        await using var c = await factory.Services.GetRequiredService<Portal.Data.Db>().OpenAsync(Ct);
        Assert.Equal(1, await Dapper.SqlMapper.ExecuteScalarAsync<long>(c, "SELECT count(*) FROM staff_sessions"));
    }

    [Fact]
    public async Task Forty_Parallel_Wrong_Current_Passwords_Get_At_Most_Five_Checked_Lock_The_Account_And_End_The_Session()
    {
        await using var factory = await PortalAsync();
        using var http = Plain(factory);
        var cookie = await SessionCookieAsync(http);
        var form = await FormPosts.OpenAsync(http, "/staff/password", cookie, Ct);
        Assert.Equal(HttpStatusCode.OK, form.Status);

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => FormPosts.PostAsync(http, "/staff/password", form, "password",
            new Dictionary<string, string> { ["Form.Current"] = "wrong guess " + i, ["Form.New"] = "a brand new password " + i }, Ct)));

        var lines = factory.Logs.Entries.Where(e => e.Category == typeof(StaffSessions).FullName).Select(e => e.Message).ToList();
        var checkedCount = lines.Count(l => l.StartsWith("Staff re-authentication failed: wrong current password for sato", StringComparison.Ordinal));
        Assert.InRange(checkedCount, 1, StaffStore.MaxFailures);
        Assert.Contains(lines, l => l.StartsWith("Staff re-authentication locked the account: sato", StringComparison.Ordinal));
        // Each answer is a wrong password (400), the lock (429), or the login page once the session has ended.
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.BadRequest, (HttpStatusCode)429, HttpStatusCode.Redirect }));
        Assert.Contains(responses, r => r.StatusCode == (HttpStatusCode)429);
        Assert.NotNull((await factory.Services.GetRequiredService<StaffStore>().ListAsync(Ct)).Single(a => a.Name == "sato").LockedUntil);

        using var after = await GetAsync(http, "/staff", cookie);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        // The right password does not help while the lock lasts, on the password page or at sign-in.
        using var login = await FormPosts.SignInAsync(http, "sato", Password, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        foreach (var r in responses) r.Dispose();
    }

    [Fact]
    public async Task A_Locked_Name_And_An_Unknown_Name_Get_The_Same_Status_And_Text_And_The_Log_Tells_Them_Apart()
    {
        await using var factory = await PortalAsync();
        using var http = Plain(factory);
        for (var i = 0; i < StaffStore.MaxFailures; i++) (await FormPosts.SignInAsync(http, "sato", "guess " + i, Ct)).Dispose();

        using var locked = await FormPosts.SignInAsync(http, "sato", Password, Ct);
        using var unknown = await FormPosts.SignInAsync(http, "nobody-here", Password, Ct);
        using var wrong = await FormPosts.SignInAsync(http, "nobody-else", "not it at all", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(unknown.StatusCode, locked.StatusCode);
        Assert.Equal(wrong.StatusCode, locked.StatusCode);
        Assert.False(locked.Headers.Contains("Retry-After"));
        var lockedText = Message(await locked.Content.ReadAsStringAsync(Ct));
        Assert.Contains("名前またはパスワードが違います", lockedText);
        Assert.Equal(Message(await unknown.Content.ReadAsStringAsync(Ct)), lockedText);
        Assert.Contains(factory.Logs.Entries, e => e.Message.StartsWith("Staff sign-in refused: account sato is locked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Megabyte_Long_Name_Makes_A_Short_Log_Line()
    {
        await using var factory = await PortalAsync();
        using var http = Plain(factory);
        var name = new string('x', 1024 * 1024);

        using var response = await FormPosts.SignInAsync(http, name, "whatever it is", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var line = Assert.Single(factory.Logs.Entries, e => e.Message.StartsWith("Staff sign-in failed", StringComparison.Ordinal));
        Assert.InRange(line.Message.Length, 60, 300);
        Assert.Contains("xxxx…(+", line.Message);
    }

    [Theory]
    [InlineData("/staff/providers", "/staff/providers")]
    [InlineData("/staff/ユーザー", "/staff")]
    [InlineData("/staff/%E3%83%A6", "/staff/%E3%83%A6")]
    [InlineData("//evil.example", "/staff")]
    [InlineData("/\\evil.example", "/staff")]
    [InlineData("/\tstaff", "/staff")]
    [InlineData("https://evil.example/", "/staff")]
    public void The_Return_Address_After_Sign_In_Is_A_Printable_Local_Path_Or_Staff(string returnUrl, string expected) =>
        Assert.Equal(expected, Portal.Staff.Components.LoginPage.LocalReturn(returnUrl));

    [Fact]
    public async Task A_Non_Ascii_Return_Address_Still_Signs_In_And_Goes_To_Staff()
    {
        await using var factory = await PortalAsync();
        using var http = Plain(factory);
        var path = "/staff/login?ReturnUrl=" + Uri.EscapeDataString("/staff/ユーザー");
        var form = await FormPosts.OpenAsync(http, path, cancellationToken: Ct);

        using var login = await FormPosts.PostAsync(http, path, form, "login",
            new Dictionary<string, string> { ["Form.Name"] = "sato", ["Form.Password"] = Password }, Ct);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/staff", new Uri(new Uri("http://localhost"), login.Headers.Location!).AbsolutePath);
        Assert.StartsWith("portal-staff=", FormPosts.Cookies(login));
    }
}
