using System.Text;

namespace Portal.Providers;

public sealed record ImportLine(int Line, long? Id, Provider Values);

public sealed record ImportProblem(int Line, string Ja, string En);

/// <summary>What an import would do: rows to add, rows that change (with their changes), and every invalid row.</summary>
public sealed record ImportPlan(IReadOnlyList<ImportLine> Adds, IReadOnlyList<(ImportLine Line, IReadOnlyList<FieldChange> Changes)> Changes,
    IReadOnlyList<ImportProblem> Problems)
{
    public bool CanApply => Problems.Count == 0 && (Adds.Count > 0 || Changes.Count > 0);
}

/// <summary>Reads the registry CSV (the same columns as /api/providers.csv) and plans an all-or-nothing import.</summary>
public static class ProviderImport
{
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
        var records = Csv.Parse(text);
        if (records.Count == 0 || records[0].Fields.Count == 0)
            return Fail(0, "ファイルが空です。", "The file is empty.");
        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (!header.Contains("name_ja") || !header.Contains("op25b"))
            return Fail(1, "1行目に name_ja と op25b を含む見出しが必要です(/api/providers.csv と同じ形式)。", "Line 1 must be a header with name_ja and op25b (the format of /api/providers.csv).");

        var existing = (await editing.ListAsync(includeDeleted: false, cancellationToken)).ToDictionary(e => e.Provider.Id);
        var adds = new List<ImportLine>();
        var changes = new List<(ImportLine, IReadOnlyList<FieldChange>)>();
        var problems = new List<ImportProblem>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            string Get(string name) => header.IndexOf(name) is var i and >= 0 && i < fields.Count ? Unguard(fields[i]) : "";
            var form = new ProviderForm
            {
                NameJa = Get("name_ja"), NameEn = Get("name_en"), Kana = Get("kana"), Operator = Get("operator"), Op25b = Get("op25b"),
                Since = Get("since"), Ports = Get("submission_ports"), Notes = Get("notes"), SourceUrl = Get("source_url"),
                RdnsSuffixes = Get("rdns_suffixes"), LastVerified = Get("last_verified"),
            };
            var (values, errors) = form.Validate();
            long? id = long.TryParse(Get("id"), out var n) ? n : null;
            if (Get("id").Length > 0 && id is null)
                errors = [.. errors, new ValidationError("id", "idは数字で指定してください。", "id must be a number.")];
            else if (id is { } known && !existing.ContainsKey(known))
                errors = [.. errors, new ValidationError("id", $"id {known} のプロバイダはありません。", $"There is no provider {known}.")];
            if (errors.Count > 0)
            {
                problems.AddRange(errors.Select(e => new ImportProblem(line, e.Ja, e.En)));
                continue;
            }
            var row = new ImportLine(line, id, values!);
            if (id is null) adds.Add(row);
            else if (ProviderEditing.Diff(existing[id.Value].Provider, values) is { Count: > 0 } diff) changes.Add((row, diff));
        }
        return new ImportPlan(adds, changes, problems);
    }

    // Undo the formula guard the export adds ("'=..." back to "=...").
    private static string Unguard(string field) =>
        field.Length > 1 && field[0] == '\'' && field[1] is '=' or '+' or '-' or '@' ? field[1..] : field;

    private static ImportPlan Fail(int line, string ja, string en) => new([], [], [new ImportProblem(line, ja, en)]);
}

/// <summary>RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. Each record keeps its first line number.</summary>
public static class Csv
{
    public static List<(int Line, List<string> Fields)> Parse(string text)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    records.Add((start, fields)); fields = [];
                    start = ++line;
                    break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); records.Add((start, fields)); }
        return records;
    }
}
