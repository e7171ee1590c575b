using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Portal.Site;

namespace Portal.Tester;

/// <summary>A checked request: the host as typed, its ASCII (punycode) form, an IP literal if it is one, and the ports.</summary>
public sealed record TestTarget(string Host, string AsciiHost, IPAddress? Literal, IReadOnlyList<int> Ports);

public static partial class TestTargetParser
{
    public const int MaxHostLength = 253;

    [GeneratedRegex(@"^(?!-)[a-z0-9-]{1,63}(?<!-)$")]
    private static partial Regex Label();

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    public static (TestTarget? Target, Refusal? Refusal) Parse(string? host, string? ports, TesterOptions options)
    {
        host = host?.Trim().TrimEnd('.');
        if (string.IsNullOrEmpty(host))
            return (null, new("host-missing", "サーバー名を入力してください。", "Please enter a server name."));
        if (host.Length > MaxHostLength)
            return (null, new("host-too-long", $"サーバー名は{MaxHostLength}文字以内で入力してください。",
                $"The server name must be {MaxHostLength} characters or fewer."));

        var (portList, portRefusal) = ParsePorts(ports, options);
        if (portRefusal is not null) return (null, portRefusal);

        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        // The framework's parser also reads 2130706433, 0x7f.1, 0177.0.0.1 and 127.1 as 127.0.0.1.
        if (IPAddress.TryParse(literal, out var address) && (address.AddressFamily == AddressFamily.InterNetworkV6 || !literal.Contains(':')))
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
                return (null, Invalid(host));
            return (new TestTarget(host, address.ToString(), address, portList!), null);
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(host).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return (null, Invalid(host));
        }
        var labels = ascii.Split('.');
        if (ascii.Length > MaxHostLength || labels.Any(l => !Label().IsMatch(l))
            || labels[^1].All(char.IsAsciiDigit))   // an all-numeric last label is an address typo, not a name
            return (null, Invalid(host));
        var unicode = Idn.GetUnicode(ascii);
        return (new TestTarget(unicode, ascii, null, portList!), null);
    }

    private static (IReadOnlyList<int>? Ports, Refusal? Refusal) ParsePorts(string? ports, TesterOptions options)
    {
        if (string.IsNullOrWhiteSpace(ports))
            return (options.AllowedPorts.Order().ToList(), null);
        var list = new List<int>();
        foreach (var part in ports.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || !options.AllowedPorts.Contains(port))
            {
                var allowed = string.Join(", ", options.AllowedPorts.Order());
                return (null, new("port-not-allowed", $"ポート「{part}」は試験できません。試験できるポート: {allowed}",
                    $"Port '{part}' cannot be tested. Ports that can: {allowed}"));
            }
            if (!list.Contains(port)) list.Add(port);
        }
        return list.Count == 0
            ? (null, new("port-missing", "ポートを1つ以上選んでください。", "Please choose at least one port."))
            : (list, null);
    }

    private static Refusal Invalid(string host) => new("host-invalid",
        $"「{host}」はサーバー名として正しくありません。例: smtp.example.jp",
        $"'{host}' is not a valid server name. Example: smtp.example.jp");
}
