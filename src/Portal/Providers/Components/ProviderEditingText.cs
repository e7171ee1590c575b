using Portal.Site;

namespace Portal.Providers.Components;

/// <summary>The staff pages' words for editing and importing the registry (moved with the pages from Staff).</summary>
public static class ProviderEditingText
{
    public static readonly Text AddProvider = new("新しいプロバイダーを追加", "Add a provider");
    public static readonly Text AddTitle = new("プロバイダーを追加", "Add a provider");
    public static readonly Text Added = new("追加", "Added");
    public static readonly Text After = new("変更後", "After");
    public static readonly Text Before = new("変更前", "Before");
    public static readonly Text Changed = new("変更", "Changed");
    public static readonly Text ChangedSincePreview = new("確認のあとで次のプロバイダーが変更されたため、何も取り込んでいません。もう一度ファイルを選んで確認してください。",
        "These providers changed after the preview, so nothing was imported. Choose the file again and preview it.");
    public static readonly Text ChooseFile = new("1バイト以上5MB以下のCSVファイルを選んでください。", "Choose a CSV file of up to 5 MB.");
    public static readonly Text ConfirmDelete = new("削除しますか?(管理者が復元できます)", "Delete? (an admin can restore it)");
    public static readonly Text Conflict = new("あなたが編集している間に、{0} さんがこのプロバイダーを変更しました。上書きはしていません。相手の変更を確かめてから、もう一度編集してください。",
        "While you were editing, {0} changed this provider. Nothing was overwritten: check their change, then edit again.");
    public static readonly Text CsvFile = new("CSVファイル", "CSV file");
    public static readonly Text CsvImport = new("CSVの取り込み", "CSV import");
    public static readonly Text Delete = new("削除", "Delete");
    public static readonly Text Deleted = new("削除済み", "deleted");
    public static readonly Text EditLatest = new("最新の内容で編集し直す", "Edit the latest version");
    public static readonly Text EditTitle = new("プロバイダーを編集", "Edit provider");
    public static readonly Text Field = new("項目", "Field");
    public static readonly Text History = new("変更履歴", "History");
    public static readonly Text ImportAll = new("すべて取り込む", "Import all");
    public static readonly Text ImportIntro = new(
        "/api/providers.csv と同じ列のCSV(UTF-8、5MBまで)を選ぶと、追加・変更される内容と不正な行を先に表示します。不正な行が1つでもあれば何も取り込みません。name_ja と op25b の列は必須です。ほかの列がないときは、その項目は変更しません。",
        "Choose a UTF-8 CSV (up to 5 MB) with the columns of /api/providers.csv. You see what will be added and changed, and every invalid row, first; one invalid row and nothing is imported. name_ja and op25b are required columns; a missing column leaves that field unchanged.");
    public static readonly Text Imported = new("{0}件を取り込みました。", "Imported {0} rows.");
    public static readonly Text InvalidRows = new("不正な行があるため取り込めません。", "Invalid rows: nothing can be imported.");
    public static readonly Text Kana = new("読み(かな)", "Reading in kana");
    public static readonly Text LastVerified = new("確認日", "Last verified (2026-11-28)");
    public static readonly Text Line = new("{0}行目", "line {0}");
    public static readonly Text MailDns = new("メール設定用のDNSレコード", "DNS records for mail setup");
    public static readonly Text Maintenance = new("メンテナンスのお知らせ", "Maintenance notes");
    public static readonly Text NameEn = new("英語の名称", "English name");
    public static readonly Text NameJa = new("日本語の名称", "Japanese name *");
    public static readonly Text New = new("新規", "New");
    public static readonly Text NotRestored = new("復元できませんでした。", "Could not restore.");
    public static readonly Text NotSaved = new("保存できませんでした。次の点を直してください。", "Not saved. Please fix:");
    public static readonly Text Notes = new("備考(英語、{0}文字まで)", "Notes in English (up to {0})");
    public static readonly Text NotesJa = new("備考(日本語、{0}文字まで)", "Notes in Japanese (up to {0})");
    public static readonly Text NothingToImport = new("取り込む変更はありません。", "Nothing to import: the file matches the registry.");
    public static readonly Text OnlyAdminRestores = new("復元は管理者だけができます。", "Only an admin can restore.");
    public static readonly Text Operator = new("運営会社", "Operator");
    public static readonly Text Ports = new("推奨ポート", "Ports (587, 465)");
    public static readonly Text Preview = new("内容を確認", "Preview");
    public static readonly Text PreviewExpired = new("確認した内容が見つかりません(30分で期限切れになります)。もう一度ファイルを選んでください。",
        "The preview has expired (after 30 minutes) or was already imported: choose the file again.");
    public static readonly Text Rdns = new("逆引きドメイン", "Reverse-DNS suffixes");
    public static readonly Text Registry = new("プロバイダー登録の管理", "Provider registry");
    public static readonly Text Reply = new("返信メールを作る", "Build a reply");
    public static readonly Text Restore = new("復元", "Restore");
    public static readonly Text Restored = new("復元しました。", "Restored.");
    public static readonly Text Results = new("試験結果", "Test results");
    public static readonly Text Save = new("保存", "Save");
    public static readonly Text Saved = new("保存しました。", "Saved.");
    public static readonly Text SearchMisses = new("見つからなかった検索", "Searches that found nothing");
    public static readonly Text SignOut = new("ログアウト", "Sign out");
    public static readonly Text Since = new("開始時期", "Since (2006, 2006-05, 2006-05-01)");
    public static readonly Text SourceUrl = new("出典URL", "Source URL");
    public static readonly Text Updated = new("更新", "Updated");
}
