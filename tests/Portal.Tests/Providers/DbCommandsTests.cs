using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Portal.Data;
using Portal.Providers;
using Portal.Tests.Support;

namespace Portal.Tests.Providers;

public sealed class DbCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Backup_Taken_While_Another_Writer_Is_Busy_Has_Every_Committed_Row()
    {
        var db = TestDatabase.NewFile();
        var store = await TestDatabase.MigratedStoreAsync(seed: true, db);
        await using var writer = await db.OpenAsync(Ct);
        await using var open = writer.BeginTransaction();
        await writer.ExecuteAsync("""
            INSERT INTO providers (name_ja, op25b, created_at, updated_at, updated_by) VALUES ('未確定', 'unknown', 'now', 'now', 'test')
            """, transaction: open);
        var target = Path.Combine(Path.GetTempPath(), $"portal-backup-{Guid.NewGuid():N}.db");
        var output = new StringWriter();

        var code = await DbCommands.RunAsync(["db", "backup", target], db, output, TextWriter.Null);

        Assert.Equal(0, code);
        Assert.Contains("11 providers, integrity ok", output.ToString());
        var copy = new ProviderStore(new Db($"Data Source={target}"), TimeProvider.System, new RegistryVersion());
        Assert.Equal(11, (await copy.ListAsync(cancellationToken: Ct)).Count);
        Assert.Equal((await store.ListAsync(cancellationToken: Ct)).Select(p => p.NameJa), (await copy.ListAsync(cancellationToken: Ct)).Select(p => p.NameJa));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Check_Reports_Ok_For_A_Healthy_Database()
    {
        var db = TestDatabase.NewFile();
        await TestDatabase.MigratedStoreAsync(seed: true, db);
        var output = new StringWriter();

        Assert.Equal(0, await DbCommands.RunAsync(["db", "check"], db, output, TextWriter.Null));
        Assert.Equal("ok", output.ToString().Trim());
    }

    [Fact]
    public async Task A_Backup_Onto_The_Database_Itself_Is_Refused()
    {
        var db = TestDatabase.NewFile();
        await TestDatabase.MigratedStoreAsync(seed: false, db);
        var error = new StringWriter();

        Assert.Equal(2, await DbCommands.RunAsync(["db", "backup", db.FilePath!], db, TextWriter.Null, error));
        Assert.Contains("cannot overwrite", error.ToString());
    }

    [Fact]
    public async Task The_Portal_Binary_Runs_Db_Check_And_Exits()
    {
        var file = Path.Combine(Path.GetTempPath(), $"portal-cli-{Guid.NewGuid():N}.db");
        var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "Portal.dll")}\" db check")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestContent.RepoRoot,
        };
        info.Environment["ConnectionStrings__Portal"] = $"Data Source={file}";
        using var process = Process.Start(info)!;
        var stdout = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("ok", stdout);
        Assert.True(File.Exists(file), "the command creates and migrates a missing database");
    }
}
