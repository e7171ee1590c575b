using System.Text.Json;

namespace Portal.BrowserTests;

/// <summary>
/// The Nu Html Checker (vnu.jar from npm vnu-jar, run with Debian's Java) over pages as the portal serves them: the
/// HTML source, before any script runs, which is what the checker and every reader of the page get first.
/// </summary>
public static class HtmlChecker
{
    public sealed record Message(string Type, string Page, int Line, string Text)
    {
        public override string ToString() => $"{Page}:{Line}: {Type}: {Text}";
    }

    public static string VnuJar { get; } = NpmTools.Path("vnu-jar", "build", "dist", "vnu.jar");

    /// <summary>Checks every page in one run of the checker; its errors and its warnings.</summary>
    public static async Task<(IReadOnlyList<Message> Errors, IReadOnlyList<Message> Warnings)> CheckAsync(IReadOnlyDictionary<string, string> pages, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("portal-vnu-").FullName;
        var names = new Dictionary<string, string>();
        try
        {
            var i = 0;
            foreach (var (page, html) in pages)
            {
                var file = Path.Combine(folder, $"{i++:D3}.html");
                names[Path.GetFileName(file)] = page;
                await File.WriteAllTextAsync(file, html, ct);
            }
            var (exit, output) = await Portal.Tests.Support.Processes.RunAsync("java",
                ["-Xss1m", "-jar", VnuJar, "--format", "json", "--stdout", .. Directory.GetFiles(folder, "*.html").Order()], cancellationToken: ct);
            var json = output[output.IndexOf('{')..];
            var messages = JsonDocument.Parse(json.Split('\n')[0]).RootElement.GetProperty("messages").EnumerateArray().Select(m => new Message(
                m.TryGetProperty("subType", out var sub) ? sub.GetString()! : m.GetProperty("type").GetString()!,
                m.TryGetProperty("url", out var url) && names.TryGetValue(url.GetString()![(url.GetString()!.LastIndexOf('/') + 1)..], out var name) ? name : "?",
                m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0,
                m.GetProperty("message").GetString()!)).ToList();
            Assert.True(exit is 0 or 1, $"vnu.jar exited {exit}: {output}");
            return (messages.Where(m => m.Type is "error" or "fatal" or "non-document-error").ToList(), messages.Where(m => m.Type == "warning").ToList());
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
