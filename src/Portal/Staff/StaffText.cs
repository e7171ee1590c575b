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
    // One answer for a wrong password, an unknown name and a locked account, so the page does not tell which names exist.
    public static readonly Text Wrong = new("名前またはパスワードが違います。または、失敗が続いたためアカウントが{0}分間ロックされています。",
        "The name or password is wrong, or the account is locked for {0} minutes after repeated failures.");
    public static readonly Text ReauthLocked = new("今のパスワードの誤りが続いたため、アカウントを{0}分間ロックし、ログアウトしました。",
        "The current password was wrong too often: the account is locked for {0} minutes and you have been signed out.");
    public static readonly Text AddressThrottled = new("この接続元からのログインの失敗が多すぎます。{0}分ほど待ってください。",
        "Too many failed sign-ins from your address: wait about {0} minutes.");
    public static readonly Text Disabled = new("このアカウントは無効になっています。管理者にお問い合わせください。", "This account is disabled: ask an admin.");

    public static readonly Text ChangePassword = new("パスワードの変更", "Change password");
    public static readonly Text Accounts = new("アカウント管理", "Accounts");

    public static readonly Text NotAllowed = new("この操作の権限がありません", "You are not allowed to do this");
    public static readonly Text AdminOnly = new("管理者(admin)だけができる操作です。", "Only an admin can do this.");
    public static readonly Text StaffHome = new("スタッフページへ", "Staff home");



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
