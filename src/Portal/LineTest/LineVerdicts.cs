using Portal.Providers;
using Portal.Site;

namespace Portal.LineTest;

/// <summary>What the ports that arrived say about the customer's own line, with the page to read next.</summary>
public sealed record LineVerdict(string Outcome, Text Message, string HelpPath, Text HelpLabel);

public static class LineVerdicts
{
    /// <summary>Where to set the port in the mail program: the setup guides.</summary>
    public const string SetupPath = "/setup";

    public static LineVerdict For(IReadOnlyList<PortState> ports, Provider? provider)
    {
        var arrived = ports.Where(p => p.Arrival is not null).Select(p => p.Listener.PublicPort).ToList();
        var missing = ports.Where(p => p.Arrival is null).Select(p => p.Listener.PublicPort).ToList();
        var submissionArrived = arrived.Where(p => p != 25).ToList();
        var (lineJa, lineEn) = provider is null
            ? ("お使いの回線", "Your line")
            : ($"お使いの回線({provider.NameJa})", $"Your line ({(provider.NameEn.Length > 0 ? provider.NameEn : provider.NameJa)})");

        if (arrived.Count == 0)
            return new("nothing-arrived", new(
                "どのポートにも届きませんでした。コマンドが実行されなかったか、ファイアウォールやセキュリティソフトが接続を止めた可能性があります。" +
                "確かめること: コマンドを1行まるごと貼り付けてEnterキーを押したか、画面のコードが入っているか、セキュリティソフトが「curl」を止めていないか。" +
                "会社・学校・ホテル・公衆Wi-Fiでは、管理者が外向きの接続を制限していることがあります。",
                "Nothing arrived on any port. The command may not have run, or a firewall or security software stopped it. " +
                "Check that you pasted the whole line and pressed Enter, that it holds the code shown on this page, and that your security software does not block curl. " +
                "Office, school, hotel and public Wi-Fi networks often restrict outgoing connections."),
                "/qa#security-software", new("セキュリティソフトについて", "About security software"));

        // Without a listener for public port 25 this test cannot say anything about OP25B: never "does not block 25".
        if (missing.Count == 0 && !ports.Any(p => p.Listener.PublicPort == 25))
            return new("all-arrived", new(
                $"試したポート({Ports(arrived, true)})はすべて届きました。25番ポートはこの回線テストでは試していないため、{lineJa}が25番を遮断しているか(OP25B)はわかりません。" +
                (submissionArrived.Count > 0 ? $"メールソフトでは{Recommend(submissionArrived, true)}とSMTP認証をお使いください。" : ""),
                $"Every port tested ({Ports(arrived, false)}) arrived. Port 25 was not tested by this line test, so whether {Lower(lineEn)} blocks 25 (OP25B) is not known. " +
                (submissionArrived.Count > 0 ? $"In your mail program, use {Recommend(submissionArrived, false)} with SMTP AUTH." : "")),
                SetupPath, new("メールソフトの設定", "Setting up your mail program"));

        if (missing.Count == 0)
            return new("all-arrived", new(
                $"すべてのポート({Ports(arrived, true)})に届きました。{lineJa}は25番ポートを遮断していません。" +
                "それでもメールを送れない場合、原因は回線以外にあります。送信サーバー名、SMTP認証の設定、パスワードをご確認ください。",
                $"Every port ({Ports(arrived, false)}) arrived. {lineEn} does not block port 25. " +
                "If sending still fails, the cause lies elsewhere: check the outgoing server name, the SMTP AUTH setting and the password."),
                "/tester", new("送信サーバーをテストする", "Test the sending server"));

        if (missing.Contains(25) && submissionArrived.Count > 0)
            return new("port25-blocked", new(
                $"{Ports(submissionArrived, true)}には届き、25番には届きませんでした。{lineJa}は25番ポートへの接続を遮断しています(OP25B)。" +
                $"メールソフトの送信ポートを{Recommend(submissionArrived, true)}に変え、SMTP認証を有効にしてください。",
                $"{Cap(Ports(submissionArrived, false))} arrived, but 25 did not. {lineEn} blocks connections to port 25 (OP25B). " +
                $"In your mail program, set the outgoing port to {Recommend(submissionArrived, false)} and turn on SMTP AUTH."),
                SetupPath, new("メールソフトの設定", "Setting up your mail program"));

        return new("some-blocked", new(
            $"{Ports(arrived, true)}には届き、{Ports(missing, true)}には届きませんでした。途中のファイアウォール(会社・ホテル・公衆Wi-Fi)やセキュリティソフトが" +
            $"{Ports(missing, true)}を止めている可能性があります。" +
            (submissionArrived.Count > 0
                ? $"メールソフトでは{Recommend(submissionArrived, true)}とSMTP認証をお使いください。"
                : "587番も465番も使えないため、ネットワークの管理者に確認するか、別の回線でお試しください。"),
            $"{Cap(Ports(arrived, false))} arrived, but {Ports(missing, false)} did not. A firewall on the way (office, hotel, public Wi-Fi) or security software probably blocks " +
            $"{Ports(missing, false)}. " +
            (submissionArrived.Count > 0
                ? $"In your mail program, use {Recommend(submissionArrived, false)} with SMTP AUTH."
                : "Neither 587 nor 465 can be used: ask the network's administrator, or try from another line.")),
            SetupPath, new("メールソフトの設定", "Setting up your mail program"));
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static string Lower(string s) => char.ToLowerInvariant(s[0]) + s[1..];

    private static string Ports(IEnumerable<int> ports, bool ja) => ja
        ? string.Join("・", ports) + "番"
        : (ports.Count() == 1 ? "port " : "ports ") + string.Join(" and ", ports);

    private static string Recommend(IReadOnlyList<int> arrived, bool ja) =>
        (arrived.Contains(587), arrived.Contains(465)) switch
        {
            (true, true) => ja ? "587番(STARTTLS)または465番(SSL/TLS)" : "587 (STARTTLS) or 465 (SSL/TLS)",
            (true, false) => ja ? "587番(STARTTLS)" : "587 (STARTTLS)",
            (false, true) => ja ? "465番(SSL/TLS)" : "465 (SSL/TLS)",
            _ => ja ? $"{arrived[0]}番" : $"{arrived[0]}",
        };
}
