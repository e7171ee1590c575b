using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Portal.Site;

namespace Portal.Search;

public sealed record SearchHit(string Title, string Url, string Where, IReadOnlyList<(string Text, bool Match)> Snippet, float Score)
{
    public string SnippetText => string.Concat(Snippet.Select(p => p.Text));
}

public enum SearchProblem { None, Empty, TooLong }

/// <summary>
/// An in-memory Lucene index of everything search finds, built whole and swapped in whole: a search always
/// sees one consistent build. Ranked by BM25, titles boosted, and adjacent bigrams (the words as typed) boosted.
/// </summary>
public sealed class SearchIndex
{
    public const int MaxQueryLength = 100;
    private const float TitleBoost = 2f;
    /// <summary>How many of the best term matches are re-ranked by how closely their words stand as typed.</summary>
    private const int RescoreDepth = 100;
    private static readonly BM25Similarity Similarity = new();
    private static readonly PerFieldAnalyzerWrapper Analyzer = new(SearchAnalyzer.Bigrams,
        new Dictionary<string, Lucene.Net.Analysis.Analyzer> { ["text1"] = SearchAnalyzer.Unigrams });

    /// <summary>One index per language: a search only ever looks in its own, and the two build side by side.</summary>
    private readonly IReadOnlyDictionary<Lang, (IndexSearcher Searcher, SearchDocument[] Documents)> _languages;
    private readonly IReadOnlyDictionary<Lang, SearchSynonyms> _synonyms;

    private SearchIndex(IReadOnlyDictionary<Lang, (IndexSearcher, SearchDocument[])> languages, IReadOnlyDictionary<Lang, SearchSynonyms> synonyms, long generation)
    {
        _languages = languages;
        _synonyms = synonyms;
        Generation = generation;
    }

    // Not built: building in parallel from the type's own initializer would wait on that initializer.
    public static readonly SearchIndex Empty = new(new Dictionary<Lang, (IndexSearcher, SearchDocument[])>(), new Dictionary<Lang, SearchSynonyms>(), 0);

    /// <summary>Counts builds; part of the search page's cache key, so a new build (new synonyms too) is never hidden by the cache.</summary>
    public long Generation { get; }

    public static SearchIndex Build(IReadOnlyList<SearchDocument> documents, IReadOnlyDictionary<Lang, SearchSynonyms> synonyms, long generation)
    {
        var languages = Enum.GetValues<Lang>()
            .AsParallel()
            .Select(lang => (Lang: lang, Index: BuildOne(documents.Where(d => d.Lang == lang).ToArray())))
            .ToDictionary(x => x.Lang, x => x.Index);
        return new SearchIndex(languages, synonyms, generation);
    }

    private static (IndexSearcher, SearchDocument[]) BuildOne(SearchDocument[] documents)
    {
        var directory = new RAMDirectory();
        var config = new IndexWriterConfig(SearchAnalyzer.Version, Analyzer)
        {
            Similarity = Similarity,
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 256,
            MergePolicy = NoMergePolicy.NO_COMPOUND_FILES,
        };
        using (var writer = new IndexWriter(directory, config))
        {
            for (var i = 0; i < documents.Length; i++)
            {
                var d = documents[i];
                writer.AddDocument(new Document
                {
                    new StoredField("n", i),
                    new TextField("title", d.Title, Field.Store.NO),
                    new TextField("body", d.Text, Field.Store.NO),
                    // Single characters of title and text, for one-character queries (「鍵」).
                    new TextField("text1", d.Title + "\n" + d.Text, Field.Store.NO),
                });
            }
            writer.Commit();
        }
        return (new IndexSearcher(DirectoryReader.Open(directory)) { Similarity = Similarity }, documents);
    }

    public static SearchProblem Check(string? query) =>
        string.IsNullOrWhiteSpace(query) ? SearchProblem.Empty
        : query.Length > MaxQueryLength ? SearchProblem.TooLong
        : SearchProblem.None;

    /// <summary>What a query becomes: the terms that must match, the proximity that re-ranks, the words snippets mark.</summary>
    private sealed class Built
    {
        public HashSet<string> Marks { get; } = [];
        public BooleanQuery Proximity { get; } = new();
    }

    public IReadOnlyList<SearchHit> Find(Lang lang, string? query, int max = 20)
    {
        if (Check(query) != SearchProblem.None || !_languages.TryGetValue(lang, out var index) || index.Documents.Length == 0) return [];
        var synonyms = _synonyms.GetValueOrDefault(lang) ?? SearchSynonyms.None;
        var built = new Built();
        var any = QueryFor(synonyms.Segment(query!), built);
        if (any is null) return [];

        var (searcher, documents) = index;
        var top = searcher.Search(any, Math.Max(RescoreDepth, max * 3));
        // Phrases cost most: only the best matches are re-ranked by them, their proximity score added to the first.
        var scores = top.ScoreDocs.ToDictionary(d => d.Doc, d => d.Score);
        if (built.Proximity.Clauses.Count > 0 && scores.Count > 1)
            foreach (var d in searcher.Search(built.Proximity, new DocsFilter(scores.Keys), scores.Count).ScoreDocs)
                scores[d.Doc] += d.Score;
        var ranked = scores
            .Select(s => (Doc: documents[searcher.Doc(s.Key).GetField("n").GetInt32Value()!.Value], Score: s.Value))
            .Select(x => (x.Doc, Score: x.Score * x.Doc.Weight))
            .OrderByDescending(x => x.Score)
            .ToList();
        // Five guides' 「うまくいかないとき」 are one answer five times: each repeat of a title counts half as much again.
        var seen = new Dictionary<string, int>();
        ranked = ranked
            .Select(x => (x.Doc, Score: x.Score * Math.Pow(0.5, seen[x.Doc.Title] = seen.GetValueOrDefault(x.Doc.Title, -1) + 1)))
            .OrderByDescending(x => x.Score)
            .Take(max)
            .ToList();
        // Snippets mark the words that carry the meaning, not every 「ない」 and 「ます」 the query's endings matched.
        var highlight = new BooleanQuery();
        foreach (var t in built.Marks) highlight.Add(new TermQuery(new Term("body", t)), Occur.SHOULD);
        var scorer = new QueryScorer(highlight, "body");
        var highlighter = new Highlighter(new SimpleHTMLFormatter(Open, Close), new DefaultEncoder(), scorer)
        {
            TextFragmenter = new SimpleSpanFragmenter(scorer, 90),
        };
        return ranked.Select(x => new SearchHit(x.Doc.Title, x.Doc.Url, x.Doc.Where, Snippet(highlighter, x.Doc.Text), (float)x.Score)).ToList();
    }

    private const string Open = "\u0002", Close = "\u0003";

    /// <summary>Only the given documents: the rescoring pass looks at the first pass's best and nothing else.</summary>
    private sealed class DocsFilter(IEnumerable<int> docs) : Filter
    {
        private readonly int[] _docs = docs.Order().ToArray();

        public override DocIdSet GetDocIdSet(AtomicReaderContext context, Lucene.Net.Util.IBits acceptDocs)
        {
            var max = context.AtomicReader.MaxDoc;
            var bits = new Lucene.Net.Util.FixedBitSet(max);
            foreach (var d in _docs)
                if (d >= context.DocBase && d < context.DocBase + max) bits.Set(d - context.DocBase);
            return bits;
        }
    }

    private static IReadOnlyList<(string, bool)> Snippet(Highlighter highlighter, string text)
    {
        string? fragment = null;
        try
        {
            fragment = highlighter.GetBestFragment(SearchAnalyzer.Bigrams, "body", text);
        }
        catch (InvalidTokenOffsetsException)
        {
        }
        if (string.IsNullOrEmpty(fragment))
            return [(text.Length <= 90 ? text : text[..90] + "…", false)];
        var plain = fragment.Replace(Open, "", StringComparison.Ordinal).Replace(Close, "", StringComparison.Ordinal);
        var at = text.IndexOf(plain, StringComparison.Ordinal);
        var parts = new List<(string, bool)>();
        if (at > 0) parts.Add(("…", false));
        // Neighbouring bigrams are marked one by one; merge them into one run per match.
        var match = false;
        var run = new System.Text.StringBuilder();
        foreach (var c in fragment.Replace(Close + Open, "", StringComparison.Ordinal))
        {
            if (c is '\u0002' or '\u0003')
            {
                if (run.Length > 0) parts.Add((run.ToString(), match));
                run.Clear();
                match = c == '\u0002';
                continue;
            }
            run.Append(c);
        }
        if (run.Length > 0) parts.Add((run.ToString(), match));
        if (at >= 0 && at + plain.Length < text.Length) parts.Add(("…", false));
        return parts;
    }

    /// <summary>
    /// Every part must match (all but one when there are three or more), in any of its spellings; the spelling as
    /// typed weighs a little more than a synonym, and the best spelling counts, not the sum of all.
    /// </summary>
    private static BooleanQuery? QueryFor(IReadOnlyList<QueryPart> parts, Built built)
    {
        var query = new BooleanQuery();
        var optional = new List<Query>();
        foreach (var (spellings, isOptional, glued) in parts)
        {
            var part = new DisjunctionMaxQuery(0.1f);
            for (var i = 0; i < spellings.Length; i++)
            {
                var q = SpellingQuery(spellings[i], !glued, built);
                if (q is null) continue;
                // A long spelling has more bigrams to score: scale it down, so the part's best spelling is not just its longest.
                var count = Tokens.Of(SearchAnalyzer.Bigrams, "body", spellings[i]).Count;
                q.Boost = (i > 0 ? 0.9f : 1f) / MathF.Sqrt(Math.Max(1, count));
                part.Add(q);
            }
            if (part.Disjuncts.Count == 0) continue;
            if ((isOptional && spellings.All(w => AllSoft(w, !glued))) || spellings.All(IsGeneric)) optional.Add(part); else query.Add(part, Occur.SHOULD);
        }
        if (query.Clauses.Count == 0) return null;
        query.MinimumNumberShouldMatch = query.Clauses.Count <= 2 ? query.Clauses.Count : query.Clauses.Count - 1;
        var ranked = new BooleanQuery { { query, Occur.MUST } };
        foreach (var q in optional) ranked.Add(q, Occur.SHOULD);
        // The query as typed, side by side: 「587番もいずれ」 in a title ranks it above texts that only have 「587番」;
        // each pair of neighbouring bigrams found side by side adds a little.
        foreach (var word in parts.Select(p => p.Spellings[0]).SelectMany(w => w.Split(' ')).Where(w => w.Length > 0))
        {
            var tokens = Tokens.Of(SearchAnalyzer.Bigrams, "body", word);
            for (var i = 0; i + 1 < tokens.Count && i < 12; i++)
            {
                built.Proximity.Add(Phrase("title", tokens, i, 2, 0.5f), Occur.SHOULD);
                built.Proximity.Add(Phrase("body", tokens, i, 2, 0.2f), Occur.SHOULD);
            }
        }
        return ranked;
    }

    /// <summary>A spelling of several words ("port 25") needs them all.</summary>
    private static Query? SpellingQuery(string spelling, bool atWordStart, Built built)
    {
        var words = spelling.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((w, i) => WordQuery(w, atWordStart || i > 0, built)).OfType<Query>().ToList();
        if (words.Count <= 1) return words.FirstOrDefault();
        var all = new BooleanQuery();
        foreach (var w in words) all.Add(w, Occur.MUST);
        return all;
    }

    /// <summary>
    /// One word: most of its bigrams must occur (typed words seldom match the text exactly), and the more of them
    /// stand side by side as typed, the higher it ranks. Bigrams with hiragana in them are mostly particles and
    /// endings (「が送」「ない」「とは」): they rank but are not required, unless the word has nothing else.
    /// </summary>
    private static Query? WordQuery(string word, bool atWordStart, Built built)
    {
        var tokens = Tokens.Of(SearchAnalyzer.Bigrams, "body", word);
        if (tokens.Count == 0) return null;
        var hard = new BooleanQuery();
        var soft = new List<Query>();
        foreach (var t in tokens.DistinctBy(t => t.Text))
        {
            // A lone Japanese character (「鍵」) is not in the bigram fields: look in the single-character ones.
            Query clause = t.Text.Length == 1 && !char.IsAsciiLetterOrDigit(t.Text[0])
                ? new TermQuery(new Term("text1", t.Text))
                : new DisjunctionMaxQuery(0.1f)
                {
                    new TermQuery(new Term("title", t.Text)) { Boost = TitleBoost },
                    new TermQuery(new Term("body", t.Text)),
                };
            if (IsSoft(word, t, atWordStart)) { clause.Boost = 0.5f; soft.Add(clause); }
            else { hard.Add(clause, Occur.SHOULD); built.Marks.Add(t.Text); }
        }
        if (hard.Clauses.Count == 0)
        {
            foreach (var q in soft) { q.Boost = 1f; hard.Add(q, Occur.SHOULD); }
            foreach (var t in tokens) built.Marks.Add(t.Text);
            soft.Clear();
        }
        var n = hard.Clauses.Count;
        hard.MinimumNumberShouldMatch = n <= 3 ? n : n <= 5 ? n - 1 : (int)Math.Ceiling(n * 0.7);
        if (tokens.Count == 1) return hard;

        // The whole word side by side, as typed, ranks higher (in the rescoring pass).
        built.Proximity.Add(Phrase("title", tokens, 0, tokens.Count, TitleBoost * 2), Occur.SHOULD);
        built.Proximity.Add(Phrase("body", tokens, 0, tokens.Count, 2f), Occur.SHOULD);
        if (soft.Count == 0) return hard;
        var query = new BooleanQuery { { hard, Occur.MUST } };
        foreach (var q in soft) query.Add(q, Occur.SHOULD);
        return query;
    }

    /// <summary>
    /// Words customers add around what they mean (「設定方法」「535エラー」「原因」): ranked, never required.
    /// </summary>
    private static readonly string[] GenericWords =
        ["エラー", "方法", "手順", "原因", "対処", "対策", "意味", "理由", "確認", "問題", "場合", "質問", "教え", "知りた", "やり方", "仕方"];

    private static bool IsHiragana(char c) => c is >= '\u3041' and <= '\u309F';

    /// <summary>English words that say little on their own ("works", "problem"): a part made only of one is optional.</summary>
    private static readonly HashSet<string> GenericEnglish =
        ["work", "works", "working", "worked", "help", "problem", "problems", "issue", "issues", "fix", "error", "errors",
         "way", "want", "need", "trouble", "question", "anymore", "suddenly", "still", "number", "numbers",
         "what", "how", "why", "which", "when", "where"];

    private static bool AllSoft(string word, bool atWordStart) =>
        Tokens.Of(SearchAnalyzer.Bigrams, "body", word).All(t => IsSoft(word, t, atWordStart));

    private static bool IsGeneric(string spelling) =>
        GenericEnglish.Contains(spelling) || GenericWords.Any(g => spelling == g || (g == "エラー" && spelling == "えらー"));

    private static bool IsSoft(string word, Tokens.Token t, bool atWordStart)
    {
        // Hiragana that begins a word is a word (「ぷらら」「ゆうびん」); after kanji or katakana it is an ending or a particle.
        var leading = 0;
        if (atWordStart)
            while (leading < word.Length && IsHiragana(word[leading])) leading++;
        for (var i = Math.Max(t.Start, leading); i < t.End && i < word.Length; i++)
            if (IsHiragana(word[i])) return true;
        foreach (var g in GenericWords)
            for (var at = word.IndexOf(g, StringComparison.Ordinal); at >= 0; at = word.IndexOf(g, at + 1, StringComparison.Ordinal))
                if (t.Start >= at && t.End <= at + g.Length) return true;
        return false;
    }

    private static PhraseQuery Phrase(string field, List<Tokens.Token> tokens, int from, int count, float boost)
    {
        var phrase = new PhraseQuery { Boost = boost };
        var first = tokens[from].Position;
        for (var i = from; i < from + count; i++) phrase.Add(new Term(field, tokens[i].Text), tokens[i].Position - first);
        return phrase;
    }
}
