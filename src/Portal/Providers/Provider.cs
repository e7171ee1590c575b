using System.Text.Json.Serialization;
using Portal.Site;

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
    /// <summary>Notes in English (the column "notes").</summary>
    public string Notes { get; init; } = "";
    /// <summary>Notes in Japanese, shown under 「備考」 on Japanese pages.</summary>
    public string NotesJa { get; init; } = "";
    public string SourceUrl { get; init; } = "";
    public IReadOnlyList<string> RdnsSuffixes { get; init; } = [];
    public string? LastVerified { get; init; }
    public string UpdatedAt { get; init; } = "";

    /// <summary>The notes in the reader's language, else the other one (better than none).</summary>
    public string NotesIn(Lang lang) => lang == Lang.Ja
        ? (NotesJa.Length > 0 ? NotesJa : Notes)
        : (Notes.Length > 0 ? Notes : NotesJa);

    /// <summary>True when <see cref="NotesIn"/> had to fall back to the other language.</summary>
    public bool NotesFallBack(Lang lang) => lang == Lang.Ja ? NotesJa.Length == 0 && Notes.Length > 0 : Notes.Length == 0 && NotesJa.Length > 0;

    public string DisplayName(Lang lang) => lang == Lang.En && NameEn.Length > 0 ? NameEn : NameJa;

    public static readonly string[] Statuses = ["applies", "partial", "none", "unknown"];
}
