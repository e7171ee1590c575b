using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

public sealed class OpenApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task The_Document_Describes_Every_Public_Api_Endpoint_With_Parameters_And_Problems(string environment)
    {
        await using var factory = new PortalFactory(environment: environment);
        using var json = JsonDocument.Parse(await factory.CreatePlainClient().GetStringAsync("/openapi/v1.json", Ct));
        var paths = json.RootElement.GetProperty("paths");

        var expected = new Dictionary<string, (string[] Parameters, string[] Responses)>
        {
            ["/api/tester"] = (["host", "ports", "lang", "ticket"], ["200", "400", "429", "503"]),
            ["/api/results/{id}"] = (["id", "lang"], ["200", "400", "404"]),
            ["/api/staff/results"] = (["ticket", "id", "host", "from", "to"], ["200", "400", "401"]),
            ["/api/providers"] = (["q", "status"], ["200", "400"]),
            ["/api/providers/{id}"] = (["id"], ["200", "400", "404"]),
            ["/api/providers.csv"] = ([], ["200", "400"]),
            ["/api/line-tests"] = (["lang"], ["201", "400", "429", "503"]),
            ["/api/line-tests/{code}"] = (["code", "lang"], ["200", "400", "404"]),
            ["/api/search"] = (["q", "lang"], ["200", "400"]),
            ["/api/status"] = (["lang"], ["200", "400"]),
        };
        Assert.Equal(expected.Keys.Order(), paths.EnumerateObject().Select(p => p.Name).Where(p => p.StartsWith("/api/", StringComparison.Ordinal)).Order());
        foreach (var (path, (parameters, responses)) in expected)
        {
            var get = paths.GetProperty(path).TryGetProperty("get", out var g) ? g : paths.GetProperty(path).GetProperty("post");
            var names = get.TryGetProperty("parameters", out var p) ? p.EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToArray() : [];
            Assert.Equal(parameters, names);
            Assert.Equal(responses, get.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order().ToArray());
            // Every error is problem+json, the staff cookie's 401 included; staff operations need the cookie, the rest say so.
            foreach (var problem in get.GetProperty("responses").EnumerateObject().Where(r => r.Name is not ("200" or "201")))
                Assert.True(problem.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{path} {problem.Name}");
        }
        var tester = paths.GetProperty("/api/tester").GetProperty("get");
        foreach (var code in new[] { "host-invalid", "port-not-allowed", "private-target", "rate-limited", "busy" })
            Assert.Contains(code, tester.GetProperty("description").GetString());
        var start = paths.GetProperty("/api/line-tests").GetProperty("post");
        foreach (var code in new[] { "ticket-invalid", "rate-limited", "line-test-off" })
            Assert.Contains(code, start.GetProperty("description").GetString());
        Assert.True(paths.GetProperty("/api/providers.csv").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _));
        foreach (var (path, _) in expected)
        {
            var operation = paths.GetProperty(path).EnumerateObject().First().Value;
            var security = operation.GetProperty("security").EnumerateArray().Select(r => string.Join(",", r.EnumerateObject().Select(o => o.Name))).ToArray();
            Assert.Equal(path.StartsWith("/api/staff/", StringComparison.Ordinal) ? ["staffCookie"] : [], security);
        }
        Assert.Equal(("apiKey", "cookie", "portal-staff"), json.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("staffCookie") is var scheme
            ? (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()) : default);
        // A kept result is one of two shapes, told apart by kind.
        var kept = paths.GetProperty("/api/results/{id}").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(["#/components/schemas/KeptTesterResult", "#/components/schemas/KeptLineResult"], kept.GetProperty("oneOf").EnumerateArray().Select(r => r.GetProperty("$ref").GetString()));
        Assert.Equal("kind", kept.GetProperty("discriminator").GetProperty("propertyName").GetString());
        Assert.True(start.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("properties").TryGetProperty("ticket", out _));
        Assert.All(json.RootElement.GetProperty("tags").EnumerateArray(), t => Assert.False(string.IsNullOrEmpty(t.GetProperty("description").GetString())));
        Assert.False(json.RootElement.GetProperty("servers")[0].GetProperty("url").GetString()!.EndsWith('/'));
        // Of the staff endpoints only the results search is described (issue 11); the rest stay internal.
        Assert.Equal(["/api/staff/results"], paths.EnumerateObject().Select(p => p.Name).Where(p => p.StartsWith("/api/staff", StringComparison.Ordinal)));
    }
}
