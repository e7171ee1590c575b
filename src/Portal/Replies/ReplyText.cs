using Portal.Site;

namespace Portal.Replies;

public static class ReplyText
{
    public static readonly Text Title = new("返信メールを作る", "Build a reply");
    public static readonly Text Intro = new(
        "言語・文面・引用する質問・リンクを選ぶと、メールの本文ができます。リンクは Site:PublicUrl から作る完全なアドレスです。文面は content/ja/replies と content/en/replies にあります。",
        "Choose the language, the template, the questions to quote and the links: the e-mail body is assembled below. Links are full addresses built from Site:PublicUrl. The templates live in content/ja/replies and content/en/replies.");
    public static readonly Text Language = new("言語", "Language");
    /// <summary>Each language by its own name: 日本語 and English.</summary>
    public static readonly Text Japanese = new("日本語", "English");
    public static readonly Text Template = new("文面", "Template");
    public static readonly Text Questions = new("引用する質問", "Questions to quote");
    public static readonly Text TesterLink = new("接続テストのリンク", "Tester link");
    public static readonly Text Host = new("送信サーバー", "Sending server");
    public static readonly Text Ports = new("ポート", "Ports");
    public static readonly Text Ticket = new("お問い合わせ番号", "Ticket");
    public static readonly Text LineTestLink = new("回線テストのリンクを入れる", "Include a line-test link");
    public static readonly Text Setup = new("設定の手順", "Setup guide");
    public static readonly Text NoSetup = new("入れない", "None");
    public static readonly Text SetupIndex = new("一覧（/setup）", "All guides (/setup)");
    public static readonly Text Preview = new("本文", "Body");
    public static readonly Text Copy = new("本文をコピー", "Copy the body");
    public static readonly Text Copied = new("コピーしました。", "Copied.");
    public static readonly Text CopyFailed = new("コピーできませんでした。本文を選んでコピーしてください。", "Could not copy: please select the text and copy it.");
    public static readonly Text NoTemplates = new("返信の文面がありません（content/{ja,en}/replies/*.md）。", "There are no reply templates (content/{ja,en}/replies/*.md).");
    public static readonly Text NoPlaceFor = new("この文面には「{0}」を入れる場所がありません。別の文面を選ぶか、本文に書き足してください。",
        "This template has no place for the {1}: choose another template, or add it by hand.");

    public static Text PlaceholderName(string name) => name switch
    {
        "questions" => new("引用する質問", "quoted questions"),
        "tester_link" => new("接続テストのリンク", "tester link"),
        "line_test_link" => new("回線テストのリンク", "line-test link"),
        _ => new("設定の手順", "setup guide"),
    };

    public static readonly Text BadTicket = new(
        "お問い合わせ番号は半角英数字と「- _ #」で32文字までです。リンクには入れていません。",
        "The ticket may hold at most 32 of letters, digits and - _ #; it is left out of the links.");
    public static readonly Text LongLink = new(
        "リンクが{0}文字あります（{1}文字を超えると、メールの折り返しで開けなくなることがあります）：{2}",
        "A link is {0} characters long (over {1}, e-mail line wrapping may break it): {2}");
}
