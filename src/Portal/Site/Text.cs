namespace Portal.Site;

/// <summary>
/// The one way the site holds UI text: a Japanese and an English version side by side. A page picks with
/// <c>text[lang]</c>; staff pages, which show both languages at once, use <see cref="Both"/> or the
/// <c>BothLanguages</c> component. Pairs (rather than keyed resource tables) because much of the text is
/// built from values (ports, host names, counts), because messages travel as pairs to the API, which picks
/// by <c>lang</c>, and because the compiler then demands both languages for every piece of text.
/// </summary>
public readonly record struct Text(string Ja, string En)
{
    public string this[Lang lang] => lang == Lang.En ? En : Ja;

    /// <summary>"日本語 / English", for staff pages.</summary>
    public string Both => $"{Ja} / {En}";

    /// <summary>Both versions formatted with the same values: new Text("{0}件", "{0} rows").With(3).</summary>
    public Text With(params object?[] args) =>
        new(string.Format(System.Globalization.CultureInfo.InvariantCulture, Ja, args), string.Format(System.Globalization.CultureInfo.InvariantCulture, En, args));
}
