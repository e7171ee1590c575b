namespace Portal.BrowserTests;

/// <summary>The npm tools scripts/install-test-deps.sh pins into tests/Portal.BrowserTests/node_modules; a missing one fails the test.</summary>
public static class NpmTools
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = System.IO.Path.Combine([dir.FullName, "tests", "Portal.BrowserTests", "node_modules", .. parts]);
            if (File.Exists(file)) return file;
        }
        // Never a skip: the test set-up must install it.
        throw new InvalidOperationException($"{string.Join('/', parts)} is missing: scripts/install-test-deps.sh installs it from npm into tests/Portal.BrowserTests/node_modules.");
    }
}
