using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Tests.Staff;

/// <summary>A browser-like client for the staff forms: keeps cookies, reads the antiforgery token, posts named forms.</summary>
public sealed class StaffClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static StaffClient For(WebApplicationFactory<Program> factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<HttpResponseMessage> PostFormAsync(string path, string handler, Dictionary<string, string> fields, bool withToken = true)
    {
        var page = await Http.GetStringAsync(path);
        var values = new Dictionary<string, string>(fields) { ["_handler"] = handler };
        if (withToken) values["__RequestVerificationToken"] = Portal.Tests.Support.FormPosts.Token(page);
        return await Http.PostAsync(path, new FormUrlEncodedContent(values));
    }

    public async Task<string> FormTokenAsync(string path) => Portal.Tests.Support.FormPosts.Token(await Http.GetStringAsync(path));

    public Task<HttpResponseMessage> PostWithTokenAsync(string path, string handler, string token, Dictionary<string, string> fields) =>
        Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["_handler"] = handler, ["__RequestVerificationToken"] = token }));

    public Task<HttpResponseMessage> LogInAsync(string name, string password) =>
        PostFormAsync("/staff/login", "login", new() { ["Form.Name"] = name, ["Form.Password"] = password });

    /// <summary>The edit form's current fields, as a browser would send them back.</summary>
    public async Task<Dictionary<string, string>> EditFieldsAsync(long id) =>
        Portal.Tests.Support.FormPosts.EditFields(await Http.GetStringAsync($"/staff/providers/{id}"));
}
