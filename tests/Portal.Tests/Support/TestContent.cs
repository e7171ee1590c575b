namespace Portal.Tests.Support;

/// <summary>Paths of the real site and throw-away copies of its content for tests that change files.</summary>
public static class TestContent
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ContentRoot => Path.Combine(RepoRoot, "content");

    /// <summary>A fresh copy of content/ in a temporary folder; deleted by the caller's Dispose.</summary>
    public static TempFolder CopyOfContent()
    {
        var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(ContentRoot, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.Path, Path.GetRelativePath(ContentRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return folder;
    }

    public static string Page(string slug, string title, int order = 1, string body = "Body text.") =>
        $"---\ntitle: {title}\nslug: {slug}\norder: {order}\nupdated: 2026-11-28\n---\n{body}\n";

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) return dir.FullName;
        throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
    }
}

public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("portal-tests-").FullName;

    public string Write(string relative, string text)
    {
        var file = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
