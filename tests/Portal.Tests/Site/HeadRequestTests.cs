using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.SavedResults;
using Portal.Search;
using Portal.Site;
using Portal.Tester;
using Portal.Tests.LineTest;
using Portal.Tests.Tester;

namespace Portal.Tests.Site;

/// <summary>HEAD answers what GET would, and does nothing else: no probe, no kept result, no search miss (RFC 9110 §9.3.2).</summary>
public sealed class HeadRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Head_Never_Probes_Keeps_A_Result_Or_Counts_A_Search_Miss_While_Get_Does()
    {
        // A loopback peer that counts who connects: the tester's probe would be one.
        await using var peer = LoopbackPeer.Greets("220 peer.test ESMTP");
        var port = peer.Port;
        await using var factory = LinePortal.Create(LinePortal.Standard, new() { ["Tester:AllowedPrivateNetworks:0"] = "127.0.0.0/8", ["Tester:GreetingTimeout"] = "00:00:03", ["Tester:TestTimeout"] = "00:00:06" },
            services: s => s.PostConfigure<TesterOptions>(o => o.AllowedPorts = [25, 465, 587, port]));
        _ = factory.Listeners();
        var client = factory.CreatePlainClient();
        var results = factory.Services.GetRequiredService<ResultStore>();
        var misses = factory.Services.GetRequiredService<SearchMisses>();
        Task<HttpResponseMessage> Head(string url) => client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), Ct);
        async Task<int> Kept() => (await results.SearchAsync(new ResultQuery(null, null, null, null, null), Ct)).Count;

        using var tester = await Head($"/api/tester?host=127.0.0.1&ports={port}");
        using var testerPage = await Head($"/tester?host=127.0.0.1&ports={port}");
        using var refused = await Head("/api/tester?host=bad..host&ports=587");
        using var search = await Head("/search?q=zzqqxxnothing");
        var lineTests = factory.Services.GetRequiredService<Portal.LineTest.LineTests>();
        var (test, _) = await lineTests.StartAsync("head", null, Ct);
        await lineTests.DoneAsync(test!.Code, Ct);
        using var line = await Head($"/api/line-tests/{test.Code}");
        await Task.Delay(300, Ct);

        Assert.Equal((HttpStatusCode.OK, "application/json"), (tester.StatusCode, tester.Content.Headers.ContentType!.MediaType));
        Assert.Equal(HttpStatusCode.OK, testerPage.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (refused.StatusCode, refused.Content.Headers.ContentType!.MediaType));
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.OK, line.StatusCode);
        Assert.Equal(0, peer.Accepted);
        Assert.Equal(0, await Kept());
        Assert.Empty(await misses.TopAsync(1, Ct));
        Assert.Null((await lineTests.ReportAsync(test.Code, waitForNames: false, Ct, keep: false))!.Test.ResultId);

        // The same requests as GET do all of it, so the counts above could have grown.
        (await client.GetAsync($"/api/tester?host=127.0.0.1&ports={port}", Ct)).EnsureSuccessStatusCode();
        (await client.GetAsync("/search?q=zzqqxxnothing", Ct)).EnsureSuccessStatusCode();
        (await client.GetAsync($"/api/line-tests/{test.Code}", Ct)).EnsureSuccessStatusCode();
        Assert.True(peer.Accepted >= 1);
        Assert.Equal(2, await Kept());
        Assert.Equal(1, Assert.Single(await misses.TopAsync(1, Ct)).Count);
        // And a HEAD after them changes nothing either.
        using var again = await Head("/search?q=zzqqxxnothing");
        Assert.Equal(1, Assert.Single(await misses.TopAsync(1, Ct)).Count);
    }
}
