using Portal.Site;

namespace Portal.Staff;

/// <summary>The staff area's words; staff pages show both languages at once.</summary>
public static class StaffText
{
    public static readonly Text Staff = new("スタッフ", "Staff");
    public static readonly Text SignIn = new("スタッフログイン", "Staff sign-in");
    public static readonly Text Name = new("名前", "Name");
    public static readonly Text Password = new("パスワード", "Password");
    public static readonly Text SignInButton = new("ログイン", "Sign in");
    public static readonly Text SignOut = new("ログアウト", "Sign out");
    // One answer for a wrong password, an unknown name and a locked account, so the page does not tell which names exist.
    public static readonly Text Wrong = new("名前またはパスワードが違います。または、失敗が続いたためアカウントが{0}分間ロックされています。",
        "The name or password is wrong, or the account is locked for {0} minutes after repeated failures.");
    public static readonly Text ReauthLocked = new("今のパスワードの誤りが続いたため、アカウントを{0}分間ロックし、ログアウトしました。",
        "The current password was wrong too often: the account is locked for {0} minutes and you have been signed out.");
    public static readonly Text AddressThrottled = new("この接続元からのログインの失敗が多すぎます。{0}分ほど待ってください。",
        "Too many failed sign-ins from your address: wait about {0} minutes.");
    public static readonly Text Disabled = new("このアカウントは無効になっています。管理者にお問い合わせください。", "This account is disabled: ask an admin.");

    public static readonly Text Registry = new("プロバイダー登録の管理", "Provider registry");
    public static readonly Text AddProvider = new("新しいプロバイダーを追加", "Add a provider");
    public static readonly Text CsvImport = new("CSVの取り込み", "CSV import");
    public static readonly Text ChangePassword = new("パスワードの変更", "Change password");
    public static readonly Text MailDns = new("メール設定用のDNSレコード", "DNS records for mail setup");
    public static readonly Text SearchMisses = new("見つからなかった検索", "Searches that found nothing");
    public static readonly Text Results = new("試験結果", "Test results");
    public static readonly Text Maintenance = new("メンテナンスのお知らせ", "Maintenance notes");
    public static readonly Text Reply = new("返信メールを作る", "Build a reply");
    public static readonly Text Accounts = new("アカウント管理", "Accounts");
    public static readonly Text Updated = new("更新", "Updated");
    public static readonly Text Restore = new("復元", "Restore");
    public static readonly Text Deleted = new("削除済み", "deleted");
    public static readonly Text OnlyAdminRestores = new("復元は管理者だけができます。", "Only an admin can restore.");
    public static readonly Text Restored = new("復元しました。", "Restored.");
    public static readonly Text NotRestored = new("復元できませんでした。", "Could not restore.");

    public static readonly Text NotAllowed = new("この操作の権限がありません", "You are not allowed to do this");
    public static readonly Text AdminOnly = new("管理者(admin)だけができる操作です。", "Only an admin can do this.");
    public static readonly Text StaffHome = new("スタッフページへ", "Staff home");

    public static readonly Text New = new("新規", "New");
    public static readonly Text AddTitle = new("プロバイダーを追加", "Add a provider");
    public static readonly Text EditTitle = new("プロバイダーを編集", "Edit provider");
    public static readonly Text Saved = new("保存しました。", "Saved.");
    public static readonly Text NotSaved = new("保存できませんでした。次の点を直してください。", "Not saved. Please fix:");
    public static readonly Text Conflict = new("あなたが編集している間に、{0} さんがこのプロバイダーを変更しました。上書きはしていません。相手の変更を確かめてから、もう一度編集してください。",
        "While you were editing, {0} changed this provider. Nothing was overwritten: check their change, then edit again.");
    public static readonly Text Field = new("項目", "Field");
    public static readonly Text Before = new("変更前", "Before");
    public static readonly Text After = new("変更後", "After");
    public static readonly Text EditLatest = new("最新の内容で編集し直す", "Edit the latest version");
    public static readonly Text NameJa = new("日本語の名称", "Japanese name *");
    public static readonly Text NameEn = new("英語の名称", "English name");
    public static readonly Text Kana = new("読み(かな)", "Reading in kana");
    public static readonly Text Operator = new("運営会社", "Operator");
    public static readonly Text Since = new("開始時期", "Since (2006, 2006-05, 2006-05-01)");
    public static readonly Text Ports = new("推奨ポート", "Ports (587, 465)");
    public static readonly Text Notes = new("備考(英語、{0}文字まで)", "Notes in English (up to {0})");
    public static readonly Text NotesJa = new("備考(日本語、{0}文字まで)", "Notes in Japanese (up to {0})");
    public static readonly Text SourceUrl = new("出典URL", "Source URL");
    public static readonly Text Rdns = new("逆引きドメイン", "Reverse-DNS suffixes");
    public static readonly Text LastVerified = new("確認日", "Last verified (2026-11-28)");
    public static readonly Text Save = new("保存", "Save");
    public static readonly Text Delete = new("削除", "Delete");
    public static readonly Text ConfirmDelete = new("削除しますか?(管理者が復元できます)", "Delete? (an admin can restore it)");
    public static readonly Text History = new("変更履歴", "History");

    public static readonly Text ImportIntro = new(
        "/api/providers.csv と同じ列のCSV(UTF-8、5MBまで)を選ぶと、追加・変更される内容と不正な行を先に表示します。不正な行が1つでもあれば何も取り込みません。name_ja と op25b の列は必須です。ほかの列がないときは、その項目は変更しません。",
        "Choose a UTF-8 CSV (up to 5 MB) with the columns of /api/providers.csv. You see what will be added and changed, and every invalid row, first; one invalid row and nothing is imported. name_ja and op25b are required columns; a missing column leaves that field unchanged.");
    public static readonly Text CsvFile = new("CSVファイル", "CSV file");
    public static readonly Text Preview = new("内容を確認", "Preview");
    public static readonly Text ChooseFile = new("1バイト以上5MB以下のCSVファイルを選んでください。", "Choose a CSV file of up to 5 MB.");
    public static readonly Text NothingToImport = new("取り込む変更はありません。", "Nothing to import: the file matches the registry.");
    public static readonly Text PreviewExpired = new("確認した内容が見つかりません(30分で期限切れになります)。もう一度ファイルを選んでください。",
        "The preview has expired (after 30 minutes) or was already imported: choose the file again.");
    public static readonly Text ChangedSincePreview = new("確認のあとで次のプロバイダーが変更されたため、何も取り込んでいません。もう一度ファイルを選んで確認してください。",
        "These providers changed after the preview, so nothing was imported. Choose the file again and preview it.");
    public static readonly Text InvalidRows = new("不正な行があるため取り込めません。", "Invalid rows: nothing can be imported.");
    public static readonly Text Line = new("{0}行目", "line {0}");
    public static readonly Text Added = new("追加", "Added");
    public static readonly Text Changed = new("変更", "Changed");
    public static readonly Text ImportAll = new("すべて取り込む", "Import all");
    public static readonly Text Imported = new("{0}件を取り込みました。", "Imported {0} rows.");

    public static readonly Text PasswordTitle = new("パスワードの変更", "Change your password");
    public static readonly Text CurrentPassword = new("今のパスワード", "Current password");
    public static readonly Text NewPassword = new("新しいパスワード({0}文字以上)", "New password (at least {0} characters)");
    public static readonly Text Change = new("変更", "Change");
    public static readonly Text SignsOutElsewhere = new("変更すると、ほかの端末でのログインは終了します。", "Changing it signs you out everywhere else.");
    public static readonly Text PasswordTooShort = new("新しいパスワードは{0}文字以上にしてください。", "The new password must be at least {0} characters.");
    public static readonly Text CurrentWrong = new("今のパスワードが違います。", "The current password is wrong.");
    public static readonly Text PasswordChanged = new("パスワードを変更しました。", "Your password has been changed.");

    public static readonly Text AccountsTitle = new("アカウント管理", "Staff accounts");
    public static readonly Text AccountList = new("アカウント一覧", "Accounts");
    public static readonly Text Role = new("役割", "Role");
    public static readonly Text State = new("状態", "State");
    public static readonly Text Created = new("作成", "Created");
    public static readonly Text Actions = new("操作", "Actions");
    public static readonly Text Disable = new("無効にする", "Disable");
    public static readonly Text Enable = new("有効にする", "Enable");
    public static readonly Text Unlock = new("ロック解除", "Unlock");
    public static readonly Text Active = new("有効", "active");
    public static readonly Text IsDisabled = new("無効", "disabled");
    public static readonly Text IsLocked = new("ロック中", "locked");

    /// <summary>An account's state; `staff list` prints the English word.</summary>
    public static Text StateOf(StaffAccount a) => a.DisabledAt is not null ? IsDisabled : a.LockedUntil is not null ? IsLocked : Active;
    public static readonly Text NotYourself = new("自分のアカウントは無効にできません。", "You cannot disable your own account.");
    public static readonly Text DisabledName = new("{0} を無効にしました。", "Disabled {0}.");
    public static readonly Text EnabledName = new("{0} を有効にしました。", "Enabled {0}.");
    public static readonly Text UnlockedName = new("{0} のロックを解除しました。", "Unlocked {0}.");
    public static readonly Text NothingChanged = new("変更はありません。", "Nothing changed.");
    public static readonly Text CommandsNote = new("アカウントの追加とパスワードの再設定はサーバーのコマンド(staff add、staff passwd)で行います。",
        "Accounts are added, and passwords reset, with the server commands staff add and staff passwd.");
}
