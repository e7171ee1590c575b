using Portal.Site;

namespace Portal.Providers.Components;

/// <summary>The registry pages' words in both languages.</summary>
public static class ProviderText
{
    public static readonly Text ListTitle = new("プロバイダーとOP25B", "Providers and OP25B");
    public static readonly Text ListHeading = new("プロバイダーのOP25B一覧", "Does my provider block port 25?");
    public static readonly Text ListIntro = new(
        "各プロバイダーがOutbound Port 25 Blocking(OP25B)を導入しているか、代わりにどのポートを使うかの一覧です。同じプロバイダーでもプランによって異なるため、確かなことはご利用のプロバイダーにお問い合わせください。",
        "Whether each internet provider applies Outbound Port 25 Blocking, and which port to use instead. Plans differ even within one provider: when in doubt, ask your provider.");
    public static readonly Text SearchLabel = new("プロバイダー名(日本語・かな・英語)", "Provider name (Japanese, kana or English)");
    public static readonly Text SearchPlaceholder = new("例: ぷらら、OCN", "e.g. OCN, plala");
    public static readonly Text StatusLabel = new("状況", "Status");
    public static readonly Text AnyStatus = new("すべての状況", "Any status");
    public static readonly Text Search = new("検索", "Search");
    public static readonly Text BadQuery = new("検索語は100文字以内、状況は一覧から選んでください。", "Please use at most 100 characters and one of the listed statuses.");
    public static readonly Text Count = new("{0}件", "{0} providers");
    public static readonly Text SearchAll = new("プロバイダーを検索する", "Search all providers");
    public static readonly Text Name = new("名称", "Name");
    public static readonly Text Operator = new("運営会社", "Operator");
    public static readonly Text PortToUse = new("推奨ポート", "Port to use");
    /// <summary>A provider page's meta description: name, OP25B status, port to use, notes (each already in the page's language).</summary>
    public static readonly Text MetaDescription = new("{0}のOP25B: {1}。推奨ポート: {2}。{3}", "{0} and OP25B: {1}. Port to use: {2}. {3}");
    public static readonly Text Use = new("推奨ポート", "use");
    public static readonly Text Notes = new("備考", "Notes");
    public static readonly Text Source = new("出典", "Source");
    public static readonly Text LastUpdated = new("最終更新", "Last updated");
    public static readonly Text Since = new("({0}から)", " since {0}");
    public static readonly Text SinceShort = new(" · {0}から", " · since {0}");
    public static readonly Text WhichPort = new("送信ポートは何番にすればよい?", "Which port should I set?");

    public static Text Status(string status) => status switch
    {
        "applies" => new("25番を遮断", "Blocks port 25"),
        "partial" => new("一部のプランのみ", "Some plans only"),
        "none" => new("遮断なし", "Does not block"),
        _ => new("不明", "Unknown"),
    };

    public static Text Ports(IReadOnlyList<int> ports) =>
        ports.Count == 0 ? new("—", "—") : new(string.Join("・", ports) + "番", string.Join(" or ", ports));
}
