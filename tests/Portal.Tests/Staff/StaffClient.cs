using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Tests.Staff;

/// <summary>A browser-like client for the staff forms: keeps cookies, reads the antiforgery token, posts named forms.</summary>
public sealed partial class StaffClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public static StaffClient For(WebApplicationFactory<Program> factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public async Task<HttpResponseMessage> PostFormAsync(string path, string handler, Dictionary<string, string> fields, bool withToken = true)
    {
        var page = await Http.GetStringAsync(path);
        var values = new Dictionary<string, string>(fields) { ["_handler"] = handler };
        if (withToken) values["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return await Http.PostAsync(path, new FormUrlEncodedContent(values));
    }

    public async Task<string> FormTokenAsync(string path) => Token().Match(await Http.GetStringAsync(path)).Groups[1].Value;

    public Task<HttpResponseMessage> PostWithTokenAsync(string path, string handler, string token, Dictionary<string, string> fields) =>
        Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["_handler"] = handler, ["__RequestVerificationToken"] = token }));

    public Task<HttpResponseMessage> LogInAsync(string name, string password) =>
        PostFormAsync("/staff/login", "login", new() { ["Form.Name"] = name, ["Form.Password"] = password });

    /// <summary>The edit form's current fields, as a browser would send them back.</summary>
    public async Task<Dictionary<string, string>> EditFieldsAsync(long id)
    {
        var html = await Http.GetStringAsync($"/staff/providers/{id}");
        var fields = new Dictionary<string, string>();
        foreach (Match tag in Regex.Matches(html, "<input[^>]*>"))
        {
            var name = Regex.Match(tag.Value, "name=\"(Form\\.[A-Za-z]+)\"");
            if (!name.Success) continue;
            fields[name.Groups[1].Value] = System.Net.WebUtility.HtmlDecode(Regex.Match(tag.Value, "value=\"([^\"]*)\"").Groups[1].Value);
        }
        var selected = Regex.Match(html, "<option value=\"([a-z]+)\" selected");
        fields["Form.Op25b"] = selected.Groups[1].Value;
        foreach (Match area in Regex.Matches(html, "<textarea[^>]*name=\"(Form\\.[A-Za-z]+)\"[^>]*>([^<]*)</textarea>"))
            fields[area.Groups[1].Value] = System.Net.WebUtility.HtmlDecode(area.Groups[2].Value);
        return fields;
    }
}
