using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Portal.Site;
using Portal.Staff;
using Portal.Tests.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>What the output cache stores: one entry per reading page and the query keys it uses, nothing for staff or cookies.</summary>
public sealed class OutputCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (PortalFactory Factory, CountingCacheStore Store) Portal()
    {
        var store = new CountingCacheStore();
        var factory = new PortalFactory(services: s =>
        {
            s.AddSingleton<IOutputCacheStore>(store);
            // A way for a test to make a response set a cookie.
            s.AddSingleton<IStartupFilter>(new CookieSetter());
        });
        return (factory, store);
    }

    [Theory]
    [InlineData("/en/explanation", "?x=1&ref=attacker-trace", "")]
    [InlineData("/qa", "?ref=attacker-trace", "")]
    [InlineData("/search", "?q=587&ref=attacker-trace", "?q=587")]
    [InlineData("/status", "?ref=attacker-trace", "")]
    public async Task A_Junk_Query_On_The_First_Request_Leaves_No_Trace_In_The_Page_Served_To_The_Next(string path, string junk, string clean)
    {
        var (factory, _) = Portal();
        await using var _f = factory;
        var client = factory.CreatePlainClient();

        using var first = await client.GetAsync(path + junk, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.DoesNotContain("attacker-trace", await first.Content.ReadAsStringAsync(Ct));
        using var next = await client.GetAsync(path + clean, Ct);
        var html = await next.Content.ReadAsStringAsync(Ct);

        Assert.True(next.Headers.Age.HasValue, "served from the entry the first request made");
        Assert.DoesNotContain("attacker-trace", html);
        // The page's own key is kept in the other language's link.
        if (clean.Length > 0) Assert.Contains($"class=\"lang-switch\" href=\"{LangExtensions.SwitchPath(path)}{clean}\"", html);
    }

    [Fact]
    public async Task A_Thousand_Random_Query_Strings_Do_Not_Grow_The_Cache()
    {
        var (factory, store) = Portal();
        await using var _ = factory;
        var client = factory.CreatePlainClient();
        await client.GetAsync("/qa", Ct);
        await client.GetAsync("/search?q=587", Ct);
        var entries = store.Count;

        for (var i = 0; i < 1000; i++)
        {
            var junk = Guid.NewGuid().ToString("N");
            using var qa = await client.GetAsync($"/qa?{junk[..8]}={junk}", Ct);
            Assert.Equal(HttpStatusCode.OK, qa.StatusCode);
            if (i % 10 == 0) Assert.True(qa.Headers.Age.HasValue, "served from the entry without the query string");
            if (i % 100 == 0)
            {
                using var search = await client.GetAsync($"/search?q=587&utm_source={junk}", Ct);
                Assert.True(search.Headers.Age.HasValue);
            }
        }

        Assert.Equal(2, entries);
        Assert.Equal(entries, store.Count);
    }

    [Fact]
    public async Task The_Search_Page_Varies_By_Its_Query()
    {
        var (factory, store) = Portal();
        await using var _ = factory;
        var client = factory.CreatePlainClient();

        var a = await client.GetStringAsync("/search?q=587", Ct);
        var b = await client.GetStringAsync("/search?q=465", Ct);

        Assert.NotEqual(a, b);
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public async Task A_Signed_In_Staff_Members_Pages_Are_Never_Stored_Or_Served_From_The_Cache()
    {
        var (factory, store) = Portal();
        await using var _ = factory;
        await factory.Services.GetRequiredService<StaffStore>().AddAsync("sato", "editor", "correct horse battery", Ct);
        var staff = StaffClient.For(factory);
        await staff.LogInAsync("sato", "correct horse battery");
        await factory.CreatePlainClient().GetAsync("/en/qa", Ct);   // an anonymous visitor fills the cache
        var writes = store.Writes;

        using var first = await staff.Http.GetAsync("/explanation", Ct);
        using var second = await staff.Http.GetAsync("/en/qa", Ct);

        Assert.Equal(writes, store.Writes);
        Assert.False(second.Headers.Age.HasValue);
    }

    [Fact]
    public async Task A_Response_That_Sets_A_Cookie_Is_Not_Stored()
    {
        var (factory, store) = Portal();
        await using var _ = factory;
        var client = factory.CreatePlainClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/explanation");
        request.Headers.Add("X-Test-Set-Cookie", "1");

        using var response = await client.SendAsync(request, Ct);

        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("test=", StringComparison.Ordinal));
        Assert.Equal(0, store.Writes);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/qa")]
    [InlineData("/en/explanation")]
    [InlineData("/search?q=587")]
    public async Task Reading_Pages_Set_No_Cookie_Whether_Rendered_Or_Cached(string path)
    {
        var (factory, store) = Portal();
        await using var _ = factory;
        var client = factory.CreatePlainClient();

        using var rendered = await client.GetAsync(path, Ct);
        using var cached = await client.GetAsync(path, Ct);

        Assert.False(rendered.Headers.Age.HasValue);
        Assert.True(cached.Headers.Age.HasValue);
        Assert.False(rendered.Headers.Contains("Set-Cookie"));
        Assert.False(cached.Headers.Contains("Set-Cookie"));
        Assert.Equal(1, store.Count);
    }

    private sealed class CookieSetter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.ContainsKey("X-Test-Set-Cookie")) context.Response.Cookies.Append("test", "1");
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
