using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Site;

/// <summary>
/// What the generated OpenAPI document cannot know by itself, so that `redocly lint` (recommended rules) passes it:
/// <list type="bullet">
/// <item>servers: Site:PublicUrl when set. Microsoft.AspNetCore.OpenApi fills servers from the request's scheme, host
/// and path base (the attack run saw a hostile Host come back as servers[0].url); without it (Development) the
/// framework's entry stands, without its trailing slash (no-server-trailing-slash).</item>
/// <item>security: the staff cookie as an apiKey scheme on /api/staff/*, and an explicit empty requirement on every
/// public operation (security-defined; OpenAPI 3.1 §4.8.10.3: "[] ... removes a top-level security declaration").</item>
/// <item>400 bad-host on every operation that has no 400 of its own: HostCheck answers any /api request whose Host header
/// cannot name this site so (operation-4xx-response).</item>
/// <item>info.license and a description for each tag.</item>
/// </list>
/// The features' own shapes (the kept result's oneOf, the line test's body) are described where the endpoint is mapped.
/// </summary>
public sealed class ApiDocument(PublicLinks links) : IOpenApiDocumentTransformer
{
    public const string StaffCookieScheme = "staffCookie";

    /// <summary>The staff sign-in cookie's name; the staff feature names its cookie with it.</summary>
    public const string StaffCookieName = "portal-staff";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Tester"] = "Tests an SMTP server's ports from our server: TCP, greeting, EHLO, STARTTLS and AUTH, one row per port.",
        ["Results"] = "Kept test results (the tester's and the line test's) behind their permalinks; the staff search.",
        ["Line test"] = "The customer's own line announces itself to our SMTP listeners with one curl command.",
        ["Search"] = "Search over the questions, pages, setup guides and providers, as the search box suggests.",
        ["Status"] = "The state of our own relays, as /status shows it.",
        ["Providers"] = "The registry of Japanese providers and their OP25B, as JSON and as CSV.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (links.Configured) document.Servers = [new OpenApiServer { Url = links.Base.TrimEnd('/') }];
        else foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');

        document.Info.Title = "西院ネットワークス サポートポータル API / Saiin Networks support portal API";
        // An SPDX expression (OpenAPI 3.1 §4.8.4: identifier); LicenseRef- is SPDX's form for a licence of one's own.
        document.Info.License = new OpenApiLicense { Name = "Proprietary: 西院ネットワークス (Saiin Networks)", Identifier = "LicenseRef-SaiinNetworks-Proprietary" };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[StaffCookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = StaffCookieName,
            Description = "The staff sign-in cookie, set by signing in at /staff/login. Without it /api/staff/* answers 401.",
        };

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (_, operation) in item.Operations ?? [])
            {
                operation.Security = path.StartsWith("/api/staff/", StringComparison.Ordinal)
                    ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(StaffCookieScheme, document)] = [] }]
                    : [];
                operation.Responses ??= new OpenApiResponses();
                if (!operation.Responses.ContainsKey("400"))
                    operation.Responses["400"] = new OpenApiResponse
                    {
                        Description = "bad-host: the request's Host header cannot name this site (empty, a port above 65535, a path or spaces)",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
                        },
                    };
            }
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description)) tag.Description = description;
        return Task.CompletedTask;
    }
}
