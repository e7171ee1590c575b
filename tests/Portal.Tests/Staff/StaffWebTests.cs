using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Providers;
using Portal.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Staff;

public sealed class StaffWebTests
{
    private const string Password = "correct horse battery";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<PortalFactory> PortalWithStaffAsync()
    {
        var factory = new PortalFactory();
        var staff = factory.Services.GetRequiredService<StaffStore>();
        await staff.AddAsync("sato", "editor", Password);
        await staff.AddAsync("admin", "admin", Password);
        return factory;
    }

    private static async Task<long> ProviderIdAsync(PortalFactory factory, string nameEn) =>
        (await factory.Services.GetRequiredService<ProviderStore>().ListAsync(nameEn)).Single().Id;

    [Fact]
    public async Task Anonymous_Visitors_Are_Sent_To_Login_And_Staff_Apis_Answer_401()
    {
        await using var factory = await PortalWithStaffAsync();
        var client = StaffClient.For(factory).Http;

        var page = await client.GetAsync("/staff", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/staff/login", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/staff/providers/1", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/staff/whoami", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/staff/providers/1/history", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_Staff_Member_Logs_In_And_Out()
    {
        await using var factory = await PortalWithStaffAsync();
        var staff = StaffClient.For(factory);

        var login = await staff.LogInAsync("sato", Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/staff", login.Headers.Location!.AbsolutePath);
        Assert.Contains("\"name\":\"sato\"", await staff.Http.GetStringAsync("/api/staff/whoami", Ct));
        var home = await staff.Http.GetAsync("/staff", Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.DoesNotContain("class=\"lang-switch\"", await home.Content.ReadAsStringAsync(Ct));   // no /en/staff to switch to

        var logout = await staff.PostFormAsync("/staff", "logout", []);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.Http.GetAsync("/api/staff/whoami", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_Wrong_Password_Gets_401_And_A_Message_In_Both_Languages()
    {
        await using var factory = await PortalWithStaffAsync();
        var response = await StaffClient.For(factory).LogInAsync("sato", "wrong password!");
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("名前またはパスワードが違います", html);
        Assert.Contains("The name or password is wrong", html);
    }

    [Fact]
    public async Task Repeated_Failures_Lock_The_Account_Even_Against_The_Right_Password()
    {
        await using var factory = await PortalWithStaffAsync();
        var staff = StaffClient.For(factory);
        for (var i = 0; i < StaffStore.MaxFailures; i++) await staff.LogInAsync("sato", "guess " + i);

        var response = await staff.LogInAsync("sato", Password);

        // The same answer as a wrong password or an unknown name: the page does not say which names exist.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("ロックされています", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.Http.GetAsync("/api/staff/whoami", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_Form_Post_Without_The_Antiforgery_Token_Is_Refused()
    {
        await using var factory = await PortalWithStaffAsync();
        var response = await StaffClient.For(factory).PostFormAsync("/staff/login", "login",
            new() { ["Form.Name"] = "sato", ["Form.Password"] = Password }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_Edit_Is_Saved_With_History_And_The_Customer_Page_Shows_It()
    {
        await using var factory = await PortalWithStaffAsync();
        var staff = StaffClient.For(factory);
        await staff.LogInAsync("sato", Password);
        var id = await ProviderIdAsync(factory, "WAKWAK");
        var customer = factory.CreatePlainClient();
        Assert.DoesNotContain("2004-11", await customer.GetStringAsync($"/providers/{id}", Ct));
        var qaBefore = await customer.GetAsync("/qa", Ct);

        var fields = await staff.EditFieldsAsync(id);
        fields["Form.Since"] = "2004-11";
        fields["Form.Kana"] = "わくわく";
        var save = await staff.PostFormAsync($"/staff/providers/{id}", "edit", fields);

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Contains("2004-11", await customer.GetStringAsync($"/providers/{id}", Ct));
        Assert.Contains(await factory.Services.GetRequiredService<ProviderStore>().ListAsync("わくわく", cancellationToken: Ct), p => p.Id == id);
        var history = await staff.Http.GetStringAsync($"/api/staff/providers/{id}/history", Ct);
        Assert.Contains("\"changedBy\":\"sato\"", history);
        Assert.Contains("\"action\":\"update\"", history);
        // The cached Q&A page, which lists the registry, gets a new ETag.
        var qaAfter = await customer.GetAsync("/qa", Ct);
        Assert.NotEqual(qaBefore.Headers.ETag, qaAfter.Headers.ETag);
    }

    [Fact]
    public async Task The_Later_Of_Two_Concurrent_Saves_Is_Refused_And_Shows_The_Other_Change()
    {
        await using var factory = await PortalWithStaffAsync();
        var sato = StaffClient.For(factory);
        var admin = StaffClient.For(factory);
        await sato.LogInAsync("sato", Password);
        await admin.LogInAsync("admin", Password);
        var id = await ProviderIdAsync(factory, "OCN");
        var satoFields = await sato.EditFieldsAsync(id);
        var adminFields = await admin.EditFieldsAsync(id);

        adminFields["Form.Since"] = "2007-06";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/staff/providers/{id}", "edit", adminFields)).StatusCode);
        satoFields["Form.Notes"] = "佐藤のメモ";
        var refused = await sato.PostFormAsync($"/staff/providers/{id}", "edit", satoFields);
        var html = await refused.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("admin さんがこのプロバイダーを変更しました", html);
        Assert.Contains("2007-07", html);
        Assert.Contains("2007-06", html);
        var now = await factory.Services.GetRequiredService<ProviderStore>().GetAsync(id, Ct);
        Assert.Equal("2007-06", now!.Since);
        Assert.DoesNotContain("佐藤のメモ", now.Notes);
    }

    [Fact]
    public async Task Invalid_Input_Gets_400_With_Messages_And_Changes_Nothing()
    {
        await using var factory = await PortalWithStaffAsync();
        var staff = StaffClient.For(factory);
        await staff.LogInAsync("sato", Password);
        var id = await ProviderIdAsync(factory, "OCN");
        var fields = await staff.EditFieldsAsync(id);
        fields["Form.NameJa"] = "";
        fields["Form.Ports"] = "25";
        fields["Form.SourceUrl"] = "javascript:alert(1)";
        fields["Form.Op25b"] = "maybe";
        fields["Form.Notes"] = new string('x', ProviderForm.MaxNotes + 1);

        var response = await staff.PostFormAsync($"/staff/providers/{id}", "edit", fields);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var field in new[] { "NameJa", "Ports", "SourceUrl", "Op25b", "Notes" })
            Assert.Contains($"data-field=\"{field}\"", html);
        Assert.Contains("Please enter the Japanese name", html);
        Assert.Equal("OCN", (await factory.Services.GetRequiredService<ProviderStore>().GetAsync(id, Ct))!.NameJa);
    }

    [Fact]
    public async Task Deleting_Hides_A_Provider_And_Only_An_Admin_Can_Restore_It()
    {
        await using var factory = await PortalWithStaffAsync();
        var sato = StaffClient.For(factory);
        var admin = StaffClient.For(factory);
        await sato.LogInAsync("sato", Password);
        await admin.LogInAsync("admin", Password);
        var id = await ProviderIdAsync(factory, "ODN");
        var customer = factory.CreatePlainClient();

        Assert.Equal(HttpStatusCode.Redirect, (await sato.PostFormAsync($"/staff/providers/{id}", "delete", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/api/providers/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/providers/{id}", Ct)).StatusCode);

        // Editors get no restore button; a forged post for it reaches the role check, is refused and changes nothing.
        Assert.DoesNotContain("復元 / Restore", await sato.Http.GetStringAsync("/staff", Ct));
        var refused = await sato.PostFormAsync("/staff", $"restore-{id}", []);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("復元は管理者だけができます", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/api/providers/{id}", Ct)).StatusCode);

        var restored = await admin.PostFormAsync("/staff", $"restore-{id}", []);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync($"/api/providers/{id}", Ct)).StatusCode);
    }
}
