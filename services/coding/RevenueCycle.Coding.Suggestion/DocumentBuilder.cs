using System.Runtime.CompilerServices;

namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// Collects the indexed documents (one per title variant or inclusion term) while <see cref="SuggestionIndex.Build"/>
/// walks the codes, then builds the BM25 index and the per-word roles aligned with it.
/// </summary>
internal sealed class DocumentBuilder
{
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private readonly List<TermDoc> _docs = [];
    private readonly List<int[]> _tokens = [];
    private readonly List<TitleWord[]> _roles = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    // Most title words repeat across titles: normalise each distinct word once.
    private readonly Dictionary<string, string> _stems = new(StringComparer.Ordinal);
    private int _currentCode = -1;

    /// <summary>The code the next documents name, and whether its title is a residual "Other ..." category.</summary>
    public readonly record struct Code(int Index, CodeInfo Info, bool Residual);

    /// <summary>Index words of a text with their roles (see <see cref="SuggestionIndex.IndexTerms"/>).</summary>
    public List<(string Stem, TitleWord Role)> Terms(string text, bool hcpcs) => SuggestionIndex.IndexTerms(text, hcpcs, _stems);

    /// <summary>Adds one document for <paramref name="code"/> unless it repeats another of the code or names nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(Code code, string text, byte kind, List<(string Stem, TitleWord Role)>? known = null)
    {
        if (code.Index != _currentCode)
        {
            _currentCode = code.Index;
            _seen.Clear();
        }

        var terms = known ?? Terms(text, code.Info.System == CodeSystems.Hcpcs);
        if (terms.Count == 0 || !_seen.Add(string.Join(' ', terms.Select(x => x.Stem).Order(StringComparer.Ordinal))))
        {
            return;
        }

        // A title made only of qualifiers ("Personal history of other specified conditions") names nothing.
        if (!terms.Exists(x => (x.Role & TitleWord.Soft) == 0 && !ClinicalLexicon.Generic.Contains(x.Stem)))
        {
            return;
        }

        var ids = new int[terms.Count];
        var roles = new TitleWord[terms.Count];
        for (var k = 0; k < terms.Count; k++)
        {
            if (!_vocabulary.TryGetValue(terms[k].Stem, out var id))
            {
                id = _vocabulary.Count;
                _vocabulary.Add(terms[k].Stem, id);
            }

            ids[k] = id;
            roles[k] = terms[k].Role;
        }

        var side = SuggestionIndex.SideOfTitle(text);
        var soft = terms.Count(x => (x.Role & TitleWord.Soft) != 0);
        var naming = terms.Count - soft;
        _docs.Add(new TermDoc(code.Index, side == Laterality.None ? code.Info.Side : side, kind, (byte)Math.Min(255, naming),
            naming + (SuggestionIndex.SoftImportance * soft), code.Residual)
        {
            Required = (byte)Math.Min(255, terms.Count(x => (x.Role & TitleWord.Required) != 0)),
        });
        _tokens.Add(ids);
        _roles.Add(roles);
    }

    /// <summary>Builds BM25 (qualifiers weighted down) and aligns each document's word roles with its index order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (TermDoc[] Docs, Dictionary<string, int> Vocabulary, Bm25Index Bm25, TitleWord[] Roles) Finish()
    {
        TitleWord RoleOf(int d, int t) => _roles[d][Array.IndexOf(_tokens[d], t)];
        var bm25 = Bm25Index.Build(_tokens, _vocabulary.Count, SuggestionIndex.K1, SuggestionIndex.B,
            (d, t) => (RoleOf(d, t) & TitleWord.Soft) != 0 ? SuggestionIndex.SoftImportance : 1.0);
        var roles = new TitleWord[_tokens.Sum(x => x.Length)];
        var docs = _docs.ToArray();
        for (var d = 0; d < docs.Length; d++)
        {
            var start = bm25.DocTokenStart(d);
            var k = 0;
            var rareHead = false;
            int headWords = 0, tailWords = 0;
            foreach (var t in bm25.DocTokens(d))
            {
                var role = RoleOf(d, t);
                roles[start + k++] = role;
                rareHead |= (role & TitleWord.Head) != 0 && bm25.DocumentFrequency(t) <= SuggestionIndex.RareHeadFrequency;
                headWords += (role & TitleWord.Head) != 0 ? 1 : 0;
                tailWords += (role & (TitleWord.Head | TitleWord.Soft)) == 0 ? 1 : 0;
            }

            // A rare head may stand alone only when it carries at least half of what the title names.
            docs[d] = docs[d] with { RareHead = rareHead && headWords >= tailWords };
        }

        return (docs, _vocabulary, bm25, roles);
    }
}
