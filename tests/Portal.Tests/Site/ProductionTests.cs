using System.Net;
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
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/missing", Ct)).StatusCode);
    }
}
