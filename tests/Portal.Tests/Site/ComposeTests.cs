using Portal.Tests.Support;

namespace Portal.Tests.Site;

public sealed class ComposeTests
{
    [Fact]
    public async Task The_Compose_File_Is_Valid_With_A_Data_Volume_A_Port_And_A_Health_Check()
    {
        var config = await ConfigAsync();
        Assert.Contains("portal-data:/app/data", config);
        Assert.Matches(@"\nvolumes:\n(  .+\n)*  portal-data:", config);
        Assert.Contains("http://127.0.0.1:8080/healthz/ready", config);
        Assert.Contains("published: 8080", config);
        // The line test's listeners: the customer's 25, 587 and 465 reach the portal's 2525, 2587 and 2465.
        foreach (var (target, published) in new[] { (2525, 25), (2587, 587), (2465, 465) })
            Assert.Matches($@"published: ""?{published}""?\s+target: {target}|target: {target}\s+published: ""?{published}""?", config);
        Assert.Contains("Logging__Console__FormatterName: json", config);
    }

    [Fact]
    public async Task The_Several_Profile_Runs_Two_Portals_On_PostgreSQL_Behind_The_Repository_Nginx_Configuration()
    {
        var config = await ConfigAsync("--profile", "several");
        foreach (var service in new[] { "postgres", "portal-a", "portal-b", "nginx" }) Assert.Contains($"\n  {service}:", config);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(config, "Database__Provider: postgres").Count);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(config, "ConnectionStrings__Portal: Host=postgres;").Count);
        Assert.Contains("deploy/nginx/portal.conf", config);
        Assert.Contains("ForwardedHeaders__KnownNetworks__0", config);
        Assert.Contains("deploy/nginx/portal-proxy.inc", config);
        // The line test's ports go straight to one portal (nginx carries only HTTP), never to both on one host.
        Assert.Contains("target: 2525", Service(config, "portal-a"));
        Assert.DoesNotContain("target: 2525", Service(config, "portal-b"));
    }

    /// <summary>`docker-compose config -q` passes, then the resolved file (Debian's docker-compose needs no engine; scripts/test.sh installs it).</summary>
    private static async Task<string> ConfigAsync(params string[] options)
    {
        var quiet = await Processes.RunAsync("docker-compose", [.. options, "config", "-q"], TestContent.RepoRoot);
        Assert.True(quiet.ExitCode == 0, quiet.Output);
        var (exitCode, config) = await Processes.RunAsync("docker-compose", [.. options, "config"], TestContent.RepoRoot);
        Assert.Equal(0, exitCode);
        return config;
    }

    /// <summary>One service's block of the resolved file: its indented lines.</summary>
    private static string Service(string config, string name) =>
        System.Text.RegularExpressions.Regex.Match(config, $@"\n  {name}:\n((?:    .*\n)*)").Groups[1].Value;

    [Fact]
    public void The_Dockerfile_Restores_Packages_From_Project_Files_Before_The_Source_Is_Copied()
    {
        var lines = File.ReadAllLines(Path.Combine(TestContent.RepoRoot, "Dockerfile")).Select(l => l.Trim()).ToList();
        var restore = lines.FindIndex(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var copyAll = lines.FindIndex(l => l == "COPY . .");

        Assert.InRange(restore, 0, copyAll - 1);
        // Before the restore only project and build files are copied, so a source change keeps that layer.
        var copiedBefore = lines.Take(restore).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)).SelectMany(l => l.Split(' ')[1..^1]);
        Assert.All(copiedBefore, f => Assert.Matches(@"(\.csproj|\.props|global\.json)$", f));
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal) && l.Contains("--no-restore"));
    }
}
