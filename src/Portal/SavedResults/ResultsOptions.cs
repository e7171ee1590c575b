namespace Portal.SavedResults;

public sealed class ResultsOptions
{
    public const string Section = "Results";

    /// <summary>How long a finished test stays reachable at /r/{id}; a daily purge removes older ones.</summary>
    public int RetentionDays { get; set; } = 30;
}
