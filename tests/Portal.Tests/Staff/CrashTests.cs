using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Tests.Support;

namespace Portal.Tests.Staff;

/// <summary>The real portal process: an account made with the CLI, a save, a kill with no graceful stop, a restart.</summary>
public sealed partial class CrashTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string PortalDll => Path.Combine(AppContext.BaseDirectory, "Portal.dll");

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    [Fact]
    public async Task A_Save_That_Was_Acknowledged_Survives_A_Killed_Process()
    {
        var dbFile = Path.Combine(Path.GetTempPath(), $"portal-crash-{Guid.NewGuid():N}.db");

        // The first account comes from the portal's own command; the password arrives on standard input.
        var add = Start($"staff add crash-tester --role editor", dbFile, stdin: true);
        await add.StandardInput.WriteLineAsync("a long enough password");
        add.StandardInput.Close();
        await add.WaitForExitAsync(Ct);
        Assert.True(add.ExitCode == 0, await add.StandardError.ReadToEndAsync(Ct));
        Assert.Contains("Added editor 'crash-tester'", await add.StandardOutput.ReadToEndAsync(Ct));

        var (portal, address) = await ServeAsync(dbFile);
        long id;
        try
        {
            using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
            var staff = new StaffClient(new HttpClient(handler) { BaseAddress = new Uri(address) });
            Assert.Equal(HttpStatusCode.Redirect, (await staff.LogInAsync("crash-tester", "a long enough password")).StatusCode);
            var providers = JsonDocument.Parse(await staff.Http.GetStringAsync("/api/providers?q=SANNET", Ct)).RootElement;
            id = providers[0].GetProperty("id").GetInt64();
            var fields = await staff.EditFieldsAsync(id);
            fields["Form.Notes"] = "保存直後に強制終了";

            var saved = await staff.PostFormAsync($"/staff/providers/{id}", "edit", fields);

            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);   // acknowledged
        }
        finally
        {
            portal.Kill(entireProcessTree: true);                       // SIGKILL: no graceful stop
            await portal.WaitForExitAsync(CancellationToken.None);
        }

        var (again, address2) = await ServeAsync(dbFile);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(address2) };
            var p = JsonDocument.Parse(await client.GetStringAsync($"/api/providers/{id}", Ct)).RootElement;
            Assert.Equal("保存直後に強制終了", p.GetProperty("notes").GetString());
        }
        finally
        {
            again.Kill(entireProcessTree: true);
            await again.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_Staff_Command_Refuses_A_Short_Password_And_A_Password_On_The_Command_Line_Is_Not_An_Option()
    {
        var dbFile = Path.Combine(Path.GetTempPath(), $"portal-cli-{Guid.NewGuid():N}.db");
        var add = Start("staff add someone --role admin", dbFile, stdin: true);
        await add.StandardInput.WriteLineAsync("short");
        add.StandardInput.Close();
        await add.WaitForExitAsync(Ct);

        Assert.Equal(2, add.ExitCode);
        Assert.Contains("at least 12 characters", await add.StandardError.ReadToEndAsync(Ct));
    }

    [Fact]
    public async Task Key_Value_Arguments_Configure_The_Server_And_Json_Logs_Come_Out_As_Json()
    {
        var dbFile = Path.Combine(Path.GetTempPath(), $"portal-json-{Guid.NewGuid():N}.db");
        var process = Start("--urls http://127.0.0.1:0 Logging:Console:FormatterName=json Tester:DefaultHost=relay.from-args.example", dbFile);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            string? address = null;
            var lines = new List<string>();
            while (address is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (Listening().Match(line) is { Success: true } m) address = m.Groups[1].Value;
            }
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            Assert.NotNull(address);
            // Every line is one JSON object with the category, level and message.
            Assert.All(lines, l => Assert.True(JsonDocument.Parse(l).RootElement.TryGetProperty("Category", out _), l));
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            Assert.Contains("relay.from-args.example", await client.GetStringAsync("/tester", Ct));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static Process Start(string arguments, string dbFile, bool stdin = false)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{PortalDll}\" {arguments}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin,
            WorkingDirectory = TestContent.RepoRoot,
        };
        info.Environment["ConnectionStrings__Portal"] = $"Data Source={dbFile}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Site__PublicUrl"] = "https://support.saiin.example.jp";
        info.Environment["LineTest__Listeners"] = "";   // off: several of these processes may run at once
        return Process.Start(info)!;
    }

    private static async Task<(Process Process, string Address)> ServeAsync(string dbFile)
    {
        var process = Start("--urls http://127.0.0.1:0", dbFile);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } m)
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);   // keep the pipe drained
                return (process, m.Groups[1].Value);
            }
        }
        throw new InvalidOperationException("the portal did not start: " + await process.StandardError.ReadToEndAsync(Ct));
    }
}
