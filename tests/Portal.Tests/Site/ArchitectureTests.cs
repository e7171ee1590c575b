using System.Text.RegularExpressions;
using Portal.Tests.Support;

namespace Portal.Tests.Site;

/// <summary>The shape the code keeps: one way to hold UI text, and features that do not reach into each other.</summary>
public sealed partial class ArchitectureTests
{
    private static string Source => Path.Combine(TestContent.RepoRoot, "src", "Portal");

    [GeneratedRegex(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex Japanese();

    [Fact]
    public void Components_Hold_No_Text_Of_Their_Own_Every_Word_Is_A_Text_Pair()
    {
        var offenders = Directory.EnumerateFiles(Source, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => Japanese().IsMatch(x.line) && !x.line.TrimStart().StartsWith("@*", StringComparison.Ordinal))
            .Select(x => $"{Path.GetRelativePath(Source, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Theory]
    [InlineData("Tester", "Portal.SavedResults")]
    [InlineData("LineTest", "Portal.SavedResults")]
    [InlineData("Site", "Portal.SavedResults")]
    [InlineData("Content", "Portal.SavedResults")]
    [InlineData("Data", "Portal.SavedResults")]
    [InlineData("SavedResults", "Portal.Providers")]
    [InlineData("SavedResults", "Portal.Search")]
    [InlineData("Search", "Portal.Providers")]
    [InlineData("Search", "Portal.Tester")]
    [InlineData("Search", "Portal.LineTest")]
    [InlineData("Search", "Portal.MailSetup")]
    [InlineData("Content", "Portal.Search")]
    [InlineData("Site", "Portal.Search")]
    [InlineData("Data", "Portal.Search")]
    [InlineData("Staff", "Portal.Search")]
    [InlineData("MailSetup", "Portal.Tester")]
    [InlineData("MailSetup", "Portal.LineTest")]
    [InlineData("Content", "Portal.MailSetup")]
    [InlineData("Site", "Portal.MailSetup")]
    [InlineData("Tester", "Portal.MailSetup")]
    [InlineData("LineTest", "Portal.MailSetup")]
    [InlineData("LineTest", "Portal.Tester")]
    [InlineData("LineTest", "Portal.Staff")]
    [InlineData("Providers", "Portal.LineTest")]
    [InlineData("Site", "Portal.LineTest")]
    [InlineData("Content", "Portal.LineTest")]
    [InlineData("Data", "Portal.LineTest")]
    [InlineData("Content", "Portal.Providers")]
    [InlineData("Content", "Portal.Staff")]
    [InlineData("Content", "Portal.Tester")]
    [InlineData("Site", "Portal.Providers")]
    [InlineData("Site", "Portal.Tester")]
    [InlineData("Data", "Portal.Providers")]
    [InlineData("Data", "Portal.Staff")]
    [InlineData("Tester", "Portal.Monitor")]
    [InlineData("LineTest", "Portal.Monitor")]
    [InlineData("Site", "Portal.Monitor")]
    [InlineData("Content", "Portal.Monitor")]
    [InlineData("Data", "Portal.Monitor")]
    [InlineData("Search", "Portal.Monitor")]
    [InlineData("Providers", "Portal.Monitor")]
    [InlineData("SavedResults", "Portal.Monitor")]
    [InlineData("Staff", "Portal.Monitor")]
    [InlineData("Monitor", "Portal.SavedResults")]
    [InlineData("Monitor", "Portal.LineTest")]
    [InlineData("Monitor", "Portal.Providers")]
    [InlineData("Monitor", "Portal.Search")]
    // Site is the floor: it knows no feature and no page (each feature registers its own health check; Program maps the pages).
    [InlineData("Site", "Portal.Data")]
    [InlineData("Site", "Portal.Content")]
    [InlineData("Site", "Portal.Components")]
    [InlineData("Site", "Portal.Staff")]
    [InlineData("Site", "Portal.Replies")]
    [InlineData("Site", "Components.")]
    public void A_Lower_Feature_Does_Not_Know_A_Higher_One(string folder, string ns)
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Source, folder), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains(ns, StringComparison.Ordinal))
            .ToList();
        Assert.Empty(offenders);
    }
}
