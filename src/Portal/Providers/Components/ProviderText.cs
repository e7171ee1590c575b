namespace Portal.Providers.Components;

public static class ProviderText
{
    public static string Status(string status, bool en) => status switch
    {
        "applies" => en ? "Blocks port 25" : "25番を遮断",
        "partial" => en ? "Some plans only" : "一部のプランのみ",
        "none" => en ? "Does not block" : "遮断なし",
        _ => en ? "Unknown" : "不明",
    };

    public static string Ports(IReadOnlyList<int> ports, bool en) =>
        ports.Count == 0 ? (en ? "—" : "—") : string.Join(en ? " or " : "・", ports) + (en ? "" : "番");
}
