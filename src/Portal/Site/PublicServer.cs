using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Site;

/// <summary>
/// The OpenAPI document's servers: Site:PublicUrl when set. Microsoft.AspNetCore.OpenApi fills servers from the
/// request's scheme, host and path base (the attack run saw a hostile Host come back as servers[0].url), so the
/// configured address replaces it. Without Site:PublicUrl (Development) the framework's default stands.
/// </summary>
public sealed class PublicServer(PublicLinks links) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (links.Configured) document.Servers = [new OpenApiServer { Url = links.Base }];
        return Task.CompletedTask;
    }
}
