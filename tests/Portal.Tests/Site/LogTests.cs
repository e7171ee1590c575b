using Microsoft.Extensions.DependencyInjection;
using Portal.Providers;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

public sealed class LogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task First_Start_Logs_Seeding_Once_And_No_Eviction_Per_Seeded_Provider()
    {
        await using var factory = new PortalFactory();
        await factory.CreatePlainClient().GetAsync("/healthz", Ct);

        var messages = factory.Logs.Entries.Select(e => e.Message).ToList();
        Assert.Single(messages, m => m.StartsWith("Filled the provider registry from the seed", StringComparison.Ordinal));
        Assert.True(messages.Count(m => m.Contains("cached pages evicted")) <= 1, string.Join("\n", messages));
    }

    [Fact]
    public async Task A_Registry_Change_Logs_One_Line_Saying_The_Registry_Changed()
    {
        await using var factory = new PortalFactory();
        await factory.CreatePlainClient().GetAsync("/healthz", Ct);
        var before = factory.Logs.Entries.Count(e => e.Message.Contains("cached pages evicted"));

        await factory.Services.GetRequiredService<ProviderStore>().InsertAsync(new Provider { NameJa = "テスト回線", Op25b = "unknown" }, "test", Ct);
        await Task.Delay(200, Ct);   // eviction runs after the write returns

        var lines = factory.Logs.Entries.Where(e => e.Message.Contains("cached pages evicted")).Skip(before).Select(e => e.Message).ToList();
        var line = Assert.Single(lines);
        Assert.StartsWith("Provider registry changed", line);
    }
}
