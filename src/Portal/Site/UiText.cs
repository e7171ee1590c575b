namespace Portal.Site;

/// <summary>Interface text in both languages; content text lives in content/.</summary>
public sealed record UiText
{
    public required string SiteName { get; init; }
    public required string Home { get; init; }
    public required string Qa { get; init; }
    public required string Explanation { get; init; }
    public required string Search { get; init; }
    public required string Tester { get; init; }
    public required string Providers { get; init; }
    public required string SearchPlaceholder { get; init; }
    public required string SearchButton { get; init; }
    public required string SearchEmpty { get; init; }
    public required string SearchTooLong { get; init; }
    public required string SearchNone { get; init; }
    public required string SearchCount { get; init; }
    public required string SwitchTo { get; init; }
    public required string SwitchLabel { get; init; }
    public required string Updated { get; init; }
    public required string Contents { get; init; }
    public required string Permalink { get; init; }
    public required string CopyHint { get; init; }
    public required string AllQuestions { get; init; }
    public required string NotFoundTitle { get; init; }
    public required string NotFoundText { get; init; }
    public required string Footer { get; init; }
    public required string SkipToContent { get; init; }
    public required string QuestionPrefix { get; init; }
    public required string AnswerPrefix { get; init; }
    public required string MainNav { get; init; }

    public static UiText For(Lang lang) => lang == Lang.En ? En : Ja;

    public static readonly UiText Ja = new()
    {
        SiteName = "西院ネットワークス サポート",
        Home = "ホーム",
        Qa = "お知らせとQ&A",
        Explanation = "図解",
        Tester = "接続テスト",
        Providers = "プロバイダ一覧",
        Search = "検索",
        SearchPlaceholder = "例: 587、サブミッション",
        SearchButton = "検索",
        SearchEmpty = "検索する言葉を入力してください。",
        SearchTooLong = $"検索する言葉は{Content.ContentSearch.MaxQueryLength}文字以内で入力してください。",
        SearchNone = "「{0}」に一致する項目は見つかりませんでした。言葉を短くするか、別の言い方でお試しください。",
        SearchCount = "「{0}」の検索結果: {1}件",
        SwitchTo = "English",
        SwitchLabel = "Read this page in English",
        Updated = "最終更新",
        Contents = "目次",
        Permalink = "この質問へのリンク",
        CopyHint = "このページのURLをメールに貼り付けてご案内いただけます。",
        AllQuestions = "すべての質問を見る",
        NotFoundTitle = "ページが見つかりません",
        NotFoundText = "お探しのページは移動または削除されたか、URLが間違っている可能性があります。",
        Footer = "西院ネットワークス",
        SkipToContent = "本文へ移動",
        QuestionPrefix = "Q",
        AnswerPrefix = "A",
        MainNav = "メインメニュー",
    };

    public static readonly UiText En = new()
    {
        SiteName = "Saiin Networks Support",
        Home = "Home",
        Qa = "Notice and Q&A",
        Explanation = "Illustrated guide",
        Tester = "Port test",
        Providers = "Providers",
        Search = "Search",
        SearchPlaceholder = "e.g. 587, submission",
        SearchButton = "Search",
        SearchEmpty = "Please enter a word to search for.",
        SearchTooLong = $"Please keep your search to {Content.ContentSearch.MaxQueryLength} characters or fewer.",
        SearchNone = "Nothing matched “{0}”. Try a shorter word or a different one.",
        SearchCount = "Results for “{0}”: {1}",
        SwitchTo = "日本語",
        SwitchLabel = "このページを日本語で読む",
        Updated = "Last updated",
        Contents = "Contents",
        Permalink = "Link to this question",
        CopyHint = "You can paste this page's address into an e-mail.",
        AllQuestions = "See all questions",
        NotFoundTitle = "Page not found",
        NotFoundText = "The page you are looking for may have moved or been removed, or the address may be mistyped.",
        Footer = "Saiin Networks",
        SkipToContent = "Skip to content",
        QuestionPrefix = "Q",
        AnswerPrefix = "A",
        MainNav = "Main menu",
    };

    public string Date(DateOnly date) =>
        ReferenceEquals(this, En) ? date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)
                                  : $"{date.Year}年{date.Month}月{date.Day}日";
}
