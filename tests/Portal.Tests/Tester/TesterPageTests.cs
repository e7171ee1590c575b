using System.Net;
using Portal.Tester;
using Portal.Tests.Support;

namespace Portal.Tests.Tester;

public sealed class TesterPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_Tester_Link_Is_Prerendered_With_The_Form_Filled_Before_Any_Circuit()
    {
        await using var factory = new PortalFactory();
        var response = await factory.CreatePlainClient().GetAsync("/en/tester?host=smtp.example.jp&ports=587", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("value=\"smtp.example.jp\"", html);
        Assert.Contains("data-ready=\"false\"", html);
        Assert.Matches("name=\"ports\" value=\"587\"[^>]*checked", html);
        Assert.DoesNotMatch("name=\"ports\" value=\"25\"[^>]*checked", html);
        Assert.Contains("_framework/blazor.web", html);   // the one page that starts a circuit
        Assert.DoesNotContain("port-row", html);          // nothing runs during prerendering
    }

    [Fact]
    public void The_Probe_Cap_Gives_A_Test_All_Its_Slots_Or_None()
    {
        var capacity = new ProbeCapacity(new TesterOptions { MaxConcurrentProbes = 4 });

        using var first = capacity.TryTake(3);
        Assert.NotNull(first);
        Assert.Null(capacity.TryTake(2));
        using (var second = capacity.TryTake(1)) Assert.NotNull(second);
        first!.Dispose();
        Assert.NotNull(capacity.TryTake(4));
    }

    [Fact]
    public void The_Rate_Limit_Counts_Each_Client_Separately()
    {
        using var limiter = new TesterRateLimiter(new TesterOptions { TestsPerMinutePerClient = 2 });

        Assert.Null(limiter.TryStart("203.0.113.1"));
        Assert.Null(limiter.TryStart("203.0.113.1"));
        Assert.NotNull(limiter.TryStart("203.0.113.1"));
        Assert.Null(limiter.TryStart("203.0.113.2"));
    }
}
