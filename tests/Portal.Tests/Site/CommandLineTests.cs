using Portal.Site;

namespace Portal.Tests.Site;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("db backup x.db", "db backup x.db", "")]
    [InlineData("staff add sato --role admin", "staff add sato", "--role admin")]
    [InlineData("Tester:DefaultHost=smtp.example.jp", "", "Tester:DefaultHost=smtp.example.jp")]
    [InlineData("Logging:Console:FormatterName=json --urls http://127.0.0.1:5080", "", "Logging:Console:FormatterName=json --urls http://127.0.0.1:5080")]
    [InlineData("--urls http://127.0.0.1:5080", "", "--urls http://127.0.0.1:5080")]
    public void Only_Known_Command_Words_Start_A_Command(string line, string command, string configuration)
    {
        var (words, rest) = CommandLine.Split(line.Split(' '));

        Assert.Equal(command, string.Join(' ', words));
        Assert.Equal(configuration, string.Join(' ', rest));
    }
}
