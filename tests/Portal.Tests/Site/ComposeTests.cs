using Portal.Tests.Support;

namespace Portal.Tests.Site;

public sealed class ComposeTests
{
    [Fact]
    public async Task The_Compose_File_Is_Valid_With_A_Data_Volume_A_Port_And_A_Health_Check()
    {
        // Debian's docker-compose validates without an engine; scripts/test.sh installs it.
        var quiet = await PublishTests.RunAsync("docker-compose", "config -q", TestContent.RepoRoot);
        Assert.True(quiet.ExitCode == 0, quiet.Output);

        var (exitCode, config) = await PublishTests.RunAsync("docker-compose", "config", TestContent.RepoRoot);
        Assert.Equal(0, exitCode);
        Assert.Contains("portal-data:/app/data", config);
        Assert.Contains("volumes:\n  portal-data:", config);
        Assert.Contains("http://127.0.0.1:8080/healthz", config);
        Assert.Contains("published: 8080", config);
    }
}
