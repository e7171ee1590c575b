using System.Text.Json.Serialization;

namespace Portal.Providers;

/// <summary>A provider as customers see it: no staff-only fields (who changed it, version, deletion).</summary>
public sealed record Provider
{
    public long Id { get; init; }
    public required string NameJa { get; init; }
    public string NameEn { get; init; } = "";
    public string Kana { get; init; } = "";
    public string Operator { get; init; } = "";
    /// <summary>applies, partial (some plans only), none or unknown.</summary>
    public required string Op25b { get; init; }
    /// <summary>YYYY, YYYY-MM or YYYY-MM-DD, or empty.</summary>
    public string Since { get; init; } = "";
    public IReadOnlyList<int> SubmissionPorts { get; init; } = [];
    public string Notes { get; init; } = "";
    public string SourceUrl { get; init; } = "";
    public IReadOnlyList<string> RdnsSuffixes { get; init; } = [];
    public string? LastVerified { get; init; }
    public string UpdatedAt { get; init; } = "";

    public string DisplayName(Portal.Site.Lang lang) => lang == Portal.Site.Lang.En && NameEn.Length > 0 ? NameEn : NameJa;

    public static readonly string[] Statuses = ["applies", "partial", "none", "unknown"];
}
