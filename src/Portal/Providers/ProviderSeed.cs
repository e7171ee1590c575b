using System.Reflection;

namespace Portal.Providers;

/// <summary>The initial registry: the notice's 2005 list and later facts, each with its source (a copy of shared/seed/providers.tsv).</summary>
public static class ProviderSeed
{
    public static IReadOnlyList<Provider> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Portal.Providers.Seed.providers.tsv")!;
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine()!.Split('\t');
        int Col(string name) => Array.IndexOf(header, name);
        var providers = new List<Provider>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length == 0) continue;
            var f = line.Split('\t');
            string Get(string name) => Col(name) is var i and >= 0 && i < f.Length ? f[i].Trim() : "";
            providers.Add(new Provider
            {
                NameJa = Get("name_ja"), NameEn = Get("name_en"), Operator = Get("operator"), Op25b = Get("op25b"),
                Since = Get("since"), Notes = Get("notes"), NotesJa = Get("notes_ja"), SourceUrl = Get("source_url"),
                SubmissionPorts = Get("submission_ports").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(),
                RdnsSuffixes = Get("rdns_suffixes").ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            });
        }
        return providers;
    }
}
