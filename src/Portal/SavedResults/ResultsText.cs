using Portal.Site;

namespace Portal.SavedResults;

public static class ResultsText
{
    public static readonly Text NotFound = new("この結果はありません。保存期間が過ぎたか、IDが違います。", "There is no such result: it has expired, or the ID is wrong.");
    public static readonly Text Title = new("試験結果 {0}", "Test result {0}");
    public static readonly Text ResultId = new("結果ID", "Result ID");
    public static readonly Text TestedAt = new("試験日時", "Tested at");
    public static readonly Text Host = new("サーバー", "Server");
    public static readonly Text Ports = new("ポート", "Ports");
    public static readonly Text Ticket = new("お問い合わせ番号", "Ticket");
    public static readonly Text RunAgain = new("もう一度試験する", "Run the test again");
    public static readonly Text Kept = new("この結果は{0}日間保存されます。サポートにお問い合わせの際は、結果IDをお伝えください。",
        "This result is kept for {0} days. When you contact support, please give them the result ID.");
    public static readonly Text LineTest = new("回線テスト（お使いの回線から）", "Line test (from your own line)");
    public static readonly Text Provider = new("回線のプロバイダー", "Your line's provider");
    public static readonly Text Verdict = new("結果", "Verdict");
    public static readonly Text PortNumber = new("{0}番ポート", "Port {0}");
    public static readonly Text Arrived = new("届きました", "Arrived");
    public static readonly Text NotArrived = new("届きませんでした", "Did not arrive");
    public static readonly Text Jst = new("{0}（日本時間）", "{0} (Japan time)");

    // Staff.
    public static readonly Text StaffTitle = new("試験結果を探す", "Find test results");
    public static readonly Text StaffIntro = new("お問い合わせ番号・結果ID・サーバー・日付（日本時間）で探せます。新しい順に最大200件です。",
        "Search by ticket, result ID, server or date (Japan time). Newest first, at most 200.");
    public static readonly Text From = new("から", "From");
    public static readonly Text To = new("まで", "To");
    public static readonly Text Search = new("検索", "Search");
    public static readonly Text None = new("該当する結果はありません。", "No result matches.");
    public static readonly Text Kind = new("種類", "Kind");
    public static readonly Text Client = new("お客さまのアドレス", "Customer's address");
    public static readonly Text Dialogue = new("{0}番のSMTPのやりとり", "SMTP dialogue on port {0}");
    public static readonly Text NoDialogue = new("やりとりはありません(接続できませんでした)。", "No dialogue (no connection).");
    public static readonly Text Certificate = new("証明書", "Certificate");
    public static readonly Text Delete = new("この結果を削除", "Delete this result");
    public static readonly Text DeleteConfirm = new("この結果を削除します。よろしいですか?", "Delete this result?");
    public static readonly Text Deleted = new("結果 {0} を削除しました。", "Result {0} was deleted.");
    public static readonly Text CustomerView = new("お客さまの画面", "What the customer sees");
    public static readonly Text BackToList = new("結果の一覧へ", "Back to the results");
}
