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

    public sealed record ZoneRecord(string Name, string Type, int Priority, int Port, string Target);

    /// <summary>Debian's python3-dnspython loads records as the zone of <paramref name="origin"/> (dns.zone.from_text,
    /// which checks every record's syntax and that each name is inside the zone), with an SOA and NS of its own added.</summary>
    public static async Task<IReadOnlyList<ZoneRecord>> ZoneAsync(string origin, string records, CancellationToken ct)
    {
        const string script = """
            import json, sys
            import dns.zone, dns.rdatatype
            origin = sys.argv[2]
            text = f"$ORIGIN {origin}.\n@ 3600 IN SOA ns.{origin}. hostmaster.{origin}. 1 3600 600 86400 300\n@ 3600 IN NS ns.{origin}.\n" + open(sys.argv[1]).read() + "\n"
            zone = dns.zone.from_text(text, origin=origin + ".", relativize=False)
            out = []
            for name, rdataset in zone.iterate_rdatasets():
                for r in rdataset:
                    t = dns.rdatatype.to_text(rdataset.rdtype)
                    if t == "SRV": out.append(dict(Name=name.to_text(), Type=t, Priority=r.priority, Port=r.port, Target=r.target.to_text()))
                    elif t == "CNAME": out.append(dict(Name=name.to_text(), Type=t, Priority=0, Port=0, Target=r.target.to_text()))
            print(json.dumps(out))
            """;
        var output = await RunPythonAsync(script, System.Text.Encoding.UTF8.GetBytes(records), ct, origin);
        return JsonSerializer.Deserialize<List<ZoneRecord>>(output)!;
    }

    /// <summary>Runs a Python program from Debian's python3 on a file holding <paramref name="input"/>; its standard output,
    /// or an exception with everything it printed.</summary>
    public static async Task<string> RunPythonAsync(string script, byte[] input, CancellationToken ct, params string[] arguments)
    {
        Assert.True(File.Exists(DebianPython), $"{DebianPython} is missing: run scripts/install-test-deps.sh");
        var file = Path.Combine(Path.GetTempPath(), $"portal-consumer-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(file, input, ct);
        try
        {
            var (exit, output) = await Processes.RunAsync(DebianPython, ["-c", script, file, .. arguments], cancellationToken: ct);
            Assert.True(exit == 0, $"python3 exited {exit}: {output}");
            return output;
        }
        finally { File.Delete(file); }
    }
}
