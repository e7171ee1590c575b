namespace Portal.Content;

public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>Folder holding ja/ and en/; defaults to content/ under the site root.</summary>
    public string Root { get; set; } = "";

    /// <summary>Poll for changes instead of using inotify (for bind mounts that do not deliver events).</summary>
    public bool UsePolling { get; set; }
}
