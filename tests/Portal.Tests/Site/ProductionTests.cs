using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

public sealed class ProductionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task In_Production_An_Unpublished_Build_Serves_Blazor_Script_Pages_And_Styles()
    {
        await using var factory = new PortalFactory(environment: "Production");
        var client = factory.CreatePlainClient();

        var script = await client.GetAsync("/_framework/blazor.web.js", Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/qa", Ct)).StatusCode);
        // The fingerprinted name the pages reference must have content too (an empty 200 leaves every interactive page dead).
        var name = System.Text.RegularExpressions.Regex.Match(await client.GetStringAsync("/tester", Ct), "_framework/blazor\\.web\\.[a-z0-9]+\\.js").Value;
        Assert.True((await (await client.GetAsync("/" + name, Ct)).Content.ReadAsByteArrayAsync(Ct)).Length > 10_000, name);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/missing", Ct)).StatusCode);
    }

    [Fact]
    public async Task In_Production_An_Unexpected_Error_Gets_The_Error_Page_With_The_Security_Headers()
    {
        // The Q&A's provider list replaced by a component that fails, as a bug in a page would.
        await using var factory = new PortalFactory(environment: "Production", services: s =>
        {
            s.RemoveAll<Portal.Content.ContentInsert>();
            s.AddSingleton(new Portal.Content.ContentInsert("providers", typeof(Boom)));
        });
        using var response = await factory.CreatePlainClient().GetAsync("/qa", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("エラーが発生しました", await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("a deliberate failure", await response.Content.ReadAsStringAsync(Ct));
    }

    private sealed class Boom : Microsoft.AspNetCore.Components.ComponentBase
    {
        [Microsoft.AspNetCore.Components.Parameter] public Portal.Site.Lang Lang { get; set; }
        protected override void OnInitialized() => throw new InvalidOperationException("a deliberate failure");
    }
}
