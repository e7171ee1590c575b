namespace Portal.Content;

public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>Folder holding ja/ and en/; defaults to content/ under the site root.</summary>
    public string Root { get; set; } = "";

    /// <summary>Poll for changes instead of using inotify (for bind mounts that do not deliver events).</summary>
    public bool UsePolling { get; set; }

    /// <summary>
    /// Watch the folder for changes (default). Off, the content is read at start and again when another portal on
    /// the same PostgreSQL database signals that it reloaded: for several portals on one shared folder, where one
    /// watching is enough.
    /// </summary>
    public bool Watch { get; set; } = true;
}
