using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;
using Portal.Site;

namespace Portal.Search;

/// <summary>
/// Japanese without a dictionary, as Elasticsearch's cjk analyzer does: the standard tokenizer, then every token
/// folded, then runs of Japanese characters cut into overlapping bigrams. Latin words are stemmed (sending → send).
/// </summary>
public sealed class SearchAnalyzer(bool unigrams) : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Bigrams only: the main fields.</summary>
    public static readonly SearchAnalyzer Bigrams = new(false);

    /// <summary>Single characters too: the fields a one-character query such as 「鍵」 searches.</summary>
    public static readonly SearchAnalyzer Unigrams = new(true);

    /// <summary>English stop words and the words questions are made of: "do I fix my outlook" searches for "fix outlook".</summary>
    public static readonly CharArraySet StopWords = new(Version,
        EnglishAnalyzer.DefaultStopSet.Select(w => w.ToString()!).Concat(
        ["who", "do", "does", "did", "i", "my", "me", "you", "your",
         "we", "our", "use", "using", "can", "could", "should", "would", "am", "have", "has", "i'm", "im", "it's", "its", "about", "please"]).ToList(), true);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader) { MaxTokenLength = 64 };
        TokenStream stream = new FoldingFilter(tokenizer);
        stream = new CJKBigramFilter(stream, CJKScript.HAN | CJKScript.HIRAGANA | CJKScript.KATAKANA | CJKScript.HANGUL, unigrams);
        stream = new StopFilter(Version, stream, StopWords);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

/// <summary>
/// Folds each token so spelling variants meet: NFKC (full-width and half-width), lower case, hiragana to katakana,
/// small kana to large (ウィルス/ウイルス) and a long-vowel mark at the end of a word (プロバイダー/プロバイダ).
/// Works on whole tokens, so the offsets that snippets use stay those of the original text.
/// </summary>
public sealed class FoldingFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public FoldingFilter(TokenStream input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        var folded = Fold(_term.ToString());
        _term.SetEmpty().Append(folded);
        return true;
    }

    public static string Fold(string token)
    {
        var normal = TextFolding.Nfkc(token).ToLowerInvariant();
        var sb = new StringBuilder(normal.Length);
        foreach (var c in normal)
        {
            var k = c is >= '\u3041' and <= '\u3096' ? (char)(c + 0x60) : c;
            sb.Append(Large(k));
        }
        // A long vowel at the end of a word is spelt both ways (サーバー/サーバ); one in the middle is not.
        while (sb.Length > 2 && sb[^1] is 'ー' or '～' or '〜') sb.Length--;
        return sb.ToString();
    }

    private static char Large(char c) => c switch
    {
        'ァ' => 'ア', 'ィ' => 'イ', 'ゥ' => 'ウ', 'ェ' => 'エ', 'ォ' => 'オ',
        'ッ' => 'ツ', 'ャ' => 'ヤ', 'ュ' => 'ユ', 'ョ' => 'ヨ', 'ヮ' => 'ワ', 'ヵ' => 'カ', 'ヶ' => 'ケ',
        _ => c,
    };
}

/// <summary>The tokens a text becomes, with their positions; the query builder uses them.</summary>
public static class Tokens
{
    public sealed record Token(string Text, int Position, int Start, int End);

    public static List<Token> Of(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<Token>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new Token(term.ToString(), position, offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return tokens;
    }
}
