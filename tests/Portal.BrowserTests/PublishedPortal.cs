using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Portal.Tests.Support;

namespace Portal.BrowserTests;

/// <summary>
/// The portal as operators run it: `dotnet publish` once per test run, then `dotnet Portal.dll` as a process of its
/// own in Production, with its output kept for the test to read. Dispose stops it; <see cref="Kill"/> is SIGKILL.
/// </summary>
public sealed partial class PublishedPortal : IAsyncDisposable
{
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private PublishedPortal(string name, Process process, string folder)
    {
        Name = name;
        _process = process;
        Folder = folder;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }
    public string Folder { get; }
    public Uri Address { get; private set; } = default!;
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;
    public IReadOnlyList<string> Output => _output.ToArray();

    /// <summary>The published app: PORTAL_PUBLISHED_DIR when set, else published now into a temporary folder.</summary>
    public static Task<string> PublishedFolder => Published.Value;

    private static async Task<string> PublishAsync()
    {
        if (System.Environment.GetEnvironmentVariable("PORTAL_PUBLISHED_DIR") is { Length: > 0 } given) return given;
        var output = Directory.CreateTempSubdirectory("portal-published-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(output, recursive: true); } catch (IOException) { } };
        var (exit, text) = await Processes.RunAsync("dotnet", ["publish", Path.Combine(BrowserFixture.RepoRoot(), "src", "Portal"), "-c", "Release", "-o", output, "--nologo"]);
        if (exit != 0) throw new InvalidOperationException("dotnet publish failed:\n" + text);
        return output;
    }

    /// <summary>Starts the published portal on a free loopback port with the given settings (environment form).</summary>
    public static async Task<PublishedPortal> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var app = Path.Combine(await PublishedFolder, "Portal.dll");
        var folder = Directory.CreateTempSubdirectory($"portal-{name}-").FullName;
        var start = new ProcessStartInfo("dotnet", [app, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in Environment(folder, settings)) start.Environment[key] = value;
        var portal = new PublishedPortal(name, Process.Start(start)!, folder);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (portal.Output.Select(l => Listening().Match(l)).FirstOrDefault(m => m.Success) is { } match)
            {
                portal.Address = new Uri(match.Groups[1].Value);
                return portal;
            }
            if (portal.HasExited) break;
            await Task.Delay(50);
        }
        await portal.DisposeAsync();
        throw new InvalidOperationException($"Portal {name} did not start:\n" + string.Join('\n', portal.Output));
    }

    /// <summary>Runs a command of the published app (`staff add …`) with the same settings, feeding it standard input.</summary>
    public static async Task<(int ExitCode, string Output)> CommandAsync(IReadOnlyList<string> words, IReadOnlyDictionary<string, string> settings, string input)
    {
        var folder = Directory.CreateTempSubdirectory("portal-command-").FullName;
        return await Processes.RunAsync("dotnet", [Path.Combine(await PublishedFolder, "Portal.dll"), .. words], input: input, environment: Environment(folder, settings));
    }

    /// <summary>Production, with the settings in environment form and a keys folder of its own.</summary>
    private static Dictionary<string, string> Environment(string folder, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Site__PublicUrl"] = "https://support.saiin.example.jp",
            ["Data__KeysFolder"] = Path.Combine(folder, "keys"),
            ["LineTest__Listeners"] = "",
        };
        foreach (var (key, value) in settings) environment[key.Replace(":", "__")] = value;
        return environment;
    }

    /// <summary>Waits up to 10 s for the condition (a portal's log comes through a queue, a little late).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"not seen within 10 s: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: the process ends at once, without shutting down.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
