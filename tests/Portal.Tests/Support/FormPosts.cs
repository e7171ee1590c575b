using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Portal.Tests.Support;

/// <summary>A form page as fetched: its status and HTML, and the cookies it set (the form token's among them).</summary>
public sealed record FormPage(HttpStatusCode Status, string Html, IReadOnlyList<string> SetCookies, string Cookie)
{
    /// <summary>The cookies to send back with the form: the ones given to the GET plus the ones it set.</summary>
    public string CookieHeader => string.Join("; ", new[] { Cookie, FormPosts.Cookies(SetCookies) }.Where(c => c.Length > 0));

    public string Token => FormPosts.Token(Html);
}

/// <summary>
/// The portal's forms posted as a browser would, from a client that keeps no cookies itself (the test decides which
/// cookie goes to which portal). Shared by Portal.Tests, Portal.BrowserTests and bench/InstancesBench (linked).
/// </summary>
public static partial class FormPosts
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static string Token(string html) => TokenPattern().Match(html).Groups[1].Value;

    /// <summary>Set-Cookie values as a Cookie header (name=value pairs).</summary>
    public static string Cookies(IEnumerable<string> setCookies) => string.Join("; ", setCookies.Select(c => c.Split(';')[0]));

    public static string Cookies(HttpResponseMessage response) =>
        Cookies(response.Headers.TryGetValues("Set-Cookie", out var all) ? all : []);

    public static async Task<FormPage> OpenAsync(HttpClient client, string path, string cookie = "", CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie.Length > 0) request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, cancellationToken);
        return new FormPage(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken),
            response.Headers.TryGetValues("Set-Cookie", out var all) ? all.ToList() : [], cookie);
    }

    /// <summary>Posts the page's form back to <paramref name="path"/> with its token, handler and cookies.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, FormPage page, string handler,
        IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken = default)
    {
        var values = new Dictionary<string, string>(fields) { ["_handler"] = handler, ["__RequestVerificationToken"] = page.Token };
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(values) };
        if (page.CookieHeader.Length > 0) request.Headers.Add("Cookie", page.CookieHeader);
        return client.SendAsync(request, cancellationToken);
    }

    /// <summary>The staff login form, fetched and posted.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string name, string password, CancellationToken cancellationToken = default) =>
        await PostAsync(client, "/staff/login", await OpenAsync(client, "/staff/login", cancellationToken: cancellationToken), "login",
            new Dictionary<string, string> { ["Form.Name"] = name, ["Form.Password"] = password }, cancellationToken);

    /// <summary>A provider's edit form's fields (inputs, the selected status, text areas), as a browser sends them back.</summary>
    public static Dictionary<string, string> EditFields(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match tag in Regex.Matches(html, "<input[^>]*>"))
        {
            var name = Regex.Match(tag.Value, "name=\"(Form\\.[A-Za-z]+)\"");
            if (!name.Success) continue;
            fields[name.Groups[1].Value] = WebUtility.HtmlDecode(Regex.Match(tag.Value, "value=\"([^\"]*)\"").Groups[1].Value);
        }
        fields["Form.Op25b"] = Regex.Match(html, "<option value=\"([a-z]+)\" selected").Groups[1].Value;
        foreach (Match area in Regex.Matches(html, "<textarea[^>]*name=\"(Form\\.[A-Za-z]+)\"[^>]*>([^<]*)</textarea>"))
            fields[area.Groups[1].Value] = WebUtility.HtmlDecode(area.Groups[2].Value);
        return fields;
    }

    /// <summary>A client whose connections come from the given loopback address, keeping no cookies, trusting any certificate (the tests' own).</summary>
    public static HttpClient BoundTo(string address, Uri? baseAddress = null) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = baseAddress };

    /// <summary>A client that keeps no cookies and follows no redirects.</summary>
    public static HttpClient Plain(Uri baseAddress) => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
}
