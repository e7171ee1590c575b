namespace Portal.Site;

/// <summary>The words of the layout and the reading pages; content text lives in content/.</summary>
public static class SiteText
{
    public static readonly Text SiteName = new("西院ネットワークス サポート", "Saiin Networks Support");
    public static readonly Text Home = new("ホーム", "Home");
    public static readonly Text Qa = new("お知らせとQ&A", "Notice and Q&A");
    public static readonly Text Explanation = new("図解", "Illustrated guide");
    public static readonly Text Tester = new("接続テスト", "Port test");
    public static readonly Text LineTest = new("回線テスト", "Line test");
    public static readonly Text Setup = new("メール設定", "Mail setup");
    public static readonly Text SetupCard = new("メールソフトを設定する", "Set up my mail program");
    public static readonly Text SetupCardText = new(
        "Outlook、Thunderbird、iPhone・iPad、Mac、Androidの画面で、送信ポートとSMTP認証を設定する手順です。",
        "Step by step for Outlook, Thunderbird, iPhone and iPad, Mac and Android: the outgoing port and SMTP AUTH.");
    public static readonly Text LineTestCard = new("お使いの回線をテストする", "Test your own line");
    public static readonly Text LineTestCardText = new(
        "パソコンで1行のコマンドを実行して、お使いの回線が25番ポートを遮断しているか(OP25B)を確かめます。",
        "Run one command on your computer to see whether your line blocks port 25 (OP25B).");
    public static readonly Text TesterCard = new("送信サーバーをテストする", "Test a sending server");
    public static readonly Text TesterCardText = new(
        "当社のサーバーから、送信サーバーが25・587・465番で応答するかを確かめます。",
        "From our server, check whether a sending server answers on 25, 587 and 465.");
    public static readonly Text Providers = new("プロバイダー一覧", "Providers");
    public static readonly Text Search = new("検索", "Search");
    public static readonly Text SearchPlaceholder = new("例: 587、サブミッション", "e.g. 587, submission");
    public static readonly Text SearchButton = new("検索", "Search");
    public static readonly Text SearchNone = new("「{0}」に一致する項目は見つかりませんでした。言葉を短くするか、別の言い方でお試しください。",
        "Nothing matched “{0}”. Try a shorter word or a different one.");
    public static readonly Text SearchCount = new("「{0}」の検索結果: {1}件", "Results for “{0}”: {1}");
    /// <summary>The link to the other language, written in that language.</summary>
    public static readonly Text SwitchTo = new("English", "日本語");
    public static readonly Text SwitchLabel = new("Read this page in English", "このページを日本語で読む");
    public static readonly Text Updated = new("最終更新", "Last updated");
    public static readonly Text Contents = new("目次", "Contents");
    public static readonly Text Permalink = new("この質問へのリンク", "Link to this question");
    public static readonly Text CopyHint = new("このページのURLをメールに貼り付けてご案内いただけます。", "You can paste this page's address into an e-mail.");
    public static readonly Text AllQuestions = new("すべての質問を見る", "See all questions");
    public static readonly Text NotFoundTitle = new("ページが見つかりません", "Page not found");
    public static readonly Text NotFoundText = new("お探しのページは移動または削除されたか、URLが間違っている可能性があります。",
        "The page you are looking for may have moved or been removed, or the address may be mistyped.");
    public static readonly Text Footer = new("西院ネットワークス", "Saiin Networks");
    public static readonly Text ResultId = new("結果ID:", "Result ID:");
    public static readonly Text CopyId = new("IDをコピー", "Copy the ID");
    public static readonly Text IdCopied = new("コピーしました", "Copied");
    public static readonly Text ResultPage = new("この結果のページ", "This result's page");
    public static readonly Text TryThese = new("こちらもお試しください", "You could try these");
    public static readonly Text ContactLead = new("解決しないときのお問い合わせ: ", "Still stuck? Contact support: ");
    public static readonly Text SkipToContent = new("本文へ移動", "Skip to content");
    public static readonly Text MainNav = new("メインメニュー", "Main menu");
    public static readonly Text TableLabel = new("表(横にスクロールできます)", "Table (scrolls sideways)");
    public static readonly Text ErrorTitle = new("エラーが発生しました", "Something went wrong");
    public static readonly Text ErrorText = new("申し訳ありません。ページを表示できませんでした。しばらくしてから、もう一度お試しください。",
        "Sorry, this page could not be shown. Please try again in a little while.");
    public static readonly Text TooLarge = new("ファイルが大きすぎます", "File too large");
    public static readonly Text TooLargeText = new("送信できるのは {0} MB までです。ファイルを分けてもう一度お試しください。",
        "Uploads are limited to {0} MB. Split the file and try again.");
    public static readonly Text Back = new("戻る", "Back");
    public static readonly Text ServiceNotices = new("当社サービスからのお知らせ", "Notices about our service");
    public static readonly Text Outage = new("障害", "Outage");
    public static readonly Text Maintenance = new("メンテナンス", "Maintenance");
    public static readonly Text StatusLink = new("稼働状況を見る", "See the service status");
    public static readonly Text Status = new("稼働状況", "Service status");
    public const string QuestionPrefix = "Q";
    public const string AnswerPrefix = "A";

    public static string Date(DateOnly date, Lang lang) =>
        lang == Lang.En ? date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture) : $"{date.Year}年{date.Month}月{date.Day}日";
}
