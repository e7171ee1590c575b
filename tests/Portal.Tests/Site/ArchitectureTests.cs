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

    /// <summary>(feature, namespace it must not use): a lower feature does not know a higher one; Site is the floor.</summary>
    public static readonly (string Feature, string Forbidden)[] Rules =
    [
        ("Tester", "Portal.SavedResults"),
        ("LineTest", "Portal.SavedResults"),
        ("Site", "Portal.SavedResults"),
        ("Content", "Portal.SavedResults"),
        ("Data", "Portal.SavedResults"),
        ("SavedResults", "Portal.Providers"),
        ("SavedResults", "Portal.Search"),
        ("Search", "Portal.Providers"),
        ("Search", "Portal.Tester"),
        ("Search", "Portal.LineTest"),
        ("Search", "Portal.MailSetup"),
        ("Content", "Portal.Search"),
        ("Site", "Portal.Search"),
        ("Data", "Portal.Search"),
        ("Staff", "Portal.Search"),
        ("MailSetup", "Portal.Tester"),
        ("MailSetup", "Portal.LineTest"),
        ("Content", "Portal.MailSetup"),
        ("Site", "Portal.MailSetup"),
        ("Tester", "Portal.MailSetup"),
        ("LineTest", "Portal.MailSetup"),
        ("LineTest", "Portal.Tester"),
        ("LineTest", "Portal.Staff"),
        ("Providers", "Portal.LineTest"),
        ("Site", "Portal.LineTest"),
        ("Content", "Portal.LineTest"),
        ("Data", "Portal.LineTest"),
        ("Content", "Portal.Providers"),
        ("Content", "Portal.Staff"),
        ("Content", "Portal.Tester"),
        ("Site", "Portal.Providers"),
        ("Site", "Portal.Tester"),
        ("Data", "Portal.Providers"),
        ("Data", "Portal.Staff"),
        ("Tester", "Portal.Monitor"),
        ("LineTest", "Portal.Monitor"),
        ("Site", "Portal.Monitor"),
        ("Content", "Portal.Monitor"),
        ("Data", "Portal.Monitor"),
        ("Search", "Portal.Monitor"),
        ("Providers", "Portal.Monitor"),
        ("SavedResults", "Portal.Monitor"),
        ("Staff", "Portal.Monitor"),
        ("Monitor", "Portal.SavedResults"),
        ("Monitor", "Portal.LineTest"),
        ("Monitor", "Portal.Providers"),
        ("Monitor", "Portal.Search"),
        ("Staff", "Portal.Providers"),
        ("Site", "Portal.Data"),
        ("Site", "Portal.Content"),
        ("Site", "Portal.Components"),
        ("Site", "Portal.Staff"),
        ("Site", "Portal.Replies"),
        ("Site", "Portal.Sitemap"),
        ("Content", "Portal.Sitemap"),
        ("Data", "Portal.Sitemap"),
        ("Providers", "Portal.Sitemap"),
    ];

    public static TheoryData<string, string> RuleData() => new(Rules.Select(r => (r.Feature, r.Forbidden)));

    [Theory]
    [MemberData(nameof(RuleData))]
    public void A_Lower_Feature_Does_Not_Know_A_Higher_One(string folder, string ns)
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Source, folder), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains(ns, StringComparison.Ordinal))
            .ToList();
        Assert.Empty(offenders);
    }

    /// <summary>
    /// The same rules over the compiled code: every type of a feature (its components, their closures and state machines
    /// included) and every type, field, method and token its IL references. An @using that _Imports.razor used to give every
    /// component for free, or a fully qualified name in markup, shows here though no text names it.
    /// </summary>
    [Fact]
    public void No_Compiled_Type_Of_A_Feature_References_A_Type_Its_Rules_Forbid()
    {
        var offenders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(Program).Assembly.GetTypes())
        {
            var owner = Outermost(type);
            if (FeatureOf(owner.Namespace) is not { } feature) continue;
            var forbidden = Rules.Where(r => r.Feature == feature).Select(r => r.Forbidden).ToArray();
            if (forbidden.Length == 0) continue;
            foreach (var used in CompiledReferences.Of(type))
                if (used.Namespace is { } ns && forbidden.Any(f => ns == f || ns.StartsWith(f + ".", StringComparison.Ordinal)))
                    offenders.Add($"{owner.FullName} ({feature}) uses {used.FullName}");
        }
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void The_Compiled_Check_Sees_A_Reference_Made_Only_In_Il()
    {
        // TesterPage renders the line-test feature's YourLine component: a use no field or signature shows, only IL.
        var used = CompiledReferences.Of(typeof(Portal.Tester.Components.TesterPage)).Select(t => t.FullName).ToList();
        Assert.Contains("Portal.LineTest.Components.YourLine", used);
        Assert.Contains("Portal.Tester.TesterRuns", used);
    }

    [Fact]
    public void The_Shared_Imports_Hold_Only_Framework_And_Site_Namespaces()
    {
        var usings = File.ReadLines(Path.Combine(Source, "_Imports.razor")).Where(l => l.StartsWith("@using", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(usings);
        Assert.All(usings, u => Assert.True(!u.Contains("Portal.", StringComparison.Ordinal) || u.Trim() == "@using Portal.Site", u));
        foreach (var folder in Rules.Select(r => r.Feature).Distinct().Where(f => f is not ("Site" or "Data" or "Content")))
            Assert.True(File.Exists(Path.Combine(Source, folder, "_Imports.razor")), $"{folder} has no _Imports.razor of its own");
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    private static string? FeatureOf(string? ns) =>
        ns is not null && ns.StartsWith("Portal.", StringComparison.Ordinal) ? ns.Split('.')[1] : null;
}
