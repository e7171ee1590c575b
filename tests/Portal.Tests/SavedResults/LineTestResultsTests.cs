using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.SavedResults;
using Portal.Staff;
using Portal.Tests.LineTest;
using Portal.Tests.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.SavedResults;

/// <summary>A finished line test is kept once, with its ticket: the page and the API give its ID, /r/{id} shows it.</summary>
public sealed class LineTestResultsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Finished_Line_Test_Is_Kept_Once_With_Its_Verdict_And_Only_Staff_See_The_Address()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var factory = LinePortal.Create(LinePortal.Standard, services: s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            LineTestApiTests.Plala(s);
        });
        var code = await factory.NewCodeAsync(ticket: "LT-5");
        await using (var c = await SmtpClientConnection.OpenAsync(factory.Listener(587).Port, implicitTls: false))
        {
            await c.ReadReplyAsync();
            await c.CommandAsync("EHLO " + code);
        }
        var client = factory.CreatePlainClient();
        var running = JsonDocument.Parse(await client.GetStringAsync($"/api/line-tests/{code}", Ct)).RootElement;
        Assert.False(running.TryGetProperty("id", out var none) && none.ValueKind == JsonValueKind.String);

        clock.Advance(TimeSpan.FromMinutes(2));
        var done = JsonDocument.Parse(await client.GetStringAsync($"/api/line-tests/{code}?lang=en", Ct)).RootElement;
        var id = done.GetProperty("id").GetString()!;
        Assert.Equal($"http://localhost/en/r/{id}", done.GetProperty("permalink").GetString());
        // Asked again, the same result: kept once.
        Assert.Equal(id, JsonDocument.Parse(await client.GetStringAsync($"/api/line-tests/{code}", Ct)).RootElement.GetProperty("id").GetString());
        Assert.Single(await factory.Services.GetRequiredService<ResultStore>().SearchAsync(new ResultQuery(Ticket: "LT-5"), Ct));

        var api = JsonDocument.Parse(await client.GetStringAsync($"/api/results/{id}", Ct)).RootElement;
        Assert.Equal("line-test", api.GetProperty("kind").GetString());
        Assert.Equal("LT-5", api.GetProperty("ticket").GetString());
        Assert.Equal("ぷらら", api.GetProperty("provider").GetString());
        Assert.Equal("port25-blocked", api.GetProperty("outcome").GetString());
        Assert.Contains("25番ポートへの接続を遮断しています", api.GetProperty("verdict").GetString());
        Assert.Contains(api.GetProperty("ports").EnumerateArray(), p => p.GetProperty("publicPort").GetInt32() == 587 && p.GetProperty("state").GetString() == "arrived");
        Assert.DoesNotContain("127.0.0.1", api.GetRawText());

        var page = await client.GetStringAsync($"/r/{id}", Ct);
        Assert.Contains("回線テスト", page);
        Assert.Contains("届きました", page);
        Assert.Contains("届きませんでした", page);
        Assert.Contains("/line-test?ticket=LT-5", page);
        Assert.DoesNotContain("127.0.0.1", page);

        await factory.Services.GetRequiredService<StaffStore>().AddAsync("sato", "editor", "correct horse battery", Ct);
        var staff = StaffClient.For(factory);
        await staff.LogInAsync("sato", "correct horse battery");
        var view = await staff.Http.GetStringAsync($"/staff/results/{id}", Ct);
        Assert.Contains("127.0.0.1", view);
        Assert.Contains("EHLO " + code, view);
        Assert.Contains("did not arrive", view);
    }
}
