namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// One matchable term of a note: a canonical stem at a content-word <see cref="Position"/> within its sentence, covering
/// tokens <see cref="FirstToken"/>..<see cref="LastToken"/>. Abbreviation and phrase expansions share the position of
/// what they expand, so they never widen a match window.
/// </summary>
internal readonly record struct NoteTerm(string Stem, int Sentence, int Position, int FirstToken, int LastToken);

/// <summary>Side of the body a word names.</summary>
internal enum Laterality : byte
{
    None,
    Right,
    Left,
    Bilateral,
    Unspecified,
}

/// <summary>A note split into sentences, with assertion scopes per token and the terms used for matching.</summary>
internal sealed class AnalyzedNote
{
    public AnalyzedNote(List<Token> tokens, ClinicalContext.Scope[] flags, List<(int First, int End)> sentences, List<NoteTerm> terms,
        List<(int Sentence, int Position, Laterality Side)> sides)
    {
        Tokens = tokens;
        Flags = flags;
        Sentences = sentences;
        Terms = terms;
        Sides = sides;
    }

    public List<Token> Tokens { get; }

    /// <summary>Assertion scope flags per token (absolute token index).</summary>
    public ClinicalContext.Scope[] Flags { get; }

    /// <summary>Token range [First, End) of each sentence.</summary>
    public List<(int First, int End)> Sentences { get; }

    /// <summary>Terms in sentence and position order.</summary>
    public List<NoteTerm> Terms { get; }

    /// <summary>Laterality words ("right", "left", "bilateral") by sentence and position.</summary>
    public List<(int Sentence, int Position, Laterality Side)> Sides { get; }

    /// <summary>Billable codes (index positions) found mentioned as negated; filled by the suggester.</summary>
    public HashSet<int> NegatedCodes { get; } = [];

    /// <summary>
    /// Billable codes found mentioned only as past, a relative's or a possible condition and routed elsewhere (a history
    /// code, or nothing under the outpatient rule); filled by the suggester.
    /// </summary>
    public HashSet<int> RoutedAwayCodes { get; } = [];

    /// <summary>
    /// Assertion of a matched mention. Unlike a given target, a match may start inside a scope that its head word is in
    /// ("pelvic CT without pathological fracture"), so negation on either end counts.
    /// </summary>
    /// <summary>
    /// The match starts affirmed and ends negated: its last words are denied from within ("type 2 diabetes mellitus
    /// without complications" read against "... with unspecified complications"). It rules its own title out; it does
    /// not explain away a shorter match of the affirmed words.
    /// </summary>
    public bool NegatedFromWithin(int firstToken, int lastToken)
    {
        const ClinicalContext.Scope negated = ClinicalContext.Scope.PreNegated | ClinicalContext.Scope.PostNegated;
        return (Flags[firstToken] & negated) == 0 && (Flags[lastToken] & negated) != 0;
    }

    public Assertion AssertionOf(int firstToken, int lastToken)
    {
        const ClinicalContext.Scope negated = ClinicalContext.Scope.PreNegated | ClinicalContext.Scope.PostNegated;
        return ((Flags[firstToken] | Flags[lastToken]) & negated) != 0
            ? Assertion.Negated
            : ClinicalContext.Resolve(Flags, firstToken, lastToken);
    }
}

/// <summary>Turns note text into an <see cref="AnalyzedNote"/>. Stateless and thread-safe.</summary>
internal static class NoteAnalyzer
{
    private static readonly Dictionary<string, (string[] Phrase, string[] Expansion)[]> PhrasesByFirst = BuildPhrases();
    private static readonly Dictionary<string, string[]> AbbreviationStems = ClinicalLexicon.Abbreviations
        .ToDictionary(kv => kv.Key, kv => StemsOf(kv.Value), StringComparer.Ordinal);

    public static AnalyzedNote Analyze(string text)
    {
        var tokens = TextNormalizer.Tokenize(text);
        var flags = new ClinicalContext.Scope[tokens.Count];
        var sentences = new List<(int First, int End)>();
        var terms = new List<NoteTerm>(tokens.Count);
        var sides = new List<(int, int, Laterality)>();
        var content = new List<(string Stem, int Token)>(64);
        var i = 0;
        while (i < tokens.Count)
        {
            var s = tokens[i].Sentence;
            var first = i;
            while (i < tokens.Count && tokens[i].Sentence == s)
            {
                i++;
            }

            var sentenceIndex = sentences.Count;
            sentences.Add((first, i));
            var scopes = ClinicalContext.Scan(tokens, first, i);
            Array.Copy(scopes, 0, flags, first, scopes.Length);

            content.Clear();
            for (var t = first; t < i; t++)
            {
                var tok = tokens[t];
                if (tok.Kind == TokenKind.Punct || ClinicalLexicon.StopWords.Contains(tok.Lower))
                {
                    continue;
                }

                // Side words are noted apart and take no position, so "pain in right knee" is as tight as "knee pain".
                var side = SideOf(tok.Lower);
                if (side != Laterality.None)
                {
                    sides.Add((sentenceIndex, content.Count, side));
                    continue;
                }

                content.Add((ClinicalLexicon.Normalize(tok.Lower), t));
            }

            for (var p = 0; p < content.Count; p++)
            {
                var (stem, t) = content[p];
                var tok = tokens[t];

                terms.Add(new NoteTerm(stem, sentenceIndex, p, t, t));
                if (AbbreviationStems.TryGetValue(tok.Lower, out var expansion) && ShouldExpand(tokens, t))
                {
                    foreach (var e in expansion)
                    {
                        terms.Add(new NoteTerm(e, sentenceIndex, p, t, t));
                    }
                }

                if (PhrasesByFirst.TryGetValue(stem, out var phrases))
                {
                    foreach (var (phrase, exp) in phrases)
                    {
                        if (p + phrase.Length > content.Count)
                        {
                            continue;
                        }

                        var ok = true;
                        for (var k = 1; k < phrase.Length && ok; k++)
                        {
                            ok = content[p + k].Stem == phrase[k];
                        }

                        if (!ok)
                        {
                            continue;
                        }

                        var last = content[p + phrase.Length - 1].Token;
                        foreach (var e in exp)
                        {
                            terms.Add(new NoteTerm(e, sentenceIndex, p, t, last));
                        }
                    }
                }
            }
        }

        return new AnalyzedNote(tokens, flags, sentences, terms, sides);
    }

    /// <summary>Canonical stems of a phrase, without stop words.</summary>
    public static string[] StemsOf(string phrase) =>
        TextNormalizer.Tokenize(phrase)
            .Where(t => t.Kind != TokenKind.Punct && !ClinicalLexicon.StopWords.Contains(t.Lower))
            .Select(t => ClinicalLexicon.Normalize(t.Lower))
            .ToArray();

    public static Laterality SideOf(string lower) => lower switch
    {
        "right" or "rt" or "dextro" => Laterality.Right,
        "left" or "lt" or "sinistro" => Laterality.Left,
        "bilateral" or "bilaterally" => Laterality.Bilateral,
        _ => Laterality.None,
    };

    private static bool ShouldExpand(List<Token> tokens, int t)
    {
        var tok = tokens[t];
        if (!ClinicalLexicon.Ambiguous.Contains(tok.Lower))
        {
            return true;
        }

        // "PE: normal" is the physical examination heading, not a pulmonary embolism.
        var headed = t + 1 < tokens.Count && tokens[t + 1].Lower == ":" && tokens[t + 1].Sentence == tok.Sentence;
        return tok.Upper && !headed;
    }

    private static Dictionary<string, (string[] Phrase, string[] Expansion)[]> BuildPhrases() =>
        ClinicalLexicon.Phrases
            .Select(p => (Phrase: StemsOf(p.Phrase), Expansion: StemsOf(p.Expansion)))
            .Where(p => p.Phrase.Length > 0 && p.Expansion.Length > 0 && !p.Phrase.SequenceEqual(p.Expansion))
            .GroupBy(p => p.Phrase[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
}
