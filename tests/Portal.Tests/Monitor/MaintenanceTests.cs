using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Staff;
using Portal.Tests.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Monitor;

public sealed class MaintenanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Password = "correct horse battery";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-29T05:00:00Z");   // 14:00 JST

    private static async Task<(PortalFactory Factory, FakeTimeProvider Clock, StaffClient Staff)> PortalAsync()
    {
        var clock = new FakeTimeProvider(Now);
        var factory = new PortalFactory(services: s => s.AddSingleton<TimeProvider>(clock));
        await factory.Services.GetRequiredService<StaffStore>().AddAsync("sato", "editor", Password, Ct);
        var staff = StaffClient.For(factory);
        await staff.LogInAsync("sato", Password);
        return (factory, clock, staff);
    }

    private static Dictionary<string, string> Note(string ja, string en, string from, string until) =>
        new() { ["Form.Ja"] = ja, ["Form.En"] = en, ["Form.From"] = from, ["Form.Until"] = until };

    [Fact]
    public async Task A_Note_Shows_On_Status_And_In_The_Notice_Only_Between_Its_Times_And_Goes_When_Deleted()
    {
        var (factory, clock, staff) = await PortalAsync();
        await using var _ = factory;
        var client = factory.CreatePlainClient();
        Assert.DoesNotContain("service-notice", await client.GetStringAsync("/", Ct));   // cached before the note

        var added = await staff.PostFormAsync("/staff/maintenance", "add",
            Note("送信サーバーの更新のため、587番が数分止まります。", "Port 587 will stop for a few minutes for an update.", "2026-11-29T15:00", "2026-11-29T16:30"));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("お知らせを登録しました", await added.Content.ReadAsStringAsync(Ct));

        // Planned: on /status, not yet in the notice.
        var status = await client.GetStringAsync("/status", Ct);
        Assert.Contains("送信サーバーの更新のため", status);
        Assert.Contains("15:00〜16:30", status);
        Assert.DoesNotContain("送信サーバーの更新のため", await client.GetStringAsync("/", Ct));

        // In its time (15:10 JST): the notice on the home and tester pages, in each language, and in the API.
        clock.Advance(TimeSpan.FromMinutes(70));
        var home = await client.GetStringAsync("/", Ct);
        Assert.Contains("送信サーバーの更新のため、587番が数分止まります。（15:00〜16:30）", home);
        Assert.Contains("href=\"/status\"", home);
        Assert.Contains("Port 587 will stop for a few minutes for an update. (15:00–16:30, Japan time)", await client.GetStringAsync("/en/tester", Ct));
        var api = JsonDocument.Parse(await client.GetStringAsync("/api/status?lang=en", Ct)).RootElement;
        var notice = Assert.Single(api.GetProperty("notices").EnumerateArray());
        Assert.Equal("maintenance", notice.GetProperty("kind").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-11-29T06:00:00Z"), notice.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2026-11-29T07:30:00Z"), notice.GetProperty("until").GetDateTimeOffset());
        Assert.StartsWith("Port 587 will stop", notice.GetProperty("message").GetString());

        // After its end it is gone everywhere, without any round of checks.
        clock.Advance(TimeSpan.FromMinutes(90));
        Assert.DoesNotContain("送信サーバーの更新のため", await client.GetStringAsync("/", Ct));
        Assert.DoesNotContain("送信サーバーの更新のため", await client.GetStringAsync("/status", Ct));

        // Deleting takes a current note off at once.
        await staff.PostFormAsync("/staff/maintenance", "add", Note("点検中です。", "Under inspection.", "2026-11-29T16:00", "2026-11-29T18:00"));
        Assert.Contains("点検中です。", await client.GetStringAsync("/", Ct));
        var page = await staff.Http.GetStringAsync("/staff/maintenance", Ct);
        var id = System.Text.RegularExpressions.Regex.Match(page, "data-note-id=\"(\\d+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await staff.PostFormAsync("/staff/maintenance", $"delete-{id}", [])).StatusCode);
        Assert.DoesNotContain("点検中です。", await client.GetStringAsync("/", Ct));
    }

    [Theory]
    [InlineData("", "Only English.", "2026-11-29T15:00", "2026-11-29T16:00", "日本語と英語の両方")]
    [InlineData("日本語だけ", " ", "2026-11-29T15:00", "2026-11-29T16:00", "日本語と英語の両方")]
    [InlineData("逆", "Backwards", "2026-11-29T16:00", "2026-11-29T15:00", "終了は開始より後")]
    [InlineData("過去", "Past", "2026-11-29T10:00", "2026-11-29T11:00", "終了は開始より後")]
    [InlineData("日付なし", "No date", "tomorrow", "2026-11-29T16:00", "開始と終了の日時")]
    [InlineData("長すぎ", "Too long", "2026-11-29T15:00", "2027-01-15T15:00", "31日まで")]
    public async Task A_Bad_Note_Is_Refused_With_A_Clear_Message_And_Nothing_Is_Kept(string ja, string en, string from, string until, string message)
    {
        var (factory, _, staff) = await PortalAsync();
        await using var _f = factory;
        var response = await staff.PostFormAsync("/staff/maintenance", "add", Note(ja, en, from, until));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(await factory.Services.GetRequiredService<Portal.Monitor.MonitorStore>().MaintenanceAsync(Ct));
    }

    [Fact]
    public async Task Only_Signed_In_Staff_Reach_The_Maintenance_Page()
    {
        await using var factory = new PortalFactory();
        var response = await factory.CreatePlainClient().GetAsync("/staff/maintenance", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/staff/login", response.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }
}
