using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.LineTest;
using Portal.Tests.Staff;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>
/// Every answer of the API, success and problem alike, against the schema the OpenAPI document gives for its path,
/// method, status and media type, with JsonSchema.Net (JSON Schema 2020-12, the dialect of OpenAPI 3.1's schemas).
/// An answer whose status or media type the document does not list fails too.
/// </summary>
public sealed class OpenApiConformanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Password = "a long enough password";

    [Fact]
    public async Task Every_Answer_The_Api_Gives_Matches_The_Documented_Schema()
    {
        await using var factory = LinePortal.Create(LinePortal.Standard, new() { ["Tester:AllowedPrivateNetworks:0"] = "127.0.0.0/8" });
        _ = factory.Listeners();
        await factory.Services.GetRequiredService<Portal.Staff.StaffStore>().AddAsync("sato", "editor", Password, Ct);
        var client = factory.CreatePlainClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", Ct))!.AsObject();
        var checks = new List<string>();
        var problems = new List<string>();
        var used = new HashSet<string>();

        async Task<JsonElement?> Check(string template, HttpMethod method, string url, HttpContent? body = null, HttpClient? with = null, string? host = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = body };
            if (host is not null) Assert.True(request.Headers.TryAddWithoutValidation("Host", host));
            using var response = await (with ?? client).SendAsync(request, Ct);
            var status = ((int)response.StatusCode).ToString();
            var type = response.Content.Headers.ContentType?.MediaType;
            var text = await response.Content.ReadAsStringAsync(Ct);
            checks.Add($"{method} {url} → {status} {type}");
            used.Add(template);
            JsonElement? answer = type is not null && type.EndsWith("json", StringComparison.Ordinal) ? JsonDocument.Parse(text).RootElement.Clone() : null;
            var operation = document["paths"]?[template]?[method.Method.ToLowerInvariant()];
            var documented = operation?["responses"]?[status];
            if (documented is null) { problems.Add($"{method} {url}: {status} is not documented for {template}"); return answer; }
            if (text.Length == 0 && documented["content"] is null) return null;
            var schema = type is null ? null : documented["content"]?[type]?["schema"];
            if (schema is null) { problems.Add($"{method} {url}: {status} {type} is not documented"); return answer; }
            if (answer is null) return null;   // text/csv: its columns are checked in ProvidersWebTests
            var result = SchemaFor(document, schema).Evaluate(answer.Value, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!result.IsValid)
                problems.Add($"{method} {url} → {status}: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                    .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))));
            return answer;
        }

        var tester = await Check("/api/tester", HttpMethod.Get, "/api/tester?host=127.0.0.1&ports=587");
        await Check("/api/tester", HttpMethod.Get, "/api/tester?host=bad..host&ports=587");
        await Check("/api/tester", HttpMethod.Get, "/api/tester?host=127.0.0.1&ports=8080");
        var started = await Check("/api/line-tests", HttpMethod.Post, "/api/line-tests");
        await Check("/api/line-tests", HttpMethod.Post, "/api/line-tests?lang=en", new StringContent("""{"ticket":"T-42"}""", Encoding.UTF8, "application/json"));
        await Check("/api/line-tests", HttpMethod.Post, "/api/line-tests", new StringContent("not json", Encoding.UTF8, "application/json"));
        await Check("/api/line-tests", HttpMethod.Post, "/api/line-tests", new StringContent("""{"ticket":"<b>"}""", Encoding.UTF8, "application/json"));
        Assert.True(started is not null && tester is not null, string.Join("\n", problems.Concat(checks)));
        var code = started.Value.GetProperty("code").GetString()!;
        await Check("/api/line-tests/{code}", HttpMethod.Get, $"/api/line-tests/{code}");
        await Check("/api/line-tests/{code}", HttpMethod.Get, "/api/line-tests/0000000000?lang=en");
        var lineTests = factory.Services.GetRequiredService<Portal.LineTest.LineTests>();
        await lineTests.DoneAsync(code, Ct);
        await Check("/api/line-tests/{code}", HttpMethod.Get, $"/api/line-tests/{code}");
        var kept = await lineTests.ReportAsync(code, waitForNames: true, Ct);
        Assert.True(kept?.Test.ResultId is not null, string.Join("\n", problems.Concat(checks)));
        var line = kept.Test.ResultId;
        var testerId = tester.Value.GetProperty("id").GetString()!;
        foreach (var id in new[] { testerId, line })
        {
            await Check("/api/results/{id}", HttpMethod.Get, $"/api/results/{id}");
            await Check("/api/results/{id}", HttpMethod.Get, $"/api/results/{id}?lang=en");
        }
        await Check("/api/results/{id}", HttpMethod.Get, "/api/results/0000000000");
        await Check("/api/staff/results", HttpMethod.Get, "/api/staff/results");
        var staff = StaffClient.For(factory);
        await staff.LogInAsync("sato", Password);
        await Check("/api/staff/results", HttpMethod.Get, "/api/staff/results?ticket=T-42", with: staff.Http);
        await Check("/api/staff/results", HttpMethod.Get, $"/api/staff/results?id={testerId}", with: staff.Http);
        await Check("/api/search", HttpMethod.Get, "/api/search?q=587&lang=ja");
        await Check("/api/search", HttpMethod.Get, "/api/search?q=" + new string('あ', 300));
        await Check("/api/status", HttpMethod.Get, "/api/status");
        await Check("/api/status", HttpMethod.Get, "/api/status", host: "support.saiin.example.jp:0");
        await Check("/api/providers", HttpMethod.Get, "/api/providers?q=ocn");
        await Check("/api/providers", HttpMethod.Get, "/api/providers?status=nonsense");
        await Check("/api/providers/{id}", HttpMethod.Get, "/api/providers/1");
        await Check("/api/providers/{id}", HttpMethod.Get, "/api/providers/99999");
        await Check("/api/providers.csv", HttpMethod.Get, "/api/providers.csv");

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", checks));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // Each documented operation was called at least once, so a new one cannot go unchecked.
        var templates = document["paths"]!.AsObject().Select(p => p.Key).Where(p => p.StartsWith("/api/", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(templates, used.Order());
        Assert.Contains(checks, c => c.Contains("/api/status → 400 application/problem+json"));
        Assert.Contains(checks, c => c.StartsWith($"GET /api/results/{line} → 200", StringComparison.Ordinal));
    }

    /// <summary>A schema of the document as a standalone JSON Schema: the components' schemas become $defs.</summary>
    private static JsonSchema SchemaFor(JsonObject document, JsonNode schema)
    {
        var standalone = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://portal.test/openapi/{Guid.NewGuid():N}",
            ["$defs"] = document["components"]!["schemas"]!.DeepClone(),
        };
        foreach (var (key, value) in schema.AsObject()) standalone[key] = value?.DeepClone();
        var text = standalone.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }
}
