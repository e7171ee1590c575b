using Portal.Site;

namespace Portal.Search;

public static class SearchText
{
    public static readonly Text Questions = new("よくある質問", "Questions");
    public static readonly Text Providers = new("プロバイダー一覧", "Provider registry");
    public static readonly Text Suggestions = new("候補", "Suggestions");
    public static readonly Text SuggestionCount = new("候補{0}件。上下の矢印キーで選べます。", "{0} suggestions. Use the up and down arrow keys to choose.");
    public static readonly Text NoSuggestions = new("候補はありません。Enterキーで検索します。", "No suggestions. Press Enter to search.");
    public static readonly Text QueryTooLong = new($"検索する言葉は{SearchIndex.MaxQueryLength}文字以内で入力してください。",
        $"Please keep your search to {SearchIndex.MaxQueryLength} characters or fewer.");
    public static readonly Text QueryEmpty = new("検索する言葉を入力してください。", "Please enter a word to search for.");
    public static readonly Text BadLang = new("lang は ja か en で指定してください。", "lang must be ja or en.");

    // Staff: the searches that found nothing.
    public static readonly Text MissesTitle = new("見つからなかった検索", "Searches that found nothing");
    public static readonly Text MissesIntro = new(
        "お客さまが検索して結果が0件だった言葉です（直近{0}日、多い順に最大50件）。言葉と日ごとの件数だけを記録し、アドレスやクッキーは記録しません。" +
        "同じ意味の言葉を content/ja/search-synonyms.txt（英語は content/en/search-synonyms.txt）に追加するか、答えがなければQ&Aを書いてください。保存するとすぐに検索に反映されます。",
        "Words customers searched for that found nothing (last {0} days, most frequent first, up to 50). Only the words and a count per day are kept: no address, no cookie. " +
        "Add a line to content/ja/search-synonyms.txt (English: content/en/search-synonyms.txt) or write a question if the answer is missing; search picks it up as soon as the file is saved.");
    public static readonly Text MissesNone = new("この期間に結果0件の検索はありません。", "No search found nothing in this period.");
    public static readonly Text MissesQuery = new("検索した言葉", "Query");
    public static readonly Text MissesLang = new("言語", "Language");
    public static readonly Text MissesCount = new("回数", "Count");
    public static readonly Text MissesLastSeen = new("最後の日", "Last seen");
    public static readonly Text MissesNow = new("現在の結果", "Results now");
    public static readonly Text MissesDays = new("期間", "Period");
    public static readonly Text MissesDaysOption = new("直近{0}日", "Last {0} days");
    public static readonly Text MissesShow = new("表示", "Show");
}
