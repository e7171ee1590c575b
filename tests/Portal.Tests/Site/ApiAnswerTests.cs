using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tester;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>
/// One way to answer an API: every endpoint under /api (and the mail-program endpoints), listed from the endpoint data
/// source rather than by hand, answers every error it gives to bad input as application/problem+json with a type.
/// </summary>
public sealed class ApiAnswerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    /// <summary>Bad or missing values for every query key any endpoint reads.</summary>
    private static readonly string[] BadQueries =
    [
        "", "?lang=xx", "?host=&ports=abc&ticket=%3C%3E", "?host=10.0.0.1&ports=587", "?status=bogus&q=", "?q=" + new string('x', 300),
        "?emailaddress=not-an-address", "?emailaddress=taro%40elsewhere.example", "?email=", "?id=%00&from=yesterday&to=x&days=-1",
    ];

    private static readonly string[] RouteValues = ["0", "ZZZZZZZZZZ", "999999", "%20x"];

    [Fact]
    public async Task Every_Error_Of_Every_Api_Endpoint_Is_Problem_Json_With_A_Type()
    {
        await using var factory = new PortalFactory(settings: new Dictionary<string, string?> { ["Tester:TestsPerMinutePerClient"] = "3" },
            services: s => s.AddSingleton<IHostResolver>(new Portal.Tests.Tester.FakeResolver()));
        using var client = factory.CreatePlainClient();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api") || raw.Contains("config-v1.1.xml") || raw.Contains("autodiscover") || raw.Contains("mobileconfig")))
            .ToList();
        Assert.True(endpoints.Count >= 14, $"only {endpoints.Count} API endpoints found");

        var errors = 0;
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m is "GET" or "POST"))
                foreach (var value in RouteValues)
                    foreach (var query in BadQueries)
                    {
                        var path = string.Join("/", endpoint.RoutePattern.RawText!.Split('/').Select(part => part.StartsWith('{') ? value : part));
                        using var request = new HttpRequestMessage(new HttpMethod(method), path + query);
                        if (method == "POST") request.Content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");
                        using var response = await client.SendAsync(request, Ct);
                        if ((int)response.StatusCode < 400) continue;
                        errors++;
                        var body = await response.Content.ReadAsStringAsync(Ct);
                        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                            failures.Add($"{method} {path}{query}: {(int)response.StatusCode} as {response.Content.Headers.ContentType?.MediaType ?? "no body"}");
                        else if (!JsonDocument.Parse(body).RootElement.TryGetProperty("type", out var type) || type.GetString() is not { Length: > 0 })
                            failures.Add($"{method} {path}{query}: {(int)response.StatusCode} without a type");
                    }
        }
        Assert.True(errors > 100, $"only {errors} errors were provoked");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_Rate_Limited_Answer_Carries_Retry_After_In_Whole_Seconds()
    {
        await using var factory = new PortalFactory(settings: new Dictionary<string, string?> { ["Tester:TestsPerMinutePerClient"] = "1" },
            services: s => s.AddSingleton<IHostResolver>(new Portal.Tests.Tester.FakeResolver()));
        using var client = factory.CreatePlainClient();
        (await client.GetAsync("/api/tester?host=unknown.example.jp&ports=587", Ct)).Dispose();

        using var limited = await client.GetAsync("/api/tester?host=unknown.example.jp&ports=587", Ct);

        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(ApiProblemType("rate-limited"), JsonDocument.Parse(await limited.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("type").GetString());
    }

    private static string ApiProblemType(string code) => Portal.Site.ApiProblem.TypeBase + code;
}
