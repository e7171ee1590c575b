using System.Text;

namespace Portal.Providers;

/// <summary>The public CSV: UTF-8 with a byte order mark so Excel in Japan reads it as UTF-8.</summary>
public static class ProviderCsv
{
    public static readonly string[] Header = ["id", "name_ja", "name_en", "kana", "operator", "op25b", "since", "submission_ports", "notes", "notes_ja", "source_url", "rdns_suffixes", "last_verified"];

    public static byte[] Write(IEnumerable<Provider> providers)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", Header));
        foreach (var p in providers)
        {
            sb.AppendLine(string.Join(",", new[]
            {
                p.Id.ToString(), p.NameJa, p.NameEn, p.Kana, p.Operator, p.Op25b, p.Since, string.Join(" ", p.SubmissionPorts), p.Notes, p.NotesJa,
                p.SourceUrl, string.Join(" ", p.RdnsSuffixes), p.LastVerified ?? "",
            }.Select(Quote)));
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    // Quote every field; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula.
    private static string Quote(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@') field = "'" + field;
        return "\"" + field.Replace("\"", "\"\"") + "\"";
    }
}
