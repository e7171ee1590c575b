using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Site;

namespace Portal.Providers;

public sealed record ValidationError(string Field, Text Message)
{
    public ValidationError(string field, string ja, string en) : this(field, new Text(ja, en)) { }
}

/// <summary>The edit form's fields as typed, and the checks that turn them into a Provider.</summary>
public sealed partial class ProviderForm
{
    public const int MaxNotes = 4000;
    public const int MaxName = 200;
    public const int MaxUrl = 2000;
    public const int MaxRdns = 1000;
    public const int MaxRdnsSuffixes = 20;

    /// <summary>
    /// Every staff-edited field's limit, in characters: the form's maxlength, this check, the import (which runs this
    /// check) and the store (<see cref="Limits"/>) all read it, so no field can take 100 KB.
    /// </summary>
    public static readonly IReadOnlyList<(string Field, int Max, string Ja, string En)> Fields =
    [
        ("NameJa", MaxName, "日本語の名称", "The Japanese name"), ("NameEn", MaxName, "英語の名称", "The English name"),
        ("Kana", MaxName, "読み", "The reading"), ("Operator", MaxName, "運営会社", "The operator"),
        ("Op25b", 20, "OP25Bの状況", "The OP25B status"), ("Since", 10, "開始時期", "'Since'"), ("Ports", 20, "推奨ポート", "The recommended ports"),
        ("Notes", MaxNotes, "備考(英語)", "Notes (English)"), ("NotesJa", MaxNotes, "備考(日本語)", "Notes (Japanese)"),
        ("SourceUrl", MaxUrl, "出典URL", "The source URL"), ("RdnsSuffixes", MaxRdns, "逆引きドメイン", "The reverse-DNS suffixes"),
        ("LastVerified", 10, "確認日", "'Last verified'"),
    ];

    public static int MaxOf(string field) => Fields.Single(f => f.Field == field).Max;

    private string? ValueOf(string field) => field switch
    {
        "NameJa" => NameJa, "NameEn" => NameEn, "Kana" => Kana, "Operator" => Operator, "Op25b" => Op25b, "Since" => Since,
        "Ports" => Ports, "Notes" => Notes, "NotesJa" => NotesJa, "SourceUrl" => SourceUrl, "RdnsSuffixes" => RdnsSuffixes,
        "LastVerified" => LastVerified, _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>The store's own check of what it is asked to write (values that did not come through this form too).</summary>
    public static IReadOnlyList<ValidationError> Limits(Provider p)
    {
        var form = new ProviderForm
        {
            NameJa = p.NameJa, NameEn = p.NameEn, Kana = p.Kana, Operator = p.Operator, Op25b = p.Op25b, Since = p.Since,
            Ports = string.Join(",", p.SubmissionPorts), Notes = p.Notes, NotesJa = p.NotesJa, SourceUrl = p.SourceUrl,
            RdnsSuffixes = string.Join(" ", p.RdnsSuffixes), LastVerified = p.LastVerified ?? "",
        };
        var errors = form.LengthErrors();
        if (p.RdnsSuffixes.Count > MaxRdnsSuffixes) errors.Add(TooManySuffixes());
        return errors;
    }

    private List<ValidationError> LengthErrors() => Fields
        .Where(f => (ValueOf(f.Field) ?? "").Trim().Length > f.Max)
        .Select(f => new ValidationError(f.Field, $"{f.Ja}は{f.Max}文字以内にしてください。", $"{f.En} must be {f.Max} characters or fewer."))
        .ToList();

    private static ValidationError TooManySuffixes() => new("RdnsSuffixes",
        $"逆引きドメインは{MaxRdnsSuffixes}個までにしてください。", $"At most {MaxRdnsSuffixes} reverse-DNS suffixes.");

    public string NameJa { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string Kana { get; set; } = "";
    public string Operator { get; set; } = "";
    public string Op25b { get; set; } = "unknown";
    public string Since { get; set; } = "";
    public string Ports { get; set; } = "587";
    public string Notes { get; set; } = "";
    public string NotesJa { get; set; } = "";
    public string SourceUrl { get; set; } = "";
    public string RdnsSuffixes { get; set; } = "";
    public string LastVerified { get; set; } = "";
    public long Version { get; set; }

    public static ProviderForm From(EditableProvider e) => new()
    {
        NameJa = e.Provider.NameJa, NameEn = e.Provider.NameEn, Kana = e.Provider.Kana, Operator = e.Provider.Operator,
        Op25b = e.Provider.Op25b, Since = e.Provider.Since, Ports = string.Join(",", e.Provider.SubmissionPorts), Notes = e.Provider.Notes, NotesJa = e.Provider.NotesJa,
        SourceUrl = e.Provider.SourceUrl, RdnsSuffixes = string.Join(" ", e.Provider.RdnsSuffixes), LastVerified = e.Provider.LastVerified ?? "",
        Version = e.Version,
    };

    [GeneratedRegex(@"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]
    private static partial Regex SincePattern();

    [GeneratedRegex(@"^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[\p{IsHiragana}\p{IsKatakana}ー・ 　]*$")]
    private static partial Regex KanaPattern();

    public (Provider? Provider, IReadOnlyList<ValidationError> Errors) Validate()
    {
        var errors = new List<ValidationError>();
        void Error(string field, string ja, string en) => errors.Add(new(field, ja, en));
        string T(string s) => (s ?? "").Trim();

        if (T(NameJa).Length == 0) Error("NameJa", "日本語の名称を入力してください。", "Please enter the Japanese name.");
        // An over-long field is named and not looked at further (no pattern run over 100 KB).
        var tooLong = LengthErrors();
        errors.AddRange(tooLong);
        bool Long(string field) => tooLong.Any(e => e.Field == field);
        if (!Long("Kana") && !KanaPattern().IsMatch(T(Kana))) Error("Kana", "読みはひらがなかカタカナで入力してください。", "The reading must be in hiragana or katakana.");
        if (!Provider.Statuses.Contains(T(Op25b))) Error("Op25b", "OP25Bの状況を一覧から選んでください。", "Choose an OP25B status from the list.");
        if (!Long("Since") && T(Since).Length > 0 && !SincePattern().IsMatch(T(Since)))
            Error("Since", "開始時期は 2006、2006-05、2006-05-01 のように入力してください。", "'Since' must look like 2006, 2006-05 or 2006-05-01.");
        var ports = Long("Ports") ? Array.Empty<string>() : T(Ports).Split([',', ' ', '、'], StringSplitOptions.RemoveEmptyEntries);
        var portNumbers = new List<int>();
        foreach (var p in ports)
        {
            if (p is "587" or "465") { if (!portNumbers.Contains(int.Parse(p))) portNumbers.Add(int.Parse(p)); }
            else { Error("Ports", "推奨ポートは 587 と 465 のどちらか、または両方です。", "Recommended ports can only be 587 and/or 465."); break; }
        }
        if (!Long("SourceUrl") && T(SourceUrl).Length > 0 && !(Uri.TryCreate(T(SourceUrl), UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
            Error("SourceUrl", "出典URLは https:// で始まる正しいURLにしてください。", "The source URL must be a valid http(s) address.");
        var suffixes = Long("RdnsSuffixes") ? new List<string>() : T(RdnsSuffixes).ToLowerInvariant().Split([' ', ',', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim('.')).Distinct().ToList();
        if (suffixes.Any(s => !DomainPattern().IsMatch(s)))
            Error("RdnsSuffixes", "逆引きドメインは plala.or.jp のように入力してください。", "Reverse-DNS suffixes must look like plala.or.jp.");
        if (suffixes.Count > MaxRdnsSuffixes) errors.Add(TooManySuffixes());
        if (!Long("LastVerified") && T(LastVerified).Length > 0 && !DateOnly.TryParseExact(T(LastVerified), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            Error("LastVerified", "確認日は 2026-11-28 のように入力してください。", "'Last verified' must be a date like 2026-11-28.");
        if (errors.Count > 0) return (null, errors);

        return (new Provider
        {
            NameJa = T(NameJa), NameEn = T(NameEn), Kana = T(Kana), Operator = T(Operator), Op25b = T(Op25b), Since = T(Since),
            SubmissionPorts = portNumbers, Notes = (Notes ?? "").Trim(), NotesJa = (NotesJa ?? "").Trim(), SourceUrl = T(SourceUrl), RdnsSuffixes = suffixes,
            LastVerified = T(LastVerified).Length > 0 ? T(LastVerified) : null,
        }, errors);
    }
}
