namespace Portal.Providers;

/// <summary>
/// One row of `providers` as the store and the staff side read it. A class with setters, so Dapper fills
/// whichever of these columns a query selects.
/// </summary>
internal sealed class ProviderRow
{
    /// <summary>The columns customers may see.</summary>
    public const string PublicColumns = """
        id AS Id, name_ja AS NameJa, name_en AS NameEn, kana AS Kana, operator AS Operator, op25b AS Op25b,
        since AS Since, submission_ports AS SubmissionPorts, notes AS Notes, notes_ja AS NotesJa, source_url AS SourceUrl,
        rdns_suffixes AS RdnsSuffixes, last_verified AS LastVerified, updated_at AS UpdatedAt
        """;

    /// <summary>The public columns plus what staff need: version, deletion, who changed it.</summary>
    public const string StaffColumns = PublicColumns + ", version AS Version, deleted_at AS DeletedAt, updated_by AS UpdatedBy";

    public long Id { get; set; }
    public string NameJa { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string Kana { get; set; } = "";
    public string Operator { get; set; } = "";
    public string Op25b { get; set; } = "";
    public string Since { get; set; } = "";
    public string SubmissionPorts { get; set; } = "";
    public string Notes { get; set; } = "";
    public string NotesJa { get; set; } = "";
    public string SourceUrl { get; set; } = "";
    public string RdnsSuffixes { get; set; } = "";
    public string? LastVerified { get; set; }
    public string UpdatedAt { get; set; } = "";
    public string SearchText { get; set; } = "";
    public long Version { get; set; }
    public string? DeletedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public Provider ToProvider() => new()
    {
        Id = Id, NameJa = NameJa, NameEn = NameEn, Kana = Kana, Operator = Operator, Op25b = Op25b, Since = Since,
        SubmissionPorts = SubmissionPorts.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(),
        Notes = Notes, NotesJa = NotesJa, SourceUrl = SourceUrl,
        RdnsSuffixes = RdnsSuffixes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        LastVerified = LastVerified, UpdatedAt = UpdatedAt,
    };

    public EditableProvider ToEditable() => new(ToProvider(), Version, DeletedAt, UpdatedBy);
}
