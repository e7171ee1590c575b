using System.Globalization;
using Portal.Site;

namespace Portal.Monitor;

public static class MonitorText
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    /// <summary>"14:05" today, "11月28日 14:05" / "28 Nov 14:05" on another day (Japan time).</summary>
    public static Text When(DateTimeOffset at, DateTimeOffset now)
    {
        var local = at.ToOffset(Jst);
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return local.Date == now.ToOffset(Jst).Date
            ? new Text(time, time)
            : new Text($"{local.Month}月{local.Day}日 {time}", local.ToString("d MMM ", CultureInfo.InvariantCulture) + time);
    }

    /// <summary>"2026年11月28日 14:05" / "28 Nov 2026 14:05".</summary>
    public static Text Full(DateTimeOffset at)
    {
        var l = at.ToOffset(Jst);
        return new Text($"{l.Year}年{l.Month}月{l.Day}日 {l:HH:mm}", l.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture));
    }

    public static Text OutageNotice(string host, int port, DateTimeOffset since, DateTimeOffset now)
    {
        var when = When(since, now);
        return new Text($"現在、{host} の{port}番ポートで障害が発生しています（{when.Ja}から）。",
            $"Port {port} of {host} has been failing since {when.En} (Japan time).");
    }

    public static Text MaintenanceNotice(MaintenanceNote note, DateTimeOffset now)
    {
        var span = Span(note.From, note.Until, now);
        return new Text($"{note.Message.Ja}（{span.Ja}）", $"{note.Message.En} ({span.En}, Japan time)");
    }

    /// <summary>"12月1日 02:00〜04:00" / "1 Dec 02:00–04:00".</summary>
    public static Text Span(DateTimeOffset from, DateTimeOffset until, DateTimeOffset now)
    {
        var a = When(from, now);
        var sameDay = from.ToOffset(Jst).Date == until.ToOffset(Jst).Date;
        var b = sameDay ? new Text(until.ToOffset(Jst).ToString("HH:mm", CultureInfo.InvariantCulture), until.ToOffset(Jst).ToString("HH:mm", CultureInfo.InvariantCulture))
            : When(until, now);
        return new Text($"{a.Ja}〜{b.Ja}", $"{a.En}–{b.En}");
    }

    public static readonly Text Title = new("稼働状況", "Service status");
    public static readonly Text Intro = new(
        "当社の送信サーバーが25・587・465番ポートで応答しているかを、当社のサーバーから{0}ごとに確かめています。2回続けて応答がなければ「障害」と表示します。時刻はすべて日本時間です。",
        "We check from our own server every {0} whether our sending servers answer on ports 25, 587 and 465. Two failed checks in a row show as \"down\". All times are Japan time.");

    public static Text Every(TimeSpan interval) => interval.TotalSeconds < 120
        ? new Text($"{interval.TotalSeconds:0}秒", $"{interval.TotalSeconds:0} seconds")
        : new Text($"{Math.Round(interval.TotalMinutes):0}分", $"{Math.Round(interval.TotalMinutes):0} minutes");

    public static readonly Text Overview = new("ポートごとの状態", "Each port");
    public static readonly Text TimelineStarts = new("記録は{0}から", "Records start at {0}");
    public static readonly Text LastRound = new("最終確認: {0}", "Last checked: {0}");
    public static readonly Text NoTargets = new("監視している送信サーバーはまだ設定されていません。",
        "No sending server is being watched yet.");
    public static readonly Text NotYet = new("まだ確認していません。少しお待ちください。", "Not checked yet. Please wait a moment.");
    public static readonly Text AllOk = new("すべてのポートが正常に応答しています。", "Every port is answering normally.");
    public static readonly Text SomeDown = new("応答していないポートがあります。", "Some ports are not answering.");
    public static readonly Text MaintenanceTitle = new("メンテナンスのお知らせ", "Maintenance");
    public static readonly Text MaintenanceNow = new("実施中", "Now");
    public static readonly Text MaintenancePlanned = new("予定", "Planned");

    public static readonly Text PortTitle = new("{0}番ポート", "Port {0}");
    public static Text Mode(string mode) => mode == "implicit-tls" ? new("最初からTLS", "TLS from the start") : new("STARTTLS", "STARTTLS");
    public static readonly Text Ok = new("正常", "OK");
    public static readonly Text Down = new("障害", "Down");
    public static readonly Text Unknown = new("未確認", "Not checked yet");
    public static readonly Text OkSince = new("{0}から正常", "OK since {0}");
    public static readonly Text DownSince = new("{0}から応答なし", "Down since {0}");
    public static readonly Text LastCheckOk = new("最終確認 {0}・応答 {1}ミリ秒", "Last check {0}, answered in {1} ms");
    public static readonly Text LastCheckFailed = new("最終確認 {0}・失敗（{1}）", "Last check {0}, failed ({1})");
    public static readonly Text Uptime = new("稼働率", "Uptime");
    public static readonly Text Hours24 = new("24時間", "24 h");
    public static readonly Text Days7 = new("7日", "7 days");
    public static readonly Text Days30 = new("30日", "30 days");
    public static readonly Text Days90 = new("90日", "90 days");
    public static readonly Text NoData = new("データなし", "no data");
    public static readonly Text CertificateLeft = new("TLS証明書の期限まで残り{0}日（{1}まで）", "TLS certificate: {0} days left (until {1})");
    public static readonly Text CertificateWarn = new("TLS証明書の期限まで残り{0}日です。更新が必要です。", "The TLS certificate expires in {0} days and must be renewed.");
    public static readonly Text CertificateExpired = new("TLS証明書の期限が切れています（{0}）。", "The TLS certificate has expired ({0}).");

    public static readonly Text Timeline = new("過去24時間", "Last 24 hours");
    public static readonly Text TimelineAllOk = new("過去24時間の確認はすべて成功しました。", "Every check in the last 24 hours succeeded.");
    public static readonly Text TimelineFailed = new("{0}〜{1} 失敗", "{0}–{1} failing");
    public static readonly Text TimelineNoData = new("{0}〜{1} 確認なし", "{0}–{1} not checked");
    public static readonly Text TimelineMore = new("ほか{0}件", "and {0} more");

    public static readonly Text Bars = new("過去90日", "Last 90 days");
    public static readonly Text BarsSummary = new("過去90日の1日ごとの稼働率：確認のあった日 {0}日、100%未満の日 {1}日、最低 {2}。",
        "Daily uptime, last 90 days: days with checks {0}, days below 100% {1}, lowest {2}.");
    public static readonly Text BarsEmpty = new("過去90日の記録はまだありません。", "No record for the last 90 days yet.");
    public static readonly Text BarsTable = new("日ごとの表を開く", "Show the table by day");
    public static readonly Text Legend = new("緑：99.5%以上　黄：95%以上　赤：95%未満　灰：確認なし", "Green: 99.5% or more · Amber: 95% or more · Red: below 95% · Grey: no checks");
    public static readonly Text Date = new("日付", "Date");
    public static readonly Text Checks = new("確認回数", "Checks");
    public static readonly Text MeanMs = new("平均応答（ミリ秒）", "Mean answer (ms)");

    public static readonly Text Events = new("変更の記録", "Changes");
    public static readonly Text NoEvents = new("記録された変更はありません。", "No change recorded.");
    public static readonly Text At = new("日時", "When");
    public static readonly Text Port = new("ポート", "Port");
    public static readonly Text What = new("内容", "What");

    // Staff: maintenance notes.
    public static readonly Text StaffTitle = new("メンテナンスのお知らせ", "Maintenance notes");
    public static readonly Text StaffIntro = new(
        "ここで登録したお知らせは、開始から終了まで稼働状況のページと、ホーム・接続テスト・回線テストのページの上部に表示されます。時刻は日本時間です。",
        "A note shows on the status page, and at the top of the home, port test and line test pages, from its start until its end. Times are Japan time.");
    public static readonly Text TextJa = new("お知らせ（日本語）", "Note (Japanese)");
    public static readonly Text TextEn = new("お知らせ（英語）", "Note (English)");
    public static readonly Text From = new("開始（日本時間）", "From (Japan time)");
    public static readonly Text Until = new("終了（日本時間）", "Until (Japan time)");
    public static readonly Text Add = new("登録する", "Add");
    public static readonly Text Delete = new("削除", "Delete");
    public static readonly Text By = new("登録者", "By");
    public static readonly Text Current = new("登録済みのお知らせ", "Current and planned notes");
    public static readonly Text NoneYet = new("終了していないお知らせはありません。", "No note that has not ended.");
    public static readonly Text Added = new("お知らせを登録しました。", "The note was added.");
    public static readonly Text Deleted = new("お知らせを削除しました。", "The note was deleted.");
    public static readonly Text NeedBoth = new("日本語と英語の両方のお知らせを、それぞれ500文字以内で入力してください。",
        "Enter the note in both Japanese and English, each at most 500 characters.");
    public static readonly Text BadTimes = new("開始と終了の日時を入力してください。終了は開始より後で、まだ過ぎていない日時にしてください。",
        "Enter both times. The end must be after the start and not yet past.");
    public static readonly Text TooLong = new("お知らせの期間は31日までです。", "A note may last at most 31 days.");

    public static Text Event(string kind) => kind switch
    {
        "down" => new("応答しなくなりました", "Stopped answering"),
        "up" => new("応答が戻りました", "Answering again"),
        "greeting" => new("グリーティングが変わりました", "Greeting changed"),
        "auth" => new("AUTHの方式が変わりました", "AUTH mechanisms changed"),
        "tls" => new("TLSのバージョンが変わりました", "TLS protocol changed"),
        "certificate" => new("TLS証明書が変わりました", "Certificate changed"),
        _ => new(kind, kind),
    };

    /// <summary>Cut, not rounded, so a day with one failure never reads "100%".</summary>
    public static string Percent(double? value) => value switch
    {
        null => "—",
        100 => "100%",
        0 => "0%",
        >= 99 and var v => (Math.Floor(v * 100) / 100).ToString("0.00", CultureInfo.InvariantCulture) + "%",
        var v => (Math.Floor(v.Value * 10) / 10).ToString("0.0", CultureInfo.InvariantCulture) + "%",
    };
}
