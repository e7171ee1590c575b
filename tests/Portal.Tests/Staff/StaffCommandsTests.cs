using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Staff;

public sealed class StaffCommandsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<StaffStore> StoreAsync()
    {
        var db = TestDatabase.New();
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        return new StaffStore(db, TimeProvider.System);
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync(StaffStore store, string line, string? stdin = null, string? role = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await StaffCommands.RunAsync(line.Split(' '), role, store, new StringReader(stdin ?? ""), output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Passwd_Sets_A_New_Password_From_Standard_Input()
    {
        var store = await StoreAsync();
        await RunAsync(store, "staff add sato", "the first password", "editor");

        var (code, output, _) = await RunAsync(store, "staff passwd sato", "the second password\n");

        Assert.Equal(0, code);
        Assert.Contains("Password of 'sato' changed", output);
        Assert.Equal(SignInResult.Wrong, (await store.SignInAsync("sato", "the first password", Ct)).Result);
        Assert.Equal(SignInResult.Ok, (await store.SignInAsync("sato", "the second password", Ct)).Result);
    }

    [Fact]
    public async Task Passwd_Refuses_A_Short_Password_And_An_Unknown_Name()
    {
        var store = await StoreAsync();
        await RunAsync(store, "staff add sato", "the first password", "editor");

        var (shortCode, _, shortError) = await RunAsync(store, "staff passwd sato", "short");
        var (unknownCode, _, unknownError) = await RunAsync(store, "staff passwd nobody", "a long enough password");

        Assert.Equal(2, shortCode);
        Assert.Contains("at least 12 characters", shortError);
        Assert.Equal(1, unknownCode);
        Assert.Contains("no staff member 'nobody'", unknownError);
        Assert.Equal(SignInResult.Ok, (await store.SignInAsync("sato", "the first password", Ct)).Result);
    }

    [Fact]
    public async Task Disable_Enable_Unlock_And_List()
    {
        var store = await StoreAsync();
        await RunAsync(store, "staff add sato", "the first password", "editor");
        await RunAsync(store, "staff add yamada", "the first password", "admin");
        for (var i = 0; i < StaffStore.MaxFailures; i++) await store.SignInAsync("yamada", "wrong " + i, Ct);

        Assert.Equal(0, (await RunAsync(store, "staff disable sato")).Code);
        var list = (await RunAsync(store, "staff list")).Out;
        Assert.Contains("sato\teditor\tdisabled", list);
        Assert.Contains("yamada\tadmin\tlocked", list);
        Assert.Equal(SignInResult.Disabled, (await store.SignInAsync("sato", "the first password", Ct)).Result);

        Assert.Equal(0, (await RunAsync(store, "staff enable sato")).Code);
        Assert.Equal(0, (await RunAsync(store, "staff unlock yamada")).Code);
        list = (await RunAsync(store, "staff list")).Out;
        Assert.Contains("sato\teditor\tactive", list);
        Assert.Contains("yamada\tadmin\tactive", list);
        Assert.Equal(SignInResult.Ok, (await store.SignInAsync("yamada", "the first password", Ct)).Result);
    }

    [Fact]
    public async Task An_Unknown_Subcommand_Prints_Usage()
    {
        var (code, _, error) = await RunAsync(await StoreAsync(), "staff remove sato");
        Assert.Equal(2, code);
        Assert.Contains("staff passwd NAME", error);
    }
}
