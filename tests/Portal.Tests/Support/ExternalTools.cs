using System.Text.Json;

namespace Portal.Tests.Support;

/// <summary>
/// Real consumers of what the portal serves, run as Debian ships them (scripts/install-test-deps.sh installs them;
/// a missing one fails the test, it never skips). Debian's own /usr/bin/python3 is named on purpose: a python3 earlier
/// on PATH (pyenv) does not see Debian's python3-* packages.
/// </summary>
public static class ExternalTools
{
    public const string DebianPython = "/usr/bin/python3";

    public sealed record ExchangeProtocol(string Type, int Port, bool Ssl, string LoginName, bool AuthRequired, string Server);

    /// <summary>Debian's python3-exchangelib reads an Autodiscover (POX) answer as its own client does
    /// (exchangelib.autodiscover.properties.Autodiscover.from_bytes, then raise_errors), and says what each Protocol means to it.</summary>
    public static async Task<IReadOnlyList<ExchangeProtocol>> ExchangelibAsync(byte[] answer, CancellationToken ct)
    {
        const string script = """
            import json, sys
            from exchangelib.autodiscover.properties import Autodiscover
            ad = Autodiscover.from_bytes(open(sys.argv[1], "rb").read())
            ad.raise_errors()
            print(json.dumps([dict(Type=p.type, Port=p.port, Ssl=p.ssl, LoginName=p.login_name, AuthRequired=p.auth_required, Server=p.server)
                              for p in ad.response.account.protocols]))
            """;
        var output = await RunPythonAsync(script, answer, ct);
        return JsonSerializer.Deserialize<List<ExchangeProtocol>>(output)!;
    }

    /// <summary>Runs a Python program from Debian's python3 on a file holding <paramref name="input"/>; its standard output,
    /// or an exception with everything it printed.</summary>
    public static async Task<string> RunPythonAsync(string script, byte[] input, CancellationToken ct)
    {
        Assert.True(File.Exists(DebianPython), $"{DebianPython} is missing: run scripts/install-test-deps.sh");
        var file = Path.Combine(Path.GetTempPath(), $"portal-consumer-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(file, input, ct);
        try
        {
            var (exit, output) = await Processes.RunAsync(DebianPython, ["-c", script, file], cancellationToken: ct);
            Assert.True(exit == 0, $"python3 exited {exit}: {output}");
            return output;
        }
        finally { File.Delete(file); }
    }
}
