using System.Text;
using Lucene.Net.Analysis.Synonym;
using Portal.Site;

namespace Portal.Search;

/// <summary>
/// A part of a query: its spellings (as typed first); whether a text may lack it; whether it follows another part
/// without a space (then hiragana at its start is an ending or particle, 「で」 in 「25番で」, not a word of its own).
/// </summary>
public sealed record QueryPart(string[] Spellings, bool Optional, bool GluedBefore = false);

/// <summary>
/// Synonyms from content/{lang}/search-synonyms.txt in Solr's format ("a, b, c" are equivalent; "a, b => c"
/// rewrites). They are applied to the query, inside words too, since Japanese has no spaces: 「メールが送れない」
/// is also searched as 「メールが送信できない」. A line Lucene's own parser refuses is logged with its number and skipped.
/// </summary>
public sealed class SearchSynonyms
{
    private readonly List<(Entry[] From, Entry[] To, bool Replace)> _rules;

    private SearchSynonyms(List<(Entry[] From, Entry[] To, bool Replace)> rules) => _rules = rules;

    public static readonly SearchSynonyms None = new([]);

    public int RuleCount => _rules.Count;

    public static SearchSynonyms Parse(TextReader reader, string source, ILogger logger)
    {
        var rules = new List<(Entry[], Entry[], bool)>();
        var number = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            try
            {
                // Lucene's parser is the judge of the format; our own split below then only sees good lines.
                new SolrSynonymParser(true, true, new Lucene.Net.Analysis.Core.KeywordAnalyzer()).Parse(new StringReader(trimmed));
                var sides = SplitUnescaped(trimmed, "=>");
                var from = Entries(sides[0]);
                var to = sides.Count == 2 ? Entries(sides[1]) : from;
                if (sides.Count > 2 || from.Length == 0 || to.Length == 0) throw new FormatException("expected \"a, b\" or \"a => b\"");
                rules.Add((from, to, sides.Count == 2));
            }
            catch (Exception e)
            {
                logger.LogWarning("{Source} line {Line}: skipped, not a synonym rule ({Reason}): {Text}", source, number, e.InnerException?.Message ?? e.Message, trimmed);
            }
        }
        return new SearchSynonyms(rules);
    }

    private static Entry[] Entries(string side) =>
        SplitUnescaped(side, ",").Select(e => Entry.Of(Unescape(e.Trim()))).Where(e => e.Key.Length > 0).DistinctBy(e => e.Key).ToArray();

    private static List<string> SplitUnescaped(string text, string separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length) { current.Append(text, i, 2); i++; continue; }
            if (string.CompareOrdinal(text, i, separator, 0, separator.Length) == 0)
            {
                parts.Add(current.ToString());
                current.Clear();
                i += separator.Length - 1;
                continue;
            }
            current.Append(text[i]);
        }
        parts.Add(current.ToString());
        return parts;
    }

    private static string Unescape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length) i++;
            sb.Append(text[i]);
        }
        return sb.ToString();
    }

    /// <summary>NFKC, lower case and single spaces: the form variants are written in (hiragana stays hiragana).</summary>
    public static string Normalize(string text) =>
        string.Join(' ', TextFolding.Nfkc(text).ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The key rules are matched on: kana folded to large katakana and a long-vowel mark dropped where a katakana
    /// word ends, as the index folds them; Origin maps each key character back to the normalized text.
    /// </summary>
    private static (string Key, int[] Origin) KeyOf(string normalized)
    {
        var key = new StringBuilder(normalized.Length);
        var origin = new List<int>(normalized.Length);
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = FoldingFilter.Fold(normalized[i].ToString()) is { Length: 1 } f ? f[0] : normalized[i];
            var next = i + 1 < normalized.Length ? FoldingFilter.Fold(normalized[i + 1].ToString()) : "";
            if (c == 'ー' && key.Length > 0 && IsKatakana(key[^1]) && !(next.Length == 1 && IsKatakana(next[0]))) continue;
            key.Append(c);
            origin.Add(i);
        }
        return (key.ToString(), origin.ToArray());
    }

    private static bool IsKatakana(char c) => c is >= '\u30A1' and <= '\u30FA' or 'ー';

    private sealed record Entry(string Key, string Text)
    {
        public static Entry Of(string text)
        {
            var normalized = Normalize(text);
            return new Entry(KeyOf(normalized).Key, normalized);
        }
    }

    /// <summary>
    /// The query cut into parts, each with its spellings: a part a rule matched (「送れない」, even inside a word, or
    /// "port 25" across a space) carries the typed text first and then the rule's other entries; every other word
    /// is a part of its own. Parts are searched one by one, so rules never multiply into many whole-query variants.
    /// What is glued to a matched part without a space (「で」「エラー」「なら」 in 「25番で」「535エラー」) is optional.
    /// </summary>
    public IReadOnlyList<QueryPart> Segment(string query)
    {
        var text = Normalize(query);
        var (key, origin) = KeyOf(text);
        var matches = new List<(int Start, int End, string[] Spellings)>();
        var taken = new bool[key.Length];
        foreach (var (start, length, outputs, replace) in Candidates(key).OrderByDescending(c => c.Length).ThenBy(c => c.Start))
        {
            if (Enumerable.Range(start, length).Any(i => taken[i])) continue;
            for (var i = start; i < start + length; i++) taken[i] = true;
            var from = origin[start];
            var to = start + length < origin.Length ? origin[start + length] : text.Length;
            var typed = text[from..to];
            // "a => b" searches b instead of a, as Solr does; "a, b" searches both, the typed one first.
            var spellings = replace ? outputs.Select(o => o.Text) : new[] { typed }.Concat(outputs.Select(o => o.Text));
            matches.Add((from, to, spellings.Distinct().ToArray()));
        }
        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        var parts = new List<QueryPart>();
        var at = 0;
        for (var m = 0; m <= matches.Count; m++)
        {
            var end = m < matches.Count ? matches[m].Start : text.Length;
            var fragment = text[at..end];
            var words = fragment.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var w = 0; w < words.Length; w++)
            {
                var gluedBefore = w == 0 && m > 0 && !fragment.StartsWith(' ');
                var gluedAfter = w == words.Length - 1 && m < matches.Count && !fragment.EndsWith(' ');
                parts.Add(new QueryPart([words[w]], gluedBefore || gluedAfter, gluedBefore));
            }
            if (m < matches.Count)
            {
                parts.Add(new QueryPart(matches[m].Spellings, false));
                at = matches[m].End;
            }
        }
        return parts;
    }

    private IEnumerable<(int Start, int Length, Entry[] Outputs, bool Replace)> Candidates(string key)
    {
        foreach (var (from, to, replace) in _rules)
            foreach (var input in from)
                for (var at = Find(key, input.Key); at >= 0; at = Find(key, input.Key, at + 1))
                    yield return (at, input.Key.Length, replace ? to : to.Where(o => o.Key != input.Key).ToArray(), replace);
    }

    // A Latin entry matches whole words only (「ssl」 not inside 「openssl」); a Japanese one matches anywhere.
    private static int Find(string text, string input, int from = 0)
    {
        for (var at = text.IndexOf(input, from, StringComparison.Ordinal); at >= 0; at = text.IndexOf(input, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 ? ' ' : text[at - 1];
            var after = at + input.Length >= text.Length ? ' ' : text[at + input.Length];
            if (IsWordChar(input[0]) && IsWordChar(before)) continue;
            if (IsWordChar(input[^1]) && IsWordChar(after)) continue;
            return at;
        }
        return -1;
    }

    private static bool IsWordChar(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
}
