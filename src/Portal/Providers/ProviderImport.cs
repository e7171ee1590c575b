using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Portal.Site;

namespace Portal.Providers;

/// <summary>One CSV row: an update of provider Id (at the Version the preview saw) or, without an id, an addition.</summary>
public sealed record ImportLine(int Line, long? Id, Provider Values, long? Version = null);

public sealed record ImportProblem(int Line, Text Message)
{
    public ImportProblem(int line, string ja, string en) : this(line, new Text(ja, en)) { }
}

/// <summary>
/// What an import would do: rows to add, rows that change (with their changes), every invalid row, and the
/// version of every existing provider the file names, so apply can refuse if any changed since.
/// </summary>
public sealed record ImportPlan(IReadOnlyList<ImportLine> Adds, IReadOnlyList<(ImportLine Line, IReadOnlyList<FieldChange> Changes)> Changes,
    IReadOnlyList<ImportProblem> Problems, IReadOnlyDictionary<long, long>? Versions = null)
{
    public bool CanApply => Problems.Count == 0 && (Adds.Count > 0 || Changes.Count > 0);
}

/// <summary>
/// Reads the registry CSV (the columns of /api/providers.csv) with CsvHelper and plans an all-or-nothing import.
/// name_ja and op25b are required columns; a missing optional column leaves that field as it is.
/// </summary>
public static class ProviderImport
{
    public static readonly string[] RequiredColumns = ["name_ja", "op25b"];

    public static async Task<ImportPlan> PlanAsync(byte[] bytes, ProviderEditing editing, CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Fail(0, "ファイルがUTF-8ではありません。UTF-8(BOM付きでも可)で保存し直してください。", "The file is not UTF-8. Save it as UTF-8 (with or without BOM) and try again.");
        }
        List<(int Line, string[] Fields)> records;
        string[] header;
        try
        {
            (header, records) = Read(text);
        }
        catch (CsvHelperException e)
        {
            var line = e.Context?.Parser?.RawRow ?? 0;
            return Fail(line, $"{line}行目のCSVの形式が正しくありません(引用符の閉じ忘れなど)。", $"Line {line} is not valid CSV (an unclosed quote, for example).");
        }
        if (header.Length == 0)
            return Fail(0, "ファイルが空です。", "The file is empty.");
        var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
            return Fail(1, $"1行目の見出しに必須の列 {string.Join(", ", missing)} がありません(/api/providers.csv と同じ形式)。",
                $"Line 1 (the header) lacks the required column(s) {string.Join(", ", missing)} (the format of /api/providers.csv).");

        var existing = (await editing.ListAsync(includeDeleted: false, cancellationToken)).ToDictionary(e => e.Provider.Id);
        var adds = new List<ImportLine>();
        var changes = new List<(ImportLine, IReadOnlyList<FieldChange>)>();
        var problems = new List<ImportProblem>();
        var versions = new Dictionary<long, long>();
        foreach (var (line, fields) in records)
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            string? Get(string name) => Array.IndexOf(header, name) is var i and >= 0 ? (i < fields.Length ? Unguard(fields[i]) : "") : null;
            var idText = Get("id") ?? "";
            long? id = long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            var errors = new List<ValidationError>();
            if (idText.Length > 0 && id is null)
                errors.Add(new ValidationError("id", "idは数字で指定してください。", "id must be a number."));
            else if (id is { } known && !existing.ContainsKey(known))
                errors.Add(new ValidationError("id", $"id {known} のプロバイダーはありません。", $"There is no provider {known}."));
            // An update starts from the provider as it is, so a column the file lacks leaves that field unchanged.
            var form = id is { } k && existing.TryGetValue(k, out var current) ? ProviderForm.From(current) : new ProviderForm { Ports = "" };
            form.NameJa = Get("name_ja") ?? form.NameJa; form.NameEn = Get("name_en") ?? form.NameEn; form.Kana = Get("kana") ?? form.Kana;
            form.Operator = Get("operator") ?? form.Operator; form.Op25b = Get("op25b") ?? form.Op25b; form.Since = Get("since") ?? form.Since;
            form.Ports = Get("submission_ports") ?? form.Ports; form.Notes = Get("notes") ?? form.Notes; form.NotesJa = Get("notes_ja") ?? form.NotesJa; form.SourceUrl = Get("source_url") ?? form.SourceUrl;
            form.RdnsSuffixes = Get("rdns_suffixes") ?? form.RdnsSuffixes; form.LastVerified = Get("last_verified") ?? form.LastVerified;
            var (values, invalid) = form.Validate();
            errors.AddRange(invalid);
            if (errors.Count > 0)
            {
                problems.AddRange(errors.Select(e => new ImportProblem(line, e.Message)));
                continue;
            }
            if (id is null) { adds.Add(new ImportLine(line, null, values!)); continue; }
            var before = existing[id.Value];
            versions[id.Value] = before.Version;
            if (ProviderEditing.Diff(before.Provider, values) is { Count: > 0 } diff)
                changes.Add((new ImportLine(line, id, values!, before.Version), diff));
        }
        return new ImportPlan(adds, changes, problems, versions);
    }

    /// <summary>The header (lower case) and every record with the line it starts on.</summary>
    private static (string[] Header, List<(int Line, string[] Fields)> Records) Read(string text)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false, DetectColumnCountChanges = false, MissingFieldFound = null, IgnoreBlankLines = true,
        };
        using var csv = new CsvParser(new StringReader(text), config);
        var records = new List<(int, string[])>();
        string[]? header = null;
        var lastLine = 0;
        while (csv.Read())
        {
            var start = lastLine + 1;
            lastLine = csv.RawRow;
            var fields = csv.Record ?? [];
            if (header is null) header = fields.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            else records.Add((start, fields));
        }
        return (header ?? [], records);
    }

    // Undo the formula guard the export adds ("'=..." back to "=...").
    private static string Unguard(string field) =>
        field.Length > 1 && field[0] == '\'' && field[1] is '=' or '+' or '-' or '@' ? field[1..] : field;

    private static ImportPlan Fail(int line, string ja, string en) => new([], [], [new ImportProblem(line, ja, en)]);
}
